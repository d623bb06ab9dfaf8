/**
 * kNN's SIMD tiles (knn.ts): the rows, one tile of inner products, the bars and the list of
 * pairs that may pass them, in one WebAssembly SIMD kernel memory; and the grouping of rows by
 * nearest pivot that lets the tiles meet each row's near rows first.
 */
import { SIMD_TILE_WORK, type Matrix } from './distances';
import { layout, takeKernels, type KernelExports } from './wasm/simd';

export interface SimdTiles {
  kern: KernelExports;
  /** Inner products of the last scanned tile, rows `stride` floats apart. */
  tile: Float32Array;
  stride: number;
  /** i·65536 + j of the pairs the last scan listed, in row-major order. */
  pairs: Int32Array;
  /** Row at each position of the kernel memory's matrix (the identity unless grouped). */
  order: Int32Array;
  /** Rows grouped by nearest pivot (every tile is then a SIMD tile, in any order). */
  grouped: boolean;
  /** Computes the tile of positions [a, a+na) × [b, b+nb) and lists the pairs that may pass a bar. */
  scan(a: number, na: number, b: number, nb: number, worst: Float32Array): number;
}

/**
 * x (rows padded to whole f32x4 vectors), one tile, the bars and the pair list in one SIMD
 * kernel memory; null where SIMD is unavailable or the tile is too big to index in 16 bits.
 *
 * A pair (i, j) is offered when row i's key for j reaches row i's bar or j's key for i reaches
 * j's bar; keys are dot (cosine) or 2·dot − ‖other‖² (euclidean, in f64). The kernel tests
 * mul·dot ≥ min(bar_i − m_i + off_j, bar_j − m_j + off_i) in f32, with off = ‖row‖² − m' and
 * margins m, m' of 10⁻⁵ of the magnitudes involved (f32 rounding is under 10⁻⁶ of them), so it
 * never drops a pair the f64 test would offer; cosine needs no margin (the same f32 values).
 * Bars only rise, so bars read before the tile's offers only let more pairs through; the JS
 * re-tests each listed pair against the current bars.
 *
 * When every tile of the row-order tiling is a SIMD tile (so every inner product comes from
 * the same kernel, whatever the tiling), the rows are stored grouped by nearest pivot
 * (groupRows): the same inner products bit for bit (a·b and b·a sum the same products in the
 * same lanes), met in an order that raises the bars sooner.
 */
export function simdTiles(x: Matrix, norms: Float64Array, t: number, eu: boolean): SimdTiles | null {
  if (t > 4096) return null;
  const n = x.rows;
  const d = x.dim;
  const dp = Math.ceil(d / 4) * 4;
  const tp = Math.ceil(t / 4) * 4;
  const lay = layout();
  const xAt = lay.take(n * dp * 4);
  const tileAt = lay.take(t * tp * 4);
  // Bars and offsets per position, 4 spare entries (+∞: never pass) for the last vector.
  const barAt = lay.take((n + 4) * 4);
  const offAt = lay.take((n + 4) * 4);
  const pairsAt = lay.take(t * tp * 4);
  const k = takeKernels('knn', lay.size);
  if (!k) return null;
  const buf = k.memory.buffer;
  const xs = new Float32Array(buf, xAt, n * dp);
  // A kept memory holds the last run's rows: the padding lanes must be zeroed.
  if (dp !== d) xs.fill(0);
  for (let i = 0; i < n; i++) xs.set(x.data.subarray(i * d, i * d + d), i * dp);
  const small = Math.min(t, n % t || t);
  const grouped = small * small * d >= SIMD_TILE_WORK && n >= 2 * t;
  const order = grouped
    ? groupRows(x, k, xAt, dp, norms, eu, new Float32Array(buf, pairsAt, t * tp))
    : Int32Array.from({ length: n }, (_, i) => i);
  if (grouped) for (let p = 0; p < n; p++) xs.set(x.data.subarray(order[p]! * d, order[p]! * d + d), p * dp);
  const bar = new Float32Array(buf, barAt, n + 4).fill(Infinity);
  const off = new Float32Array(buf, offAt, n + 4).fill(Infinity);
  for (let p = 0; p < n; p++) {
    const r = order[p]!;
    off[p] = eu ? norms[r]! - 1e-5 * (norms[r]! + 1) : 0;
  }
  const setBars = (from: number, count: number, worst: Float32Array): void => {
    for (let p = from; p < from + count; p++) {
      const r = order[p]!;
      const w = worst[r]!;
      bar[p] = eu ? w - 1e-5 * (Math.abs(w) + norms[r]! + 1) : w;
    }
  };
  return {
    kern: k,
    tile: new Float32Array(buf, tileAt, t * tp),
    stride: tp,
    pairs: new Int32Array(buf, pairsAt, t * tp),
    order,
    grouped,
    scan(a, na, b, nb, worst) {
      // Four rows per sweep where possible, as dotTile's SIMD path does (the same bits).
      let i = 0;
      for (; i + 4 <= na; i += 4)
        k.dots4Range(xAt + (a + i) * dp * 4, xAt, b, nb, dp, tileAt + i * tp * 4, tp * 4);
      for (; i < na; i++) k.dotsRange(xAt + (a + i) * dp * 4, xAt, b, nb, dp, tileAt + i * tp * 4);
      setBars(a, na, worst);
      if (b !== a) setBars(b, nb, worst);
      return k.knnScan(
        tileAt,
        na,
        nb,
        tp * 4,
        barAt + a * 4,
        offAt + a * 4,
        barAt + b * 4,
        offAt + b * 4,
        eu ? 2 : 1,
        pairsAt,
      );
    },
  };
}

