/**
 * The contract between HyperCore (core) and the hypersphere trainer (ml/hypersphere.ts): core
 * hands over the embeddings and labels, ml trains one small MLP φ_c per class and returns the
 * distances ‖φ_c(x)‖ of the class's positives and of its sampled negatives. Plain data both ways.
 */
import type { AbortSignalLike } from '../abort';

export interface HypersphereRequest {
  /** Row-major N × dim inputs (the method's embeddings). */
  features: Float32Array;
  dim: number;
  /** Observed (possibly noisy) labels: positives of class c are the rows labeled c. */
  labels: Uint8Array;
  numClasses: number;
  epochs: number;
  learningRate: number;
  /** Positives per Adam step; as many negatives ride along in the same step. */
  batchSize: number;
  /** Hidden and output widths of φ_c (docs/methods-decisions.md: d → 128 → 32). */
  hidden?: number;
  out?: number;
  /** Seeds the negative samples, the initial weights and the batch order. */
  seed: number;
  signal: AbortSignalLike;
  /** done in [0, 1] over all classes, with a message naming the class and epoch. */
  onProgress?: (done: number, message?: string) => void;
}

export interface HypersphereClassResult {
  cls: number;
  /** Rows labeled cls, ascending. */
  positives: Int32Array;
  /** ‖φ_cls(x)‖ of each positive, aligned with `positives`. */
  positiveScores: Float32Array;
  /** The seeded, equal-size sample of other classes' rows it was trained against. */
  negatives: Int32Array;
  negativeScores: Float32Array;
  /** Mean training loss of every epoch. */
  epochLoss: number[];
  ms: number;
}

export interface HypersphereResult {
  classes: HypersphereClassResult[];
  /** Where the time went (bench/hypercore.ts). */
  timings: { standardizeMs: number; trainMs: number; scoreMs: number };
}

export type HypersphereTrainer = (req: HypersphereRequest) => Promise<HypersphereResult>;
