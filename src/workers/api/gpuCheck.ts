/**
 * The GPU selection path checked against the SIMD path on the loaded data (a test hook, `?test`,
 * and a figure for a machine with a GPU): the WGSL cosine Gram against core's Gram of the same
 * rows, WGSL kNN against core's kNN, and facility location and SubZeroCore run through their
 * methods with and without the accelerator, on the run's own embeddings (PCA-32 of the pixels).
 *
 * Tolerances: the two sides multiply the same f32 rows and differ only in the order of the
 * additions, so Gram entries agree to a few f32 ulps of the row norms (reported as the largest
 * absolute difference; unit rows, so ≤ 1e-5 is float round-off). kNN lists may swap two
 * neighbours whose keys are that close: a row counts as "tied" when its lists differ only at
 * positions whose values agree within 1e-5 (relative), and as a mismatch otherwise.
 */
import type { PreparedData } from '../../core/data/prepare';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { gramMatrix, l2Normalize, type Matrix } from '../../core/math/distances';
import { knn, type KnnMetric } from '../../core/math/knn';
import { compareKnn } from '../../core/math/knnCompare';
import { createRng } from '../../core/math/rng';
import { facilityLocationMethod } from '../../core/methods/facility-location/facilityLocation';
import { subzeroMethod } from '../../core/methods/subzero/subzero';
import { resolveParams } from '../../core/methods/params';
import type { PreTrainingMethod, SelectContext } from '../../core/methods/types';
import { budgetFor } from '../../core/budget/budgets';
import { computeSignals } from '../../ml/signals';
import { selectionAccelerator, selectionDevice } from '../../ml/gpu/accelerator';
import { gpuCosineGram, gpuKnn } from '../../ml/gpu/similarity';

export interface KnnCheck {
  metric: KnnMetric;
  k: number;
  same: number;
  tied: number;
  mismatched: number;
  maxValueDiff: number;
  gpuMs: number;
  simdMs: number;
}

export interface PicksCheck {
  method: string;
  graph: string;
  picks: number;
  same: boolean;
  /** Where the pick lists first differ (absent when the same). */
  firstDiff?: number;
  gpuMs: number;
  simdMs: number;
  gpuBlocks: number;
}

export interface GpuCheckReport {
  adapter: string;
  rows: number;
  dim: number;
  /** Medians of `rounds` alternating rounds (ms); the picks' times are single runs. */
  gram: { maxAbsDiff: number; gpuMs: number; simdMs: number };
  rounds: number;
  knn: KnnCheck[];
  picks: PicksCheck[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
}

/**
 * Runs the checks on the first `rows` training rows (all when fewer), timing the Gram and kNN in
 * `rounds` alternating rounds. Throws when the GPU path is off.
 */
export async function gpuSelfCheck(
  data: PreparedData,
  spec: ExperimentSpec,
  rows = 1000,
  rounds = 3,
): Promise<GpuCheckReport> {
  const h = await selectionDevice();
  if (!h)
    throw new Error('the GPU selection path is off here (no hardware adapter; force it with ?selectGpu=1)');
  const ctrl = new AbortController();
  const signals = await computeSignals(['embeddings'], data, spec, () => {}, ctrl.signal);
  const emb = signals.embeddings!;
  const n = Math.min(rows, signals.n);
  const m: Matrix = { data: emb.data.subarray(0, n * emb.dim), rows: n, dim: emb.dim };

  // Warm: the kernels compile on first use.
  const w = Math.min(n, 64);
  await gpuCosineGram(h.device, m.data.subarray(0, w * m.dim), w, m.dim, { clip: true });
  await gpuKnn(h.device, m.data.subarray(0, w * m.dim), w, m.dim, 10, 'cosine');
  // Speed: the median of `rounds` alternating rounds per side (the first result kept to compare).
  const gramGpu: number[] = [];
  const gramSimd: number[] = [];
  let gpuGram: Float32Array = new Float32Array(0);
  let cpuGram: Float32Array = new Float32Array(0);
  for (let r = 0; r < rounds; r++) {
    const [g, gms] = await timed(() => gpuCosineGram(h.device, m.data, n, m.dim, { clip: true }));
    const [c, cms] = await timed(() => gramMatrix(l2Normalize(m), { clipNegative: true }));
    if (r === 0) [gpuGram, cpuGram] = [g, c];
    gramGpu.push(gms);
    gramSimd.push(cms);
  }
  let maxAbsDiff = 0;
  for (let q = 0; q < cpuGram.length; q++)
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(gpuGram[q]! - cpuGram[q]!));

  const knnChecks: KnnCheck[] = [];
  for (const metric of ['cosine', 'sqeuclidean'] as const) {
    const k = 10;
    const gms: number[] = [];
    const cms: number[] = [];
    let first: Pick<KnnCheck, 'same' | 'tied' | 'mismatched' | 'maxValueDiff'> | undefined;
    for (let r = 0; r < rounds; r++) {
      const [g, gt] = await timed(() => gpuKnn(h.device, m.data, n, m.dim, k, metric));
      const [c, ct] = await timed(() => knn(m, k, { metric }));
      first ??= compareKnn(g, c);
      gms.push(gt);
      cms.push(ct);
    }
    knnChecks.push({ metric, k, ...first!, gpuMs: median(gms), simdMs: median(cms) });
  }

  // The methods on all rows of the loaded data, per class as the app runs them.
  const picks: PicksCheck[] = [];
  const budget = budgetFor(0.1, signals.n);
  const runs: [PreTrainingMethod, Record<string, unknown>][] = [
    [facilityLocationMethod, { graph: 'dense' }],
    [facilityLocationMethod, { graph: 'knn', neighbours: 20 }],
    [subzeroMethod, { graph: 'dense' }],
  ];
  for (const [method, given] of runs) {
    const params = resolveParams(method.params, given, method.name);
    const ctx = (): SelectContext => ({
      fraction: 0.1,
      budget,
      rng: createRng(spec.seed).fork('gpu-check'),
      onProgress: () => {},
      signal: ctrl.signal,
    });
    const acc = await selectionAccelerator();
    if (!acc) throw new Error('the GPU selection path turned off during the check');
    const [gpuSel, gms] = await timed(() =>
      method.select(signals, params, { ...ctx(), accelerator: acc.accelerator }),
    );
    if (acc.use.fallback) throw new Error(`the GPU path fell back: ${acc.use.fallback}`);
    const [cpuSel, cms] = await timed(() => method.select(signals, params, ctx()));
    const a = gpuSel.indices;
    const b = cpuSel.indices;
    let firstDiff = -1;
    for (let q = 0; q < Math.max(a.length, b.length) && firstDiff < 0; q++) if (a[q] !== b[q]) firstDiff = q;
    picks.push({
      method: method.id,
      graph: String(given.graph),
      picks: b.length,
      same: firstDiff < 0,
      ...(firstDiff >= 0 ? { firstDiff } : {}),
      gpuMs: gms,
      simdMs: cms,
      gpuBlocks: acc.use.gram + acc.use.knn,
    });
  }
  return {
    adapter: `${h.software ? 'software' : 'hardware'} (${h.adapter})`,
    rows: n,
    dim: m.dim,
    gram: { maxAbsDiff, gpuMs: median(gramGpu), simdMs: median(gramSimd) },
    rounds,
    knn: knnChecks,
    picks,
  };
}
