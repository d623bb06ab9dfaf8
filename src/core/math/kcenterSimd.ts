/**
 * k-center greedy with each whole step in WebAssembly SIMD (wasm/kcenterStep.wat): the scan of
 * the centres, the inner products, the relax, the split of the member lists and the next pick
 * run there, so no JS loop touches the rows. Members are kept as one contiguous segment per
 * centre in a slot pool (row id and squared distance side by side), walked in order rather than
 * chased through a linked list. The pruning, arithmetic and tie rules are kcenter.ts's, so the
 * picks are the same (tested against the plain loop and the textbook one).
 */
import type { Matrix } from './distances';
import type { KCenterOptions, KCenterResult } from './kcenterTypes';
import { layout, simdAvailable } from './wasm/simd';
import { KCENTER_STEP_WASM } from './wasm/kcenterStep';

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface StepExports {
  memory: WasmMemory;
  setup(
    bytes: number,
    d: number,
    norms: number,
    row: number,
    segD: number,
    start: number,
    len: number,
    farD: number,
    farI: number,
    picks: number,
    idx: number,
    dot: number,
    scd: number,
    tpos: number,
    qs: number,
    out: number,
    K: number,
    m1: number,
  ): void;
  /** Pick t is row c (owned by centre own); returns the rows measured. */
  step(t: number, c: number, own: number, prune: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

let compiled: object | null | undefined;
/** The instance the last run handed back (its memory already grown and paged in). */
let kept: StepExports | null = null;

function instance(bytes: number): StepExports | null {
  if (!simdAvailable()) return null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (compiled === undefined) {
    try {
      compiled = api ? new api.Module(KCENTER_STEP_WASM) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled || !api) return null;
  // Taken for the whole run: a run started meanwhile (from a progress callback) gets its own.
  const k = kept ?? (new api.Instance(compiled, {}).exports as StepExports);
  kept = null;
  const pages = Math.ceil((bytes - k.memory.buffer.byteLength) / 65536);
  if (pages > 0) k.memory.grow(pages);
  return k;
}

/** Drops the kept instance (the next run starts a fresh one). */
export function dropKCenterMemory(): void {
  kept = null;
}

/**
 * The run in WebAssembly, or null where SIMD is unavailable (the caller runs the plain loop).
 * `norms` are the rows' squared norms in f64 (rowSqNorms); 0 < k ≤ rows, first is valid.
 */
export function kCenterSimd(
  m: Matrix,
  k: number,
  opts: KCenterOptions,
  norms: Float64Array,
  margin: number,
): KCenterResult | null {
  const n = m.rows;
  const d = m.dim;
  const dp = Math.ceil(d / 8) * 8;
  // The pool: every row starts in segment K; a step appends at most the n - t rows unpicked.
  // Compacted when that might not fit, so with 4n slots at least 2n moves pass between two
  // compactions (each copies at most n slots).
  const pool = 4 * n;
  const lay = layout();
  const xAt = lay.take(n * dp * 4);
  const normsAt = lay.take(n * 8);
  const rowAt = lay.take(pool * 4);
  const segDAt = lay.take(pool * 8);
  const startAt = lay.take((k + 1) * 4);
  const lenAt = lay.take((k + 1) * 4);
  const farDAt = lay.take((k + 1) * 8);
  const farIAt = lay.take((k + 1) * 4);
  const picksAt = lay.take(k * 4);
  const idxAt = lay.take((k + 1 + n) * 4);
  const dotAt = lay.take(Math.max(n, k) * 4 + 16);
  const scdAt = lay.take((k + 1) * 8);
  const tposAt = lay.take(Math.max(n, k) * 4);
  const qsAt = lay.take((k + 2) * 4);
  const outAt = lay.take(32);
  const w = instance(lay.size);
  if (!w) return null;
  const buf = w.memory.buffer;
  const x = new Float32Array(buf, xAt, n * dp);
  if (dp === d) x.set(m.data.subarray(0, n * d));
  else {
    // A kept memory holds the last run's rows: the padding lanes must be zeroed.
    x.fill(0);
    for (let i = 0; i < n; i++) x.set(m.data.subarray(i * d, i * d + d), i * dp);
  }
  new Float64Array(buf, normsAt, n).set(norms);
  const row = new Int32Array(buf, rowAt, pool);
  const segD = new Float64Array(buf, segDAt, pool);
  const start = new Int32Array(buf, startAt, k + 1);
  const len = new Int32Array(buf, lenAt, k + 1);
  const picks = new Int32Array(buf, picksAt, k);
  const out = new Int32Array(buf, outAt, 8);
  const outD = new Float64Array(buf, outAt, 4);
  // Before the first step every row sits in segment K at distance +inf.
  for (let i = 0; i < n; i++) row[i] = i;
  segD.fill(Infinity, 0, n);
  start[k] = 0;
  len[k] = n;
  out[4] = n;
  w.setup(
    dp * 4,
    d,
    normsAt,
    rowAt,
    segDAt,
    startAt,
    lenAt,
    farDAt,
    farIAt,
    picksAt,
    idxAt,
    dotAt,
    scdAt,
    tposAt,
    qsAt,
    outAt,
    k,
    1 + margin,
  );

  const radius = new Float64Array(k);
  const every = Math.max(1, Math.floor(k / 50));
  let evaluations = 0;
  let pruneOffUntil = 0;
  let c = opts.first;
  let own = k;
  for (let t = 0; t < k; t++) {
    picks[t] = c;
    if (out[4]! + n - t > pool) compact(start, len, row, segD, t, out);
    // When a step saves fewer than t row distances (e.g. one isotropic blob), the centre
    // distances cost more than they save: pruning goes off for a while, then is tried again.
    const prune = t > 0 && t >= pruneOffUntil;
    const count = w.step(t, c, own, prune ? 1 : 0);
    evaluations += count;
    if (prune && n - count < t) pruneOffUntil = t + 32;
    c = out[0]!;
    own = out[1]!;
    radius[t] = c < 0 ? 0 : Math.sqrt(outD[1]!);
    if (t % every === 0) {
      opts.checkpoint?.();
      opts.onProgress?.((t + 1) / k);
    }
  }
  // Each row's centre and distance, out of the segments (picked rows: their own, at 0).
  const minSqDist = new Float64Array(n);
  const assign = new Int32Array(n);
  for (let s = 0; s < k; s++) {
    for (let p = start[s]!, e = p + len[s]!; p < e; p++) {
      minSqDist[row[p]!] = segD[p]!;
      assign[row[p]!] = s;
    }
  }
  const picked = Int32Array.from(picks);
  for (let t = 0; t < k; t++) assign[picked[t]!] = t;
  opts.onProgress?.(1);
  // Nothing returned lives in the kernel memory: the next run takes it (no fresh page faults
  // nor instantiation).
  kept = w;
  return { picks: picked, radius, minSqDist, assign, evaluations };
}

/** Moves the live segments of centres 0..t-1 to the pool's front, in order (starts ascend). */
function compact(
  start: Int32Array,
  len: Int32Array,
  row: Int32Array,
  segD: Float64Array,
  t: number,
  out: Int32Array,
): void {
  let w = 0;
  for (let s = 0; s < t; s++) {
    const l = len[s]!;
    const from = start[s]!;
    if (from !== w) {
      row.copyWithin(w, from, from + l);
      segD.copyWithin(w, from, from + l);
    }
    start[s] = w;
    w += l;
  }
  out[4] = w;
}
