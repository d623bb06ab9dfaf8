/**
 * SubZeroCore's building blocks (Moser et al., "SubZeroCore: A Submodular Approach with Zero
 * Training for Coreset Selection", arXiv 2509.21748, 2025; the method is in subzero.ts): the
 * γ → K rule, K-th-neighbour cosine radii and Gaussian density weights, and the density-weighted
 * facility-location objective of one block of rows (a dense block, or the sparse top-K′ graph
 * above DENSE_ROW_LIMIT rows). Kept apart from the method so the teaching step-through and the
 * benchmark run the same code.
 */
import { coverageFor, DENSE_ROW_LIMIT } from '../../math/coverage';
import type { Matrix, SimilarityBlock } from '../../math/distances';
import { sparseCoverage, type CoverageSource } from '../../math/facility';
import { knn, knnGraph, transposeCsr, type KnnResult } from '../../math/knn';
import type { Precomputed, SimilarityAccelerator } from '../../math/accelerator';

/**
 * Smallest K with 1 − Π_{i=1..K} (N−M−i)/(N−i) ≥ γ: the neighbourhood size at which a random
 * M-subset would hit a point's K nearest neighbours with probability γ. Factors that reach zero
 * (K ≥ N − M) make the probability 1. Returns 0 when there is no neighbour to look at (N ≤ 1)
 * and never more than N − 1.
 */
export function subzeroK(n: number, m: number, gamma: number): number {
  if (!(gamma > 0 && gamma < 1)) throw new RangeError(`γ must be in (0, 1), got ${gamma}`);
  if (n <= 1) return 0;
  let prod = 1;
  for (let k = 1; k <= n - 1; k++) {
    prod *= Math.max(0, (n - m - k) / (n - k));
    if (1 - prod >= gamma) return k;
  }
  return n - 1;
}

/** γ → K for a grid of γ (the curve drawn beside the chosen γ). */
export function gammaKCurve(n: number, m: number, steps = 49): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let s = 1; s <= steps; s++) {
    const g = s / (steps + 1);
    x.push(Number(g.toFixed(4)));
    y.push(subzeroK(n, m, g));
  }
  return { x, y };
}

export interface DensityStats {
  /** Cosine distance to the K-th nearest neighbour, per row. */
  radii: Float32Array;
  /** s_i = exp(−(r_i − μ_r)² / (2σ_r²)); all 1 when σ_r ≈ 0. */
  weights: Float32Array;
  mean: number;
  std: number;
}

/** Gaussian density weights from K-th-neighbour radii (docs/methods-decisions.md, SubZeroCore). */
export function densityWeights(radii: Float32Array): DensityStats {
  const n = radii.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += radii[i]!;
  mean = n ? mean / n : 0;
  let v = 0;
  for (let i = 0; i < n; i++) v += (radii[i]! - mean) ** 2;
  const std = n ? Math.sqrt(v / n) : 0;
  const weights = new Float32Array(n);
  if (std <= 1e-9) weights.fill(1);
  else for (let i = 0; i < n; i++) weights[i] = Math.exp(-((radii[i]! - mean) ** 2) / (2 * std * std));
  return { radii, weights, mean, std };
}

/** Rows [0, k) of each neighbour list (lists are nearest first). */
function firstNeighbours(res: KnnResult, k: number): KnnResult {
  if (k >= res.k) return res;
  const indices = new Int32Array(res.n * k);
  const values = new Float32Array(res.n * k);
  for (let r = 0; r < res.n; r++) {
    indices.set(res.indices.subarray(r * res.k, r * res.k + k), r * k);
    values.set(res.values.subarray(r * res.k, r * res.k + k), r * k);
  }
  return { ...res, k, indices, values };
}

export interface SubzeroBlockOptions {
  /** The neighbourhood size from subzeroK. */
  k: number;
  graph: 'auto' | 'dense' | 'knn';
  /** K′ of the sparse graph. */
  neighbours: number;
  block?: SimilarityBlock;
  onProgress?: (done: number) => void;
  checkpoint?: () => void;
  /** The kNN lists and dense Gram from an accelerator (subzeroPrecompute). */
  precomputed?: Precomputed;
}

