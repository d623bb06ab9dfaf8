/**
 * Seeded k-means: k-means++ seeding (Arthur & Vassilvitskii 2007: each new centre drawn with
 * probability ∝ squared distance to the nearest chosen one), then Lloyd iterations until no
 * point moves or the inertia improves by less than `tol` (relative). An emptied cluster is
 * re-seeded with the point farthest from its centre, so k clusters always come back.
 * Also the silhouette score on a seeded subsample, for choosing k.
 */
import { dotTile, rowSqNorms, sqDistBlock, gatherRows, type Matrix } from './distances';
import type { Rng } from './rng';
import { layout, simdKernels } from './wasm/simd';

export interface KMeansResult {
  k: number;
  /** Row-major k × dim. */
  centroids: Float32Array;
  /** Cluster of every row. */
  assign: Int32Array;
  sizes: Int32Array;
  /** Σ squared distance of each row to its centroid. */
  inertia: number;
  iterations: number;
}

export interface KMeansOptions {
  maxIter?: number;
  tol?: number;
  checkpoint?: () => void;
}

/**
 * ⟨row i, vector c⟩ for every row and up to `maxVectors` vectors: out[i·rowStride + c·colStride].
 * In WebAssembly SIMD the rows are copied into kernel memory once and each vector is swept over
 * all of them four rows at a time (one call per vector, not per row); plain loops otherwise.
 */
function rowDots(m: Matrix, maxVectors: number) {
  const n = m.rows;
  const d = m.dim;
  const dp = Math.ceil(d / 4) * 4;
  const lay = layout();
  const xAt = lay.take(n * dp * 4);
  const vAt = lay.take(maxVectors * dp * 4);
  const outAt = lay.take(maxVectors * n * 4);
  const assignAt = lay.take(n * 4);
  const sumsAt = lay.take(maxVectors * dp * 4);
  const kern = simdKernels(lay.size);
  if (kern) {
    const buf = kern.memory.buffer;
    const x = new Float32Array(buf, xAt, n * dp);
    for (let i = 0; i < n; i++) x.set(m.data.subarray(i * d, i * d + d), i * dp);
    const v = new Float32Array(buf, vAt, maxVectors * dp);
    const out = new Float32Array(buf, outAt, maxVectors * n);
    return {
      rowStride: 1,
      colStride: n,
      run(vectors: Float32Array, count: number): Float32Array {
        for (let c = 0; c < count; c++) v.set(vectors.subarray(c * d, c * d + d), c * dp);
        for (let c = 0; c < count; c++) kern.dotsRange(vAt + c * dp * 4, xAt, 0, n, dp, outAt + c * n * 4);
        return out;
      },
      /** sums[c·d + q] = Σ over rows assigned to c of row[q] (f32 lanes, then widened). */
      accumulate(assign: Int32Array, k: number, sums: Float64Array): void {
        new Int32Array(buf, assignAt, n).set(assign);
        const acc = new Float32Array(buf, sumsAt, k * dp);
        acc.fill(0);
        kern.accumulate(xAt, assignAt, n, dp, sumsAt);
        for (let c = 0; c < k; c++) for (let q = 0; q < d; q++) sums[c * d + q] = acc[c * dp + q]!;
      },
    };
  }
  const out = new Float32Array(n * maxVectors);
  return {
    rowStride: maxVectors,
    colStride: 1,
    run(vectors: Float32Array, count: number): Float32Array {
      dotTile(m.data, 0, n, vectors, 0, count, d, out, 0, maxVectors);
      return out;
    },
    accumulate(assign: Int32Array, k: number, sums: Float64Array): void {
      sums.fill(0, 0, k * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        const so = assign[i]! * d;
        for (let q = 0; q < d; q++) sums[so + q]! += m.data[o + q]!;
      }
    },
  };
}

/** k-means++ seeding: the k starting rows. */
export function kmeansPlusPlus(m: Matrix, k: number, rng: Rng): Int32Array {
  const n = m.rows;
  const d = m.dim;
  if (k < 1 || k > n) throw new RangeError(`k-means++: cannot seed ${k} centres from ${n} rows`);
  const norms = rowSqNorms(m);
  const minD = new Float64Array(n).fill(Infinity);
  const seeds = new Int32Array(k);
  const dots = rowDots(m, 1);
  let c = rng.int(n);
  for (let t = 0; t < k; t++) {
    seeds[t] = c;
    const out = dots.run(m.data.subarray(c * d, c * d + d), 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dd = Math.max(0, norms[i]! + norms[c]! - 2 * out[i * dots.rowStride]!);
      if (dd < minD[i]!) minD[i] = dd;
      total += minD[i]!;
    }
    if (t + 1 === k) break;
    if (total <= 0) {
      // Every row coincides with a centre: take the next row not yet used.
      c = nextUnused(seeds, t + 1, n);
      continue;
    }
    let u = rng.next() * total;
    c = n - 1;
    for (let i = 0; i < n; i++) {
      u -= minD[i]!;
      if (u < 0) {
        c = i;
        break;
      }
    }
  }
  return seeds;
}

