/**
 * Seeded k-means: k-means++ seeding (Arthur & Vassilvitskii 2007: each new centre drawn with
 * probability ∝ squared distance to the nearest chosen one), then Lloyd iterations until no
 * point moves or the inertia improves by less than `tol` (relative). An emptied cluster is
 * re-seeded with the point farthest from its centre, so k clusters always come back.
 * Also the silhouette score on a seeded subsample, for choosing k.
 */
import { centredIfOffset, sqDistBlock, gatherRows, type Matrix } from './distances';
import { lloydEngine, type LloydEngine } from './kmeansStep';
import type { Rng } from './rng';

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

/** k-means++ seeding: the k starting rows. */
export function kmeansPlusPlus(m: Matrix, k: number, rng: Rng): Int32Array {
  if (k < 1 || k > m.rows) throw new RangeError(`k-means++: cannot seed ${k} centres from ${m.rows} rows`);
  const engine = lloydEngine(m, 1);
  try {
    return seedRows(m, k, rng, engine, engine.sqNorms());
  } finally {
    engine.release();
  }
}

/** k-means++ on a prepared engine (kmeans shares one engine and the norms with Lloyd). */
function seedRows(m: Matrix, k: number, rng: Rng, engine: LloydEngine, norms: Float64Array): Int32Array {
  const n = m.rows;
  const minD = new Float64Array(n).fill(Infinity);
  const seeds = new Int32Array(k);
  let c = rng.int(n);
  for (let t = 0; t < k; t++) {
    seeds[t] = c;
    const out = engine.dotsWithRow(c);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dd = Math.max(0, norms[i]! + norms[c]! - 2 * out[i]!);
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

export function kmeans(data: Matrix, k: number, rng: Rng, opts: KMeansOptions = {}): KMeansResult {
  if (k < 1 || k > data.rows)
    throw new RangeError(`k-means++: cannot seed ${k} centres from ${data.rows} rows`);
  // Rows far from the origin for their spread: centred, or ‖c‖² − 2⟨x, c⟩ cancels; the
  // centroids are shifted back.
  const m = centredIfOffset(data);
  const engine = lloydEngine(m, k);
  let res: KMeansResult;
  try {
    res = lloyd(m, k, rng, engine, opts);
  } finally {
    engine.release();
  }
  const shift = m.shift;
  if (shift)
    for (let c = 0; c < k; c++)
      for (let q = 0; q < m.dim; q++)
        res.centroids[c * m.dim + q] = res.centroids[c * m.dim + q]! + shift[q]!;
  return res;
}

function lloyd(m: Matrix, k: number, rng: Rng, engine: LloydEngine, opts: KMeansOptions): KMeansResult {
  const n = m.rows;
  const d = m.dim;
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-6;
  const norms = engine.sqNorms();
  const seeds = seedRows(m, k, rng, engine, norms);
  const centroids = gatherRows(m, seeds).data;
  const assign = engine.assign;
  const sizes = new Int32Array(k);
  const best = new Float64Array(n);
  const sums = new Float64Array(k * d);
  let inertia = Infinity;
  let iterations = 0;
  for (let it = 0; it < maxIter; it++) {
    opts.checkpoint?.();
    iterations = it + 1;
    // Assignment (nearest centroid by ‖c‖² − 2⟨x, c⟩), sizes and per-cluster sums in one pass.
    const step = engine.step(centroids, norms, best, sizes, sums);
    let moved = step.moved;
    const prev = inertia;
    inertia = step.total;
    // Update: centroid = mean of its rows; re-seed empty clusters with the worst-fit row.
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
  // A copy: the engine's array may live in kernel memory.
  return { k, centroids, assign: Int32Array.from(assign), sizes, inertia, iterations };
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
