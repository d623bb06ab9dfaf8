/**
 * The GPU bench's selection rows on raw WebGPU (src/ml/gpu: WGSL kernels, no tfjs) beside the
 * SIMD kernels selection runs on the CPU: the clipped cosine Gram (facility location) and exact
 * kNN (SubZeroCore, facility location's kNN graph), alternating rounds, medians, and how far the
 * two agree (largest Gram difference; share of identical neighbour lists).
 */
import { asMatrix, gramMatrix, l2Normalize } from '../../src/core/math/distances';
import { knn } from '../../src/core/math/knn';
import { compareKnn } from '../../src/core/math/knnCompare';
import { gpuCosineGram, gpuKnn } from '../../src/ml/gpu/similarity';
import { median } from '../stats';
import type { GpuBenchRow } from './measure';

interface GpuLike {
  requestAdapter(): Promise<{ requestDevice(): Promise<GPUDevice> } | null>;
}

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Times both sides, the GPU first when `gpuFirst` (rounds alternate so neither always goes first). */
async function both<G, S>(
  gpu: () => Promise<G>,
  simd: () => S,
  gpuFirst: boolean,
): Promise<[{ ms: number; value: G }, { ms: number; value: S }]> {
  if (gpuFirst) {
    const g = await timed(gpu);
    return [g, await timed(simd)];
  }
  const s = await timed(simd);
  return [await timed(gpu), s];
}

export async function wgslRows(
  embeddings: (n: number, d: number) => Float32Array,
  cfg: { gramRows: number; knnRows: number; dim: number; k: number; rounds: number },
  onFigure?: (what: string, side: 'webgpu' | 'simd', ms: number) => void,
): Promise<GpuBenchRow[]> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  const adapter = await gpu?.requestAdapter();
  const gramWhat = `WGSL cosine Gram ${cfg.gramRows.toLocaleString('en')}×${cfg.dim} (clipped, read back)`;
  const knnWhat = `WGSL kNN ${cfg.knnRows.toLocaleString('en')}×${cfg.dim}, k = ${cfg.k}, cosine`;
  const rows: GpuBenchRow[] = [gramWhat, knnWhat].map((what) => ({ what, ms: {}, rounds: {}, errors: {} }));
  if (!adapter) {
    for (const r of rows) r.errors.webgpu = 'no WebGPU adapter';
    return rows;
  }
  const device = await adapter.requestDevice();
  const gx = embeddings(cfg.gramRows, cfg.dim);
  const kx = embeddings(cfg.knnRows, cfg.dim);
  const push = (row: GpuBenchRow, side: 'webgpu' | 'simd', ms: number) => {
    (row.rounds[side] ??= []).push(ms);
    onFigure?.(row.what, side, ms);
  };
  const [gramRow, knnRow] = rows as [GpuBenchRow, GpuBenchRow];
  try {
    // One untimed call each to compile the pipelines and warm the CPU side.
    await gpuCosineGram(device, gx, cfg.gramRows, cfg.dim, { clip: true });
    await gpuKnn(device, kx.subarray(0, 256 * cfg.dim), 256, cfg.dim, cfg.k, 'cosine');
    for (let r = 0; r < cfg.rounds; r++) {
      const gpuFirst = r % 2 === 0;
      const [g, s1] = await both(
        () => gpuCosineGram(device, gx, cfg.gramRows, cfg.dim, { clip: true }),
        () => gramMatrix(l2Normalize(asMatrix(gx, cfg.dim)), { clipNegative: true }),
        gpuFirst,
      );
      push(gramRow, 'webgpu', g.ms);
      push(gramRow, 'simd', s1.ms);
      let maxDiff = 0;
      for (let i = 0; i < g.value.length; i++)
        maxDiff = Math.max(maxDiff, Math.abs(g.value[i]! - s1.value[i]!));
      gramRow.note = `largest |GPU − SIMD| ${maxDiff.toExponential(1)}`;

      const [kg, s2] = await both(
        () => gpuKnn(device, kx, cfg.knnRows, cfg.dim, cfg.k, 'cosine'),
        () => knn(asMatrix(kx, cfg.dim), cfg.k, { metric: 'cosine' }),
        gpuFirst,
      );
      push(knnRow, 'webgpu', kg.ms);
      push(knnRow, 'simd', s2.ms);
      const agree = compareKnn(kg.value, s2.value);
      knnRow.note = `identical lists ${((100 * agree.same) / cfg.knnRows).toFixed(2)} %, differing only in ties ${((100 * agree.tied) / cfg.knnRows).toFixed(2)} %`;
    }
  } catch (e) {
    for (const r of rows) r.errors.webgpu ??= (e as Error).message;
  } finally {
    device.destroy();
  }
  for (const row of rows)
    for (const [k, v] of Object.entries(row.rounds)) row.ms[k as 'webgpu' | 'simd'] = median(v);
  return rows;
}
