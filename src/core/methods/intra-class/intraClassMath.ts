/**
 * Intra-class diversity building blocks: the cluster count by silhouette on a seeded subsample,
 * the split of a class budget over its clusters, and the picks inside one cluster.
 */
import { gatherRows, type Matrix } from '../../math/distances';
import { kmeans, silhouette } from '../../math/kmeans';
import type { Rng } from '../../math/rng';
import { largestRemainder } from '../../budget/budgets';

/**
 * Splits `budget` over clusters of the given sizes. Decision: by cluster size (largest
 * remainder, capped by what each cluster holds), then every non-empty cluster left at zero takes
 * one pick from the cluster furthest above its exact share, so the result sums to `budget`
 * exactly with at least one per non-empty cluster. With fewer picks than non-empty clusters, the
 * largest clusters get one each (ties to the lower index).
 */
export function clusterAllocation(sizes: readonly number[], budget: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (budget < 0 || budget > total) throw new RangeError(`cannot pick ${budget} of ${total} samples`);
  const bySize = sizes
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s > 0)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  if (budget <= bySize.length) {
    const out = new Array<number>(sizes.length).fill(0);
    for (let q = 0; q < budget; q++) out[bySize[q]![1]] = 1;
    return out;
  }
  const out = largestRemainder(sizes, budget, sizes);
  for (const [, i] of bySize) {
    if (out[i]! > 0) continue;
    let donor = -1;
    let surplus = -Infinity;
    for (let j = 0; j < out.length; j++) {
      const over = out[j]! - (sizes[j]! / total) * budget;
      if (out[j]! >= 2 && over > surplus) {
        surplus = over;
        donor = j;
      }
    }
    // budget > non-empty clusters, so some cluster holds two or more while this one holds none.
    out[donor]! -= 1;
    out[i] = 1;
  }
  return out;
}

export interface ClusterCountChoice {
  k: number;
  /** Silhouette of every k tried (empty when k was fixed or the class is too small). */
  tried: { k: number; silhouette: number }[];
}

/**
 * The k in [minK, maxK] with the best mean silhouette of a k-means++ clustering of a seeded
 * subsample of at most `sampleSize` rows (ties to the smaller k). Fewer than 3 rows: one cluster.
 */
export function chooseClusterCount(
  m: Matrix,
  rng: Rng,
  opts: { minK?: number; maxK?: number; sampleSize?: number; checkpoint?: () => void } = {},
): ClusterCountChoice {
  const sampleSize = opts.sampleSize ?? 1000;
  const sub =
    m.rows <= sampleSize ? m : gatherRows(m, rng.fork('silhouette-rows').sample(m.rows, sampleSize));
  const maxK = Math.min(opts.maxK ?? 10, sub.rows - 1);
  const minK = opts.minK ?? 2;
  if (maxK < minK) return { k: Math.min(m.rows, 1), tried: [] };
  const tried: ClusterCountChoice['tried'] = [];
  let best = minK;
  let bestS = -Infinity;
  for (let k = minK; k <= maxK; k++) {
    opts.checkpoint?.();
    const km = kmeans(sub, k, rng.fork(`silhouette-kmeans:${k}`), { maxIter: 50 });
    const s = silhouette(sub, km.assign, k, rng.fork(`silhouette:${k}`), sub.rows);
    tried.push({ k, silhouette: s });
    if (s > bestS) {
      bestS = s;
      best = k;
    }
  }
  return { k: best, tried };
}

/** Squared distance of every row of m to its cluster's centroid. */
export function centroidDistances(m: Matrix, centroids: Float32Array, assign: Int32Array): Float64Array {
  const d = m.dim;
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const c = assign[i]!;
    let s = 0;
    for (let q = 0; q < d; q++) {
      const v = m.data[i * d + q]! - centroids[c * d + q]!;
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/** `count` of the cluster's members (local row numbers): seeded random, or nearest the centroid. */
export function pickInCluster(
  members: readonly number[],
  count: number,
  rule: 'random' | 'centroid',
  dist: Float64Array,
  rng: Rng,
): number[] {
  if (count <= 0) return [];
  if (rule === 'centroid') return [...members].sort((a, b) => dist[a]! - dist[b]! || a - b).slice(0, count);
  return Array.from(rng.sample(members.length, count), (q) => members[q]!);
}