/**
 * An order of the rows (position → row) that puts rows near each other next to each other:
 * each row joins its nearest of P evenly spaced pivot rows (largest key: dot, or 2·dot − ‖p‖²
 * for euclidean), and the pivots are chained nearest-first from the first one, so neighbouring
 * groups are near too. About P·N·d multiply-adds in the SIMD kernels (P = N/128, at most 64).
 * The rows (in their own order) are at byte xAt of the kernel memory; scratch takes the dots.
 */
function groupRows(
  x: Matrix,
  k: KernelExports,
  xAt: number,
  dp: number,
  norms: Float64Array,
  eu: boolean,
  scratch: Float32Array,
): Int32Array {
  const n = x.rows;
  const d = x.dim;
  const P = Math.max(2, Math.min(64, Math.ceil(n / 128)));
  const piv = Int32Array.from({ length: P }, (_, p) => Math.floor(((p + 0.5) * n) / P));
  const best = new Float64Array(n).fill(-Infinity);
  const group = new Int32Array(n);
  const chunk = Math.max(1, scratch.length);
  for (let p = 0; p < P; p++) {
    const np = eu ? norms[piv[p]!]! : 0;
    for (let from = 0; from < n; from += chunk) {
      const count = Math.min(chunk, n - from);
      k.dotsRange(xAt + piv[p]! * dp * 4, xAt, from, count, dp, scratch.byteOffset);
      for (let q = 0; q < count; q++) {
        const key = eu ? 2 * scratch[q]! - np : scratch[q]!;
        if (key > best[from + q]!) {
          best[from + q] = key;
          group[from + q] = p;
        }
      }
    }
  }
  // Chain the pivots: from pivot 0, each next one the nearest not yet chained.
  const rank = new Int32Array(P).fill(-1);
  let cur = 0;
  rank[0] = 0;
  for (let step = 1; step < P; step++) {
    const c = piv[cur]! * d;
    let next = -1;
    let bestKey = -Infinity;
    for (let q = 0; q < P; q++) {
      if (rank[q]! >= 0) continue;
      const o = piv[q]! * d;
      let dot = 0;
      for (let e = 0; e < d; e++) dot += x.data[c + e]! * x.data[o + e]!;
      const key = eu ? 2 * dot - norms[piv[q]!]! : dot;
      if (key > bestKey) {
        bestKey = key;
        next = q;
      }
    }
    rank[next] = step;
    cur = next;
  }
  // Rows by their pivot's place in the chain, in row order within a group.
  const start = new Int32Array(P + 1);
  for (let i = 0; i < n; i++) start[rank[group[i]!]! + 1]! += 1;
  for (let p = 0; p < P; p++) start[p + 1]! += start[p]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[start[rank[group[i]!]!]!++] = i;
  return order;
}
