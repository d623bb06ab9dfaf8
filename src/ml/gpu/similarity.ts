/**
 * Cosine Gram and exact kNN on a WebGPU device (raw WebGPU: shaders.ts), in row blocks that fit
 * the device's limits (plan.ts): no n × n buffer for kNN, one read-back per block (never per
 * tile), the next block computing while the last one is read. Inputs are normalised and
 * normed on the CPU with core's own functions, so the GPU sees the same f32 rows the SIMD path
 * multiplies; only the order of the additions in each inner product differs.
 *
 * Every entry point takes the GPUDevice explicitly (a browser device, or Dawn's in Node) and
 * returns plain typed arrays. Cancellable between blocks (`checkpoint` throws), progress per block.
 */
import { l2Normalize, rowSqNorms } from '../../core/math/distances';
import type { KnnMetric, KnnResult } from '../../core/math/knn';
import { planGram, planKnn, TILE, TOPK_GROUP } from './plan';
import { Buffers, COPY_SRC, dispatch, runBlocks, STORAGE, type GpuBlockOptions } from './blocks';
import { DOT_TILE_WGSL, topKWgsl } from './shaders';
import { mergeTopK } from './topk';

export type { GpuBlockOptions } from './blocks';

export interface GpuGramOptions extends GpuBlockOptions {
  /** max(0, cos): facility location's kernel. */
  clip?: boolean;
}

export interface GpuKnnOptions extends GpuBlockOptions {
  /** Count a row as its own neighbour (as core's knn). Default false. */
  includeSelf?: boolean;
  /** Columns one GPU thread scans for its top-k list (default 256). */
  segTarget?: number;
}

interface Pipelines {
  dot: GPUComputePipeline;
  topK: Map<number, GPUComputePipeline>;
}
const pipelines = new WeakMap<GPUDevice, Pipelines>();

async function compile(device: GPUDevice, code: string, label: string): Promise<GPUComputePipeline> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code, label });
  const pipeline = await device.createComputePipelineAsync({
    label,
    layout: 'auto',
    compute: { module, entryPoint: 'main' },
  });
  const err = await device.popErrorScope();
  if (err) throw new Error(`WebGPU could not build the ${label} kernel: ${err.message}`);
  return pipeline;
}

async function dotPipeline(device: GPUDevice): Promise<Pipelines> {
  let p = pipelines.get(device);
  if (!p) {
    p = { dot: await compile(device, DOT_TILE_WGSL, 'dotTile'), topK: new Map() };
    pipelines.set(device, p);
  }
  return p;
}

async function topKPipeline(device: GPUDevice, k: number): Promise<GPUComputePipeline> {
  const p = await dotPipeline(device);
  let t = p.topK.get(k);
  if (!t) {
    t = await compile(device, topKWgsl(k), `topK${k}`);
    p.topK.set(k, t);
  }
  return t;
}

function checkShape(data: Float32Array, rows: number, dim: number): void {
  if (data.length !== rows * dim)
    throw new RangeError(`GPU similarity: ${data.length} values are not ${rows} rows of ${dim}`);
}

/**
 * Streams the cosine Gram of the rows (optionally max(0, ·)) in row blocks: `onBlock(start,
 * count, block)` gets rows [start, start+count) × all columns, row-major. `block` is a view of
 * mapped GPU memory, valid only during the call (copy what you keep).
 */
export async function gpuCosineGramBlocks(
  device: GPUDevice,
  data: Float32Array,
  rows: number,
  dim: number,
  onBlock: (start: number, count: number, block: Float32Array) => void,
  opts: GpuGramOptions = {},
): Promise<void> {
  checkShape(data, rows, dim);
  const plan = planGram(rows, dim, device.limits, opts.tileBytes);
  const { dot } = await dotPipeline(device);
  const bufs = new Buffers(device);
  try {
    const x = bufs.upload(l2Normalize({ data, rows, dim }).data, 'rows');
    const outBytes = plan.rowBlock * rows * 4;
    const out = bufs.make(outBytes, STORAGE | COPY_SRC, 'gram block');
    const count = (b: number): number => Math.min(plan.rowBlock, rows - b * plan.rowBlock);
    await runBlocks(
      device,
      plan,
      opts,
      [outBytes],
      (b, enc, [staging], scratch) => {
        const na = count(b);
        const params = scratch.uniform([b * plan.rowBlock, na, 0, rows, dim, opts.clip ? 1 : 0, rows, 0]);
        dispatch(enc, device, dot, [x, out, params], [Math.ceil(rows / TILE), Math.ceil(na / TILE)]);
        enc.copyBufferToBuffer(out, 0, staging!, 0, na * rows * 4);
      },
      (b, [mapped]) => onBlock(b * plan.rowBlock, count(b), new Float32Array(mapped!, 0, count(b) * rows)),
      bufs,
    );
  } finally {
    bufs.destroy();
  }
}

