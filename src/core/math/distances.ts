/**
 * Row-block linear algebra for selection: inner products, squared euclidean distances and
 * cosine similarities between row blocks of row-major Float32Array matrices.
 *
 * Everything is blocked so that no caller needs an N × N matrix unless it asks for one, and
 * the one primitive (`SimilarityBlock`, a·bᵀ of two row blocks) can be swapped for a tfjs
 * matMul later without touching the selection code. The JS kernel computes a 4 × 2 register
 * tile per pass, which on V8 runs about 4× faster than the naive triple loop; big tiles go to
 * the WebAssembly SIMD kernel (wasm/dotTile.ts) where available.
 */
import { simdDotTile } from './wasm/dotTile';

/** A row-major `rows × dim` matrix (possibly a zero-copy view into a larger one). */
export interface Matrix {
  data: Float32Array;
  rows: number;
  dim: number;
}

/** Inner products of two row blocks: out[i·b.rows + j] = a_i · b_j. */
export type SimilarityBlock = (a: Matrix, b: Matrix, out?: Float32Array) => Float32Array;

export function asMatrix(data: Float32Array, dim: number): Matrix {
  if (dim <= 0 || data.length % dim !== 0)
    throw new RangeError(`${data.length} values do not split into rows of ${dim}`);
  return { data, rows: data.length / dim, dim };
}

/** Rows [start, end) as a view (no copy). */
export function rowRange(m: Matrix, start: number, end: number): Matrix {
  return { data: m.data.subarray(start * m.dim, end * m.dim), rows: end - start, dim: m.dim };
}

/** The given rows copied into a new contiguous matrix (per-class blocks, subsamples). */
export function gatherRows(m: Matrix, rows: ArrayLike<number>): Matrix {
  const d = m.dim;
  const out = new Float32Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out.set(m.data.subarray(r * d, r * d + d), i * d);
  }
  return { data: out, rows: rows.length, dim: d };
}

