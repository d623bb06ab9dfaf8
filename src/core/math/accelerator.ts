/**
 * Similarity blocks computed outside core (a GPU, through ml/gpu), asynchronously. Core stays
 * synchronous and free of GPU types: a method awaits these before building its coverage, hands
 * the result in as `precomputed`, and computes on the CPU whenever one answers null.
 */
import type { Matrix } from './distances';
import type { KnnMetric, KnnResult } from './knn';

export interface BlockHooks {
  onProgress?: (done: number) => void;
  /** Called between blocks; throws to cancel. */
  checkpoint?: () => void;
}

export interface SimilarityAccelerator {
  /** The rows × rows cosine similarities of m (max(0, ·) when `clip`), or null: use the CPU. */
  cosineGram(m: Matrix, opts: BlockHooks & { clip: boolean }): Promise<Float32Array | null>;
  /** What core's `knn(m, k, opts)` returns, or null: use the CPU. */
  knn(
    m: Matrix,
    k: number,
    opts: BlockHooks & { metric: KnnMetric; includeSelf: boolean },
  ): Promise<KnnResult | null>;
}

/** Similarities a coverage build takes instead of computing them (math/coverage.ts). */
export interface Precomputed {
  /** The clipped cosine Gram of the block (dense cosine coverage). */
  gram?: Float32Array;
  /** Neighbour lists as core's knn would return them for the same call. */
  knn?: KnnResult;
}
