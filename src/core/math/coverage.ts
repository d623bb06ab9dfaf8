/**
 * Builds the similarity structure facility location runs on, for one block of rows:
 *  - dense: the full block × block similarity, built tile by tile (a few thousand rows);
 *  - knn: a sparse top-K' neighbour graph (never N × N above a few thousand rows:
 *    docs/methods-decisions.md, "Facility location").
 * Similarities: cosine → w = max(0, cos) (SubZeroCore's kernel); euclidean → w = d_max − d
 * (CRAIG's conversion of distances to non-negative similarities; in the graph, d_max is the
 * largest neighbour distance, so the K' nearest always weigh ≥ 0).
 */
import {
  centredIfOffset,
  gramMatrix,
  l2Normalize,
  rowSqNorms,
  type Matrix,
  type SimilarityBlock,
} from './distances';
import { denseCoverage, sparseCoverage, type CoverageSource } from './facility';
import { knn, knnGraph, transposeCsr } from './knn';
import { simdCosineCoverage } from './denseSimd';
import type { Precomputed, SimilarityAccelerator } from './accelerator';

export type FacilitySimilarity = 'cosine' | 'euclidean';
export type FacilityGraph = 'auto' | 'dense' | 'knn';

/** Above this many rows `auto` switches from a dense block (≈ 100 MB at 5000) to the kNN graph. */
export const DENSE_ROW_LIMIT = 5000;

export interface CoverageOptions {
  similarity: FacilitySimilarity;
  graph: FacilityGraph;
  /** K' for the kNN graph. */
  neighbours: number;
  /** Per-candidate weights s_j (w_ij = s_j · sim_ij); s ≡ 1 when absent. */
  weights?: Float32Array;
  block?: SimilarityBlock;
  onProgress?: (done: number) => void;
  checkpoint?: () => void;
  /** Similarities computed elsewhere (precomputeCoverage), used instead of the CPU kernels. */
  precomputed?: Precomputed;
}

function isDense(n: number, opts: Pick<CoverageOptions, 'graph' | 'neighbours'>): boolean {
  return (
    opts.graph === 'dense' || (opts.graph === 'auto' && n <= DENSE_ROW_LIMIT) || n <= opts.neighbours + 1
  );
}

/**
 * Asks an accelerator (a GPU) for what coverageFor(m, opts) would compute: the clipped cosine
 * Gram of a dense cosine block, or the neighbour lists of a kNN graph. Empty when it declines.
 */
export async function precomputeCoverage(
  m: Matrix,
  opts: CoverageOptions,
  acc: SimilarityAccelerator,
): Promise<Precomputed> {
  const cos = opts.similarity === 'cosine';
  const hooks = { onProgress: opts.onProgress, checkpoint: opts.checkpoint };
  if (isDense(m.rows, opts)) {
    const gram = cos ? await acc.cosineGram(m, { ...hooks, clip: true }) : null;
    return gram ? { gram } : {};
  }
  const metric = cos ? 'cosine' : 'sqeuclidean';
  // Euclidean rows far from the origin for their spread go centred, as core's knn takes them:
  // a GPU's dot-product distances would cancel too (distances do not change under a shift).
  const rows = cos ? m : centredIfOffset(m);
  const nn = await acc.knn(rows, opts.neighbours, { ...hooks, metric, includeSelf: true });
  return nn ? { knn: nn } : {};
}

export function coverageFor(m: Matrix, opts: CoverageOptions): CoverageSource & { kind: 'dense' | 'knn' } {
  const n = m.rows;
  const cos = opts.similarity === 'cosine';
  const dense = isDense(n, opts);
  if (dense) {
    const gram = opts.precomputed?.gram;
    if (cos) {
      // A GPU's Gram is copied into the SIMD memory: the greedy's scans stay SIMD kernels.
      const fast = simdCosineCoverage(m, { ...opts, gram });
      if (fast) return { ...fast, kind: 'dense' };
      if (gram) {
        if (gram.length !== n * n)
          throw new RangeError(`precomputed Gram has ${gram.length} entries for ${n} rows`);
        return { ...denseCoverage(gram, n, n, opts.weights), kind: 'dense' };
      }
    }
    const x = cos ? l2Normalize(m) : m;
    const sim = gramMatrix(x, { block: opts.block, clipNegative: cos, onTile: opts.onProgress });
    if (!cos) {
      const norms = rowSqNorms(x);
      let dmax = 0;
      for (let i = 0; i < n; i++) {
        const o = i * n;
        for (let j = 0; j < n; j++) {
          const d = Math.sqrt(Math.max(0, norms[i]! + norms[j]! - 2 * sim[o + j]!));
          sim[o + j] = d;
          if (d > dmax) dmax = d;
        }
      }
      for (let i = 0; i < n; i++) sim[i * n + i] = 0;
      for (let q = 0; q < sim.length; q++) sim[q] = dmax - sim[q]!;
    }
    return { ...denseCoverage(sim, n, n, opts.weights), kind: 'dense' };
  }
  const nn =
    opts.precomputed?.knn ??
    knn(m, opts.neighbours, {
      metric: cos ? 'cosine' : 'sqeuclidean',
      includeSelf: true,
      block: opts.block,
      onProgress: opts.onProgress,
      checkpoint: opts.checkpoint,
    });
  let dmax = 0;
  if (!cos) for (let q = 0; q < nn.values.length; q++) dmax = Math.max(dmax, Math.sqrt(nn.values[q]!));
  // Row i of the kNN graph lists who covers i; facility location wants, per candidate, whom it covers.
  const graph = knnGraph(nn, cos ? (v) => Math.max(0, v) : (v) => dmax - Math.sqrt(v) + 1e-6 * dmax);
  return { ...sparseCoverage(transposeCsr(graph), opts.weights), kind: 'knn' };
}