/** The full rows × rows cosine Gram (optionally clipped at 0) as one Float32Array. */
export async function gpuCosineGram(
  device: GPUDevice,
  data: Float32Array,
  rows: number,
  dim: number,
  opts: GpuGramOptions = {},
): Promise<Float32Array> {
  const out = new Float32Array(rows * rows);
  await gpuCosineGramBlocks(
    device,
    data,
    rows,
    dim,
    (start, _n, block) => out.set(block, start * rows),
    opts,
  );
  return out;
}

/**
 * Exact k nearest neighbours of every row, as core's `knn` returns them (nearest first; values:
 * squared distance or cosine similarity; ties to the lower index). k is capped at the rows
 * available, as in core.
 */
export async function gpuKnn(
  device: GPUDevice,
  data: Float32Array,
  rows: number,
  dim: number,
  k: number,
  metric: KnnMetric,
  opts: GpuKnnOptions = {},
): Promise<KnnResult> {
  checkShape(data, rows, dim);
  const self = opts.includeSelf ?? false;
  const kk = Math.min(k, self ? rows : rows - 1);
  if (!(kk >= 1))
    throw new RangeError(`k nearest neighbours need k ≥ 1 and at least 2 rows (k=${k}, n=${rows})`);
  const plan = planKnn(rows, dim, kk, device.limits, opts);
  const { dot } = await dotPipeline(device);
  const topK = await topKPipeline(device, kk);
  const eu = metric === 'sqeuclidean';
  const x = eu ? { data, rows, dim } : l2Normalize({ data, rows, dim });
  const norms = rowSqNorms(x);
  const values = new Float32Array(rows * kk);
  const indices = new Int32Array(rows * kk);
  const stride = plan.candidatesPerRow;
  const candBytes = plan.rowBlock * stride * 4;
  const bufs = new Buffers(device);
  try {
    const xb = bufs.upload(x.data, 'rows');
    const nb = bufs.upload(Float32Array.from(norms), 'norms');
    const tile = bufs.make(plan.rowBlock * plan.colBlock * 4, STORAGE, 'tile');
    const candV = bufs.make(candBytes, STORAGE | COPY_SRC, 'candidate keys');
    const candI = bufs.make(candBytes, STORAGE | COPY_SRC, 'candidate rows');
    const count = (b: number): number => Math.min(plan.rowBlock, rows - b * plan.rowBlock);
    await runBlocks(
      device,
      plan,
      opts,
      [candBytes, candBytes],
      (b, enc, [sv, si], scratch) => {
        const a = b * plan.rowBlock;
        const na = count(b);
        for (let c = 0; c < plan.chunks; c++) {
          const c0 = c * plan.colBlock;
          const nc = Math.min(plan.colBlock, rows - c0);
          const dp = scratch.uniform([a, na, c0, nc, dim, 0, nc, 0]);
          dispatch(enc, device, dot, [xb, tile, dp], [Math.ceil(nc / TILE), Math.ceil(na / TILE)]);
          const segs = plan.segsPerChunk;
          const off = c * segs * kk;
          const tp = scratch.uniform([
            a,
            na,
            c0,
            nc,
            plan.segLen,
            segs,
            eu ? 1 : 0,
            self ? 0 : 1,
            stride,
            off,
            0,
            0,
          ]);
          dispatch(enc, device, topK, [tile, nb, candV, candI, tp], [Math.ceil((na * segs) / TOPK_GROUP), 1]);
        }
        enc.copyBufferToBuffer(candV, 0, sv!, 0, na * stride * 4);
        enc.copyBufferToBuffer(candI, 0, si!, 0, na * stride * 4);
      },
      (b, [mv, mi]) => {
        const na = count(b);
        const cv = new Float32Array(mv!, 0, na * stride);
        const ci = new Int32Array(mi!, 0, na * stride);
        mergeTopK(cv, ci, na, stride, kk, values, indices, b * plan.rowBlock);
      },
      bufs,
    );
  } finally {
    bufs.destroy();
  }
  if (eu)
    for (let r = 0; r < rows; r++)
      for (let q = 0; q < kk; q++) {
        const v = norms[r]! - values[r * kk + q]!;
        values[r * kk + q] = v > 0 ? v : 0;
      }
  return { n: rows, k: kk, metric, indices, values };
}
