/**
 * The inner loops of k-means (kmeans.ts): the inner products a k-means++ draw needs, and one
 * Lloyd assignment pass with the centroid sums. Two engines with one contract:
 *  - SIMD (wasm/kernels.wat `assign`): the rows are copied into kernel memory once per k-means
 *    run; each pass is one kernel call over all rows against all centres (distance
 *    ‖c‖² − 2⟨x, c⟩, centres packed four to a group so each row load feeds four centres),
 *    with the argmin, the moved count, the cluster sizes and the sums fused into the same pass;
 *    JavaScript only packs the k centres and reads back k sums and n distances.
 *  - plain loops (no WebAssembly SIMD, or switched off by setSimdEnabled(false)).
 * Both give the same assignment up to float rounding (kmeans tests run both).
 */
import { dotTile, rowSqNorms, type Matrix } from './distances';
import { layout, simdAvailable, simdKernels, type KernelExports } from './wasm/simd';

export interface LloydEngine {
  /** Current cluster of every row (−1 before the first pass); kmeans.ts may edit it between passes. */
  readonly assign: Int32Array;
  /** ‖row i‖² for every row. */
  sqNorms(): Float64Array;
  /** ⟨row i, row `row`⟩ for every row i (a view, valid until the next call). */
  dotsWithRow(row: number): Float32Array;
  /**
   * Assign every row to its nearest centroid (row-major k × d): updates `assign`, writes each
   * row's squared distance to `best`, the cluster sizes and the per-cluster sums (k × d).
   * Returns how many rows changed cluster and the inertia Σ best.
   */
  step(
    centroids: Float32Array,
    norms: Float64Array,
    best: Float64Array,
    sizes: Int32Array,
    sums: Float64Array,
  ): { moved: number; total: number };
  /** Done with this engine (its kernel memory may serve the next k-means run). */
  release(): void;
}

/**
 * One kernel instance kept between runs: a fresh memory costs a page fault per 4 KB on its
 * first write (≈ 0.6 ms for 6000 × 64 rows, as much as a Lloyd pass). Taken while in use, so a
 * nested run (from a checkpoint callback) gets its own; not kept past SPARE_MAX bytes.
 */
let spare: KernelExports | null = null;
const SPARE_MAX = 32 << 20;

function takeKernels(bytes: number): KernelExports | null {
  if (!simdAvailable()) return null;
  const k = spare;
  spare = null;
  if (k && k.memory.buffer.byteLength >= bytes) return k;
  return simdKernels(bytes);
}

/** The SIMD engine when WebAssembly SIMD is available and enabled, else plain loops. */
export function lloydEngine(m: Matrix, k: number): LloydEngine {
  return simdEngine(m, k) ?? plainEngine(m, k);
}

function simdEngine(m: Matrix, k: number): LloydEngine | null {
  const n = m.rows;
  const d = m.dim;
  const dp = Math.ceil(d / 4) * 4;
  const groups = Math.ceil(k / 4);
  const kp = groups * 4;
  const lay = layout();
  const xAt = lay.take(n * dp * 4);
  const cenAt = lay.take(kp * dp * 4);
  const cnAt = lay.take(kp * 4);
  const asgAt = lay.take(n * 4);
  const mindAt = lay.take(n * 4);
  const sumsAt = lay.take(kp * dp * 4);
  const sizesAt = lay.take(kp * 4);
  const outAt = lay.take(n * 4);
  const kern = takeKernels(lay.size);
  if (!kern) return null;
  // The memory may hold an earlier run's data: padding lanes and padding centres must be zero.
  const buf = kern.memory.buffer;
  const x = new Float32Array(buf, xAt, n * dp);
  if (dp === d) x.set(m.data.subarray(0, n * d));
  else {
    x.fill(0);
    for (let i = 0; i < n; i++) x.set(m.data.subarray(i * d, i * d + d), i * dp);
  }
  const cen = new Float32Array(buf, cenAt, kp * dp).fill(0);
  const cn = new Float32Array(buf, cnAt, kp).fill(Infinity); // padding centres never win
  const assign = new Int32Array(buf, asgAt, n).fill(-1);
  const mind = new Float32Array(buf, mindAt, n);
  const wsums = new Float32Array(buf, sumsAt, kp * dp);
  const wsizes = new Int32Array(buf, sizesAt, kp);
  const out = new Float32Array(buf, outAt, n);
  const chunks = dp / 4;
  return {
    assign,
    sqNorms() {
      kern.sqNorms(xAt, n, dp, outAt);
      return Float64Array.from(out);
    },
    release() {
      if (buf.byteLength <= SPARE_MAX) spare = kern;
    },
    dotsWithRow(row) {
      kern.dotsRange(xAt + row * dp * 4, xAt, 0, n, dp, outAt);
      return out;
    },
    step(centroids, norms, best, sizes, sums) {
      for (let c = 0; c < k; c++) {
        // Centre c is lane j of group g: chunk q of it sits at float ((g·chunks + q)·4 + j)·4.
        const base = ((c >> 2) * chunks * 4 + (c & 3)) * 4;
        let s = 0;
        for (let q = 0; q < d; q++) {
          const v = centroids[c * d + q]!;
          s += v * v;
          cen[base + (q >> 2) * 16 + (q & 3)] = v;
        }
        cn[c] = s;
      }
      wsums.fill(0);
      wsizes.fill(0);
      const moved = kern.assign(xAt, n, dp, cenAt, cnAt, groups, asgAt, mindAt, sumsAt, sizesAt);
      let total = 0;
      for (let r = 0; r < n; r++) {
        const dist = Math.max(0, mind[r]! + norms[r]!);
        best[r] = dist;
        total += dist;
      }
      for (let c = 0; c < k; c++) {
        sizes[c] = wsizes[c]!;
        for (let q = 0; q < d; q++) sums[c * d + q] = wsums[c * dp + q]!;
      }
      return { moved, total };
    },
  };
}

function plainEngine(m: Matrix, k: number): LloydEngine {
  const n = m.rows;
  const d = m.dim;
  const assign = new Int32Array(n).fill(-1);
  const ip = new Float32Array(n * k);
  const out = new Float32Array(n);
  const cn = new Float64Array(k);
  return {
    assign,
    sqNorms: () => rowSqNorms(m),
    release() {},
    dotsWithRow(row) {
      dotTile(m.data, 0, n, m.data, row * d, 1, d, out, 0, 1);
      return out;
    },
    step(centroids, norms, best, sizes, sums) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let q = 0; q < d; q++) s += centroids[c * d + q]! * centroids[c * d + q]!;
        cn[c] = s;
      }
      dotTile(m.data, 0, n, centroids, 0, k, d, ip, 0, k);
      let moved = 0;
      let total = 0;
      for (let r = 0; r < n; r++) {
        let bc = 0;
        let bd = Infinity;
        for (let c = 0; c < k; c++) {
          const dd = cn[c]! - 2 * ip[r * k + c]!;
          if (dd < bd) {
            bd = dd;
            bc = c;
          }
        }
        if (assign[r] !== bc) moved++;
        assign[r] = bc;
        const dist = Math.max(0, bd + norms[r]!);
        best[r] = dist;
        total += dist;
      }
      sizes.fill(0);
      sums.fill(0, 0, k * d);
      for (let i = 0; i < n; i++) {
        const c = assign[i]!;
        sizes[c]! += 1;
        const o = i * d;
        const so = c * d;
        for (let q = 0; q < d; q++) sums[so + q]! += m.data[o + q]!;
      }
      return { moved, total };
    },
  };
}