function nextUnused(seeds: Int32Array, used: number, n: number): number {
  const taken = new Set(seeds.subarray(0, used));
  for (let i = 0; i < n; i++) if (!taken.has(i)) return i;
  return 0;
}

export function kmeans(m: Matrix, k: number, rng: Rng, opts: KMeansOptions = {}): KMeansResult {
  const n = m.rows;
  const d = m.dim;
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-6;
  const seeds = kmeansPlusPlus(m, k, rng);
  const centroids = gatherRows(m, seeds).data;
  const assign = new Int32Array(n).fill(-1);
  const sizes = new Int32Array(k);
  const best = new Float64Array(n);
  const norms = rowSqNorms(m);
  const dots = rowDots(m, k);
  const cn = new Float64Array(k);
  const sums = new Float64Array(k * d);
  let inertia = Infinity;
  let iterations = 0;
  for (let it = 0; it < maxIter; it++) {
    opts.checkpoint?.();
    iterations = it + 1;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let q = 0; q < d; q++) s += centroids[c * d + q]! * centroids[c * d + q]!;
      cn[c] = s;
    }
    // Assignment: nearest centroid from the inner products of every row with every centroid.
    let moved = 0;
    let total = 0;
    const ip = dots.run(centroids, k);
    const rs = dots.rowStride;
    const cs = dots.colStride;
    for (let r = 0; r < n; r++) {
      let bc = 0;
      let bd = Infinity;
      for (let c = 0; c < k; c++) {
        const dd = cn[c]! - 2 * ip[r * rs + c * cs]!;
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
    const prev = inertia;
    inertia = total;
    // Update: centroid = mean of its rows; re-seed empty clusters with the worst-fit row.
    sizes.fill(0);
    for (let i = 0; i < n; i++) sizes[assign[i]!]! += 1;
    dots.accumulate(assign, k, sums);
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        let far = 0;
        for (let i = 1; i < n; i++) if (best[i]! > best[far]!) far = i;
        const from = assign[far]!;
        sizes[from]! -= 1;
        for (let q = 0; q < d; q++) sums[from * d + q]! -= m.data[far * d + q]!;
        assign[far] = c;
        best[far] = 0;
        sizes[c] = 1;
        for (let q = 0; q < d; q++) sums[c * d + q] = m.data[far * d + q]!;
        moved++;
      }
    }
    for (let c = 0; c < k; c++) {
      const inv = sizes[c]! > 0 ? 1 / sizes[c]! : 0;
      for (let q = 0; q < d; q++) centroids[c * d + q] = sums[c * d + q]! * inv;
    }
    if (moved === 0 || (it > 0 && prev - inertia <= tol * prev)) break;
  }
  return { k, centroids, assign, sizes, inertia, iterations };
}

/**
 * Mean silhouette (b − a) / max(a, b) over a seeded subsample of at most `sampleSize` rows,
 * distances computed among the subsample only (as scikit-learn's `sample_size` does).
 * Rows alone in their cluster score 0. Needs at least two clusters present.
 */
export function silhouette(m: Matrix, assign: Int32Array, k: number, rng: Rng, sampleSize = 1000): number {
  const rows =
    m.rows <= sampleSize ? Int32Array.from({ length: m.rows }, (_, i) => i) : rng.sample(m.rows, sampleSize);
  const s = gatherRows(m, rows);
  const ns = rows.length;
  const lab = Int32Array.from(rows, (r) => assign[r]!);
  const counts = new Int32Array(k);
  for (let i = 0; i < ns; i++) counts[lab[i]!]! += 1;
  let present = 0;
  for (let c = 0; c < k; c++) if (counts[c]! > 0) present++;
  if (present < 2) return 0;
  const dist = sqDistBlock(s, s);
  const perCluster = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < ns; i++) {
    perCluster.fill(0);
    for (let j = 0; j < ns; j++) perCluster[lab[j]!]! += Math.sqrt(dist[i * ns + j]!);
    const own = lab[i]!;
    if (counts[own]! <= 1) continue;
    const a = perCluster[own]! / (counts[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, perCluster[c]! / counts[c]!);
    const den = Math.max(a, b);
    total += den > 0 ? (b - a) / den : 0;
  }
  return total / ns;
}