export function rowSqNorms(m: Matrix, out = new Float64Array(m.rows)): Float64Array {
  const { data, dim } = m;
  // Four rows side by side: four independent add chains (each row still sums in column
  // order, so the same bits as one row at a time), ~3× faster than one chain.
  let i = 0;
  for (; i + 3 < m.rows; i += 4) {
    const o = i * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < dim; k++) {
      const v0 = data[o + k]!;
      const v1 = data[o + dim + k]!;
      const v2 = data[o + 2 * dim + k]!;
      const v3 = data[o + 3 * dim + k]!;
      s0 += v0 * v0;
      s1 += v1 * v1;
      s2 += v2 * v2;
      s3 += v3 * v3;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < m.rows; i++) {
    let s = 0;
    const o = i * dim;
    for (let k = 0; k < dim; k++) {
      const v = data[o + k]!;
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/**
 * m itself, or a copy with the column means subtracted when the rows sit far from the origin
 * compared with their spread (mean‖μ‖² over `ratio` × the mean squared distance to μ).
 * Squared distances through ‖x‖² + ‖y‖² − 2x·y lose the difference to cancellation there (in
 * f32: every digit at an offset 10⁴ with spread 0.1); distances do not change under a shift,
 * so centring first keeps them exact. Ordinary data is returned as it is, bit for bit.
 */
export function centredIfOffset(m: Matrix, ratio = 100): Matrix & { shift?: Float64Array } {
  const { rows: n, dim: d, data } = m;
  if (n === 0) return m;
  // One pass: column sums and the sum of squares, in f64. The spread E‖x‖² − ‖μ‖² cancels
  // only where the offset is huge, and then the test is true either way.
  const mean = new Float64Array(d);
  let squares = 0;
  for (let i = 0; i < n; i++)
    for (let q = 0; q < d; q++) {
      const v = data[i * d + q]!;
      mean[q]! += v;
      squares += v * v;
    }
  let offset = 0;
  for (let q = 0; q < d; q++) {
    mean[q]! /= n;
    offset += mean[q]! ** 2;
  }
  const spread = Math.max(0, squares / n - offset);
  if (!(offset > ratio * spread)) return m;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let q = 0; q < d; q++) out[i * d + q] = data[i * d + q]! - mean[q]!;
  // What was subtracted, for results that live in the rows' space (k-means' centroids).
  return { data: out, rows: n, dim: d, shift: mean };
}

/** Scales each row to unit length (zero rows stay zero). Copies unless `inPlace`. */
export function l2Normalize(m: Matrix, inPlace = false): Matrix {
  const out = inPlace ? m.data : new Float32Array(m.data);
  const d = m.dim;
  for (let i = 0; i < m.rows; i++) {
    const o = i * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += out[o + k]! * out[o + k]!;
    if (s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let k = 0; k < d; k++) out[o + k]! *= inv;
    }
  }
  return { data: out, rows: m.rows, dim: d };
}

/** Multiply-adds above which a tile is worth copying into SIMD memory. */
export const SIMD_TILE_WORK = 1 << 16;

/**
 * out[oOff + i·oStride + j] = A_i · B_j for i < na, j < nb. A and B rows start at aOff / bOff.
 * Raw arrays and offsets keep it monomorphic and allocation-free; callers tile over it.
 */
export function dotTile(
  A: Float32Array,
  aOff: number,
  na: number,
  B: Float32Array,
  bOff: number,
  nb: number,
  d: number,
  out: Float32Array,
  oOff: number,
  oStride: number,
): void {
  // Big tiles go to the WebAssembly SIMD kernel (several times the plain loop's speed).
  if (na * nb * d >= SIMD_TILE_WORK && simdDotTile(A, aOff, na, B, bOff, nb, d, out, oOff, oStride)) return;
  let i = 0;
  for (; i + 3 < na; i += 4) {
    const a0 = aOff + i * d;
    const a1 = a0 + d;
    const a2 = a1 + d;
    const a3 = a2 + d;
    const o = oOff + i * oStride;
    let j = 0;
    for (; j + 1 < nb; j += 2) {
      const b0 = bOff + j * d;
      const b1 = b0 + d;
      let s00 = 0,
        s01 = 0,
        s10 = 0,
        s11 = 0,
        s20 = 0,
        s21 = 0,
        s30 = 0,
        s31 = 0;
      for (let k = 0; k < d; k++) {
        const y0 = B[b0 + k]!;
        const y1 = B[b1 + k]!;
        let x = A[a0 + k]!;
        s00 += x * y0;
        s01 += x * y1;
        x = A[a1 + k]!;
        s10 += x * y0;
        s11 += x * y1;
        x = A[a2 + k]!;
        s20 += x * y0;
        s21 += x * y1;
        x = A[a3 + k]!;
        s30 += x * y0;
        s31 += x * y1;
      }
      const q = o + j;
      out[q] = s00;
      out[q + 1] = s01;
      out[q + oStride] = s10;
      out[q + oStride + 1] = s11;
      out[q + 2 * oStride] = s20;
      out[q + 2 * oStride + 1] = s21;
      out[q + 3 * oStride] = s30;
      out[q + 3 * oStride + 1] = s31;
    }
    for (; j < nb; j++) {
      const b0 = bOff + j * d;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let k = 0; k < d; k++) {
        const y = B[b0 + k]!;
        s0 += A[a0 + k]! * y;
        s1 += A[a1 + k]! * y;
        s2 += A[a2 + k]! * y;
        s3 += A[a3 + k]! * y;
      }
      const q = o + j;
      out[q] = s0;
      out[q + oStride] = s1;
      out[q + 2 * oStride] = s2;
      out[q + 3 * oStride] = s3;
    }
  }
  for (; i < na; i++) {
    const a0 = aOff + i * d;
    const o = oOff + i * oStride;
    for (let j = 0; j < nb; j++) {
      const b0 = bOff + j * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += A[a0 + k]! * B[b0 + k]!;
      out[o + j] = s;
    }
  }
}

/** The default SimilarityBlock: a·bᵀ in plain JS. */
export const dotBlock: SimilarityBlock = (a, b, out) => {
  if (a.dim !== b.dim) throw new RangeError(`dimension mismatch: ${a.dim} vs ${b.dim}`);
  const res = out ?? new Float32Array(a.rows * b.rows);
  dotTile(a.data, 0, a.rows, b.data, 0, b.rows, a.dim, res, 0, b.rows);
  return res;
};

/** Squared euclidean distances between the rows of a and b (clamped at 0 against round-off). */
export function sqDistBlock(
  a: Matrix,
  b: Matrix,
  opts: { aNorms?: Float64Array; bNorms?: Float64Array; out?: Float32Array; block?: SimilarityBlock } = {},
): Float32Array {
  const out = (opts.block ?? dotBlock)(a, b, opts.out);
  const an = opts.aNorms ?? rowSqNorms(a);
  const bn = opts.bNorms ?? rowSqNorms(b);
  const nb = b.rows;
  for (let i = 0; i < a.rows; i++) {
    const ai = an[i]!;
    const o = i * nb;
    for (let j = 0; j < nb; j++) {
      const v = ai + bn[j]! - 2 * out[o + j]!;
      out[o + j] = v > 0 ? v : 0;
    }
  }
  return out;
}

