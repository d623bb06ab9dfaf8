/**
 * How the WebGPU similarity kernels (gram.ts, knn.ts) cut an n × dim input into blocks that fit
 * the device: rows of the output in row blocks, columns in chunks, and for kNN each chunk in
 * segments whose top-K lists one GPU thread keeps. Pure arithmetic (unit-tested in plan.test.ts).
 */

/** The device limits the plan respects (a subset of GPUSupportedLimits). */
export interface GpuLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeWorkgroupsPerDimension: number;
}

/** The matmul kernel's output tile edge and the K-slice it stages in workgroup memory. */
export const TILE = 64;
export const K_SLICE = 16;
/** Bytes of workgroup memory one matmul workgroup uses (A and B slices, f32). */
export const WORKGROUP_BYTES = 2 * TILE * K_SLICE * 4;
/** Threads per workgroup of the top-K kernel. */
export const TOPK_GROUP = 64;
/** Largest k the top-K kernel keeps per thread (its private lists are unrolled to this size). */
export const MAX_GPU_K = 256;
/** Default bytes of one block's output (a Gram row block, or one kNN tile). */
export const DEFAULT_TILE_BYTES = 64 * 1024 * 1024;

export interface BlockPlan {
  rows: number;
  dim: number;
  /** Output rows per block (a multiple of TILE unless it is all rows). */
  rowBlock: number;
  /** Columns per chunk (kNN: the chunk's tile is rowBlock × colBlock). */
  colBlock: number;
  chunks: number;
  blocks: number;
  /** kNN only: columns per segment and segments per chunk (1 / colBlock for a Gram plan). */
  segLen: number;
  segsPerChunk: number;
  /** kNN only: candidate slots per row across all chunks (segsPerChunk · chunks · k). */
  candidatesPerRow: number;
}

function bufferCap(limits: GpuLimits): number {
  return Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
}

function checkInput(rows: number, dim: number, limits: GpuLimits): void {
  if (!Number.isInteger(rows) || !Number.isInteger(dim) || rows < 1 || dim < 1)
    throw new RangeError(`GPU similarity needs at least one row and one column (rows=${rows}, dim=${dim})`);
  const bytes = rows * dim * 4;
  if (bytes > bufferCap(limits))
    throw new RangeError(
      `GPU similarity: the input (${rows} × ${dim} floats, ${bytes} bytes) exceeds this device's ` +
        `largest storage buffer (${bufferCap(limits)} bytes)`,
    );
  if (WORKGROUP_BYTES > limits.maxComputeWorkgroupStorageSize)
    throw new RangeError(
      `GPU similarity needs ${WORKGROUP_BYTES} bytes of workgroup memory; this device allows ` +
        `${limits.maxComputeWorkgroupStorageSize}`,
    );
}

function roundDownTo(x: number, m: number): number {
  return Math.max(m, Math.floor(x / m) * m);
}

/**
 * The Gram plan: whole output rows (colBlock = rows), as many per block as fit `tileBytes` and
 * the device's buffer limits.
 */
export function planGram(
  rows: number,
  dim: number,
  limits: GpuLimits,
  tileBytes = DEFAULT_TILE_BYTES,
): BlockPlan {
  checkInput(rows, dim, limits);
  const budget = Math.min(tileBytes, bufferCap(limits));
  const rowBytes = rows * 4;
  if (rowBytes > budget)
    throw new RangeError(
      `GPU Gram: one output row of ${rows} floats exceeds the block budget of ${budget} bytes`,
    );
  let rowBlock = Math.floor(budget / rowBytes);
  rowBlock = rowBlock >= rows ? rows : rowBlock >= TILE ? roundDownTo(rowBlock, TILE) : rowBlock;
  rowBlock = Math.min(rowBlock, limits.maxComputeWorkgroupsPerDimension * TILE);
  return {
    rows,
    dim,
    rowBlock,
    colBlock: rows,
    chunks: 1,
    blocks: Math.ceil(rows / rowBlock),
    segLen: rows,
    segsPerChunk: 1,
    candidatesPerRow: 0,
  };
}

/**
 * The kNN plan: a tile of rowBlock × colBlock inner products per dispatch (never n × n), each
 * chunk's columns split into segments of about `segTarget` columns whose top-k one GPU thread
 * keeps; the candidates of every segment of a row block come back in one read-back.
 */
export function planKnn(
  rows: number,
  dim: number,
  k: number,
  limits: GpuLimits,
  opts: { tileBytes?: number; segTarget?: number } = {},
): BlockPlan {
  checkInput(rows, dim, limits);
  if (!Number.isInteger(k) || k < 1 || k > MAX_GPU_K)
    throw new RangeError(`GPU kNN keeps 1 to ${MAX_GPU_K} neighbours per row (asked for ${k})`);
  const budget = Math.min(opts.tileBytes ?? DEFAULT_TILE_BYTES, bufferCap(limits));
  // Columns per chunk: all rows when TILE rows of them fit the budget, else a multiple of TILE.
  const maxCols = Math.floor(budget / (4 * TILE));
  if (maxCols < TILE) throw new RangeError(`GPU kNN: a block budget of ${budget} bytes is too small`);
  const colBlock = rows <= maxCols ? rows : roundDownTo(maxCols, TILE);
  const chunks = Math.ceil(rows / colBlock);
  let rowBlock = Math.floor(budget / (4 * colBlock));
  rowBlock = rowBlock >= rows ? rows : roundDownTo(rowBlock, TILE);
  // Segments long enough that the candidates fit the budget and the dispatch's group count.
  let segLen = Math.max(k, opts.segTarget ?? 256);
  const fits = (s: number): boolean => {
    const segs = Math.ceil(colBlock / s);
    const cand = rowBlock * segs * chunks * k * 4;
    return (
      cand <= budget && Math.ceil((rowBlock * segs) / TOPK_GROUP) <= limits.maxComputeWorkgroupsPerDimension
    );
  };
  while (!fits(segLen) && segLen < colBlock) segLen *= 2;
  while (!fits(segLen) && rowBlock > TILE) rowBlock = roundDownTo(rowBlock / 2, TILE);
  if (!fits(segLen)) throw new RangeError(`GPU kNN: no block plan fits this device for k=${k}`);
  const segsPerChunk = Math.ceil(colBlock / segLen);
  return {
    rows,
    dim,
    rowBlock,
    colBlock,
    chunks,
    blocks: Math.ceil(rows / rowBlock),
    segLen,
    segsPerChunk,
    candidatesPerRow: segsPerChunk * chunks * k,
  };
}