export interface SubzeroBlock extends DensityStats {
  source: CoverageSource;
  graphKind: 'dense' | 'knn';
}

function isDenseBlock(n: number, opts: Pick<SubzeroBlockOptions, 'graph' | 'neighbours'>): boolean {
  return (
    opts.graph === 'dense' || (opts.graph === 'auto' && n <= DENSE_ROW_LIMIT) || n <= opts.neighbours + 1
  );
}

function neighbourCount(
  n: number,
  dense: boolean,
  opts: Pick<SubzeroBlockOptions, 'k' | 'neighbours'>,
): number {
  return Math.min(n, dense ? opts.k + 1 : Math.max(opts.k + 1, opts.neighbours));
}

/**
 * What subzeroBlock(m, opts) computes, asked of an accelerator: the cosine kNN lists and, for a
 * dense block, the clipped cosine Gram (each left to the CPU where it declines).
 */
export async function subzeroPrecompute(
  m: Matrix,
  opts: SubzeroBlockOptions,
  acc: SimilarityAccelerator,
): Promise<Precomputed> {
  const n = m.rows;
  const dense = isDenseBlock(n, opts);
  const hooks = (from: number, share: number) => ({
    onProgress: (f: number) => opts.onProgress?.(from + share * f),
    checkpoint: opts.checkpoint,
  });
  const pre: Precomputed = {};
  if (n > 1) {
    const nn = await acc.knn(m, neighbourCount(n, dense, opts), {
      ...hooks(0, 0.25),
      metric: 'cosine',
      includeSelf: true,
    });
    if (nn) pre.knn = nn;
  }
  if (dense || n <= 1) {
    const gram = await acc.cosineGram(m, { ...hooks(0.25, 0.25), clip: true });
    if (gram) pre.gram = gram;
  }
  return pre;
}

/**
 * Density weights and the weighted coverage source of one block. One cosine kNN pass (self
 * included, so position K of a list is the K-th neighbour other than the row) gives the radii
 * and, at scale, the top-K′ graph as well; a block of at most DENSE_ROW_LIMIT rows (graph auto)
 * uses the full clipped cosine block instead.
 */
export function subzeroBlock(m: Matrix, opts: SubzeroBlockOptions): SubzeroBlock {
  const n = m.rows;
  const dense = isDenseBlock(n, opts);
  const progress = (from: number, share: number) => (f: number) => opts.onProgress?.(from + share * f);
  let radii = new Float32Array(n);
  let nn: KnnResult | null = null;
  if (n > 1) {
    nn =
      opts.precomputed?.knn ??
      knn(m, neighbourCount(n, dense, opts), {
        metric: 'cosine',
        includeSelf: true,
        block: opts.block,
        checkpoint: opts.checkpoint,
        onProgress: progress(0, dense ? 0.5 : 1),
      });
    const at = Math.min(opts.k, nn.k - 1);
    radii = Float32Array.from({ length: n }, (_, i) => Math.max(0, 1 - nn!.values[i * nn!.k + at]!));
  }
  const stats = densityWeights(radii);
  if (dense || !nn) {
    const src = coverageFor(m, {
      similarity: 'cosine',
      graph: 'dense',
      neighbours: opts.neighbours,
      weights: stats.weights,
      block: opts.block,
      precomputed: opts.precomputed,
      checkpoint: opts.checkpoint,
      onProgress: progress(0.5, 0.5),
    });
    return { ...stats, source: src, graphKind: 'dense' };
  }
  // Row i of the kNN graph lists who covers i; greedy wants, per candidate, whom it covers.
  const graph = knnGraph(firstNeighbours(nn, opts.neighbours), (v) => Math.max(0, v));
  return { ...stats, source: sparseCoverage(transposeCsr(graph), stats.weights), graphKind: 'knn' };
}