/** Cosine similarities between the rows of a and b (zero rows give 0). */
export function cosineBlock(
  a: Matrix,
  b: Matrix,
  opts: { out?: Float32Array; block?: SimilarityBlock } = {},
): Float32Array {
  const out = (opts.block ?? dotBlock)(a, b, opts.out);
  const an = rowSqNorms(a);
  const bn = rowSqNorms(b);
  const nb = b.rows;
  for (let j = 0; j < nb; j++) bn[j] = bn[j]! > 0 ? 1 / Math.sqrt(bn[j]!) : 0;
  for (let i = 0; i < a.rows; i++) {
    const ai = an[i]! > 0 ? 1 / Math.sqrt(an[i]!) : 0;
    const o = i * nb;
    for (let j = 0; j < nb; j++) out[o + j] = out[o + j]! * ai * bn[j]!;
  }
  return out;
}

/**
 * The full symmetric Gram matrix m·mᵀ (rows × rows), built tile by tile: only tiles on or above
 * the diagonal are computed and each is mirrored, halving the work. `clipNegative` applies
 * max(0, ·) in the same pass (facility location's cosine kernel). Use only for blocks of a few
 * thousand rows (6000 rows = 144 MB).
 */
export function gramMatrix(
  m: Matrix,
  opts: {
    block?: SimilarityBlock;
    tileRows?: number;
    clipNegative?: boolean;
    onTile?: (done: number) => void;
  } = {},
): Float32Array {
  const n = m.rows;
  const d = m.dim;
  const t = opts.tileRows ?? 256;
  const out = new Float32Array(n * n);
  const custom = opts.block;
  const clip = opts.clipNegative ?? false;
  const tiles = Math.ceil(n / t);
  let done = 0;
  for (let a = 0; a < n; a += t) {
    const na = Math.min(t, n - a);
    for (let b = a; b < n; b += t) {
      const nb = Math.min(t, n - b);
      if (custom) {
        const tile = custom(rowRange(m, a, a + na), rowRange(m, b, b + nb));
        for (let i = 0; i < na; i++) out.set(tile.subarray(i * nb, i * nb + nb), (a + i) * n + b);
      } else {
        dotTile(m.data, a * d, na, m.data, b * d, nb, d, out, a * n + b, n);
      }
      if (clip) {
        // v + |v| = 2·max(v, 0) exactly, without a data-dependent branch.
        for (let i = 0; i < na; i++) {
          const o = (a + i) * n + b;
          for (let j = 0; j < nb; j++) {
            const v = out[o + j]!;
            out[o + j] = 0.5 * (v + Math.abs(v));
          }
        }
      }
      if (b !== a) mirrorTile(out, n, a, na, b, nb);
    }
    done += 1;
    opts.onTile?.(done / tiles);
  }
  return out;
}

/**
 * Copies the tile at rows [a, a+na) × cols [b, b+nb) to its mirror image, in 16 × 16 blocks so
 * each destination cache line is written whole (a plain transpose loop thrashes them).
 */
function mirrorTile(out: Float32Array, n: number, a: number, na: number, b: number, nb: number): void {
  for (let i0 = 0; i0 < na; i0 += 16) {
    const ie = Math.min(na, i0 + 16);
    for (let j0 = 0; j0 < nb; j0 += 16) {
      const je = Math.min(nb, j0 + 16);
      for (let j = j0; j < je; j++) {
        const dst = (b + j) * n + a;
        for (let i = i0; i < ie; i++) out[dst + i] = out[(a + i) * n + b + j]!;
      }
    }
  }
}

/** Squared distances from one vector to every row of m (k-center, herding, k-means updates). */
export function sqDistToVector(
  m: Matrix,
  v: Float32Array,
  norms: Float64Array,
  out: Float64Array,
): Float64Array {
  const { data, dim } = m;
  let vn = 0;
  for (let k = 0; k < dim; k++) vn += v[k]! * v[k]!;
  for (let i = 0; i < m.rows; i++) {
    const o = i * dim;
    let s = 0;
    for (let k = 0; k < dim; k++) s += data[o + k]! * v[k]!;
    const dd = norms[i]! + vn - 2 * s;
    out[i] = dd > 0 ? dd : 0;
  }
  return out;
}
