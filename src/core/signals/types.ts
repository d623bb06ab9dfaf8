/**
 * The signals methods consume. ml/ computes them once per (dataset, corruption, model, seed);
 * core only defines their shape and derives scores from them.
 */

/** Row-major N × dim feature matrix. */
export interface Embeddings {
  data: Float32Array;
  dim: number;
  /** Where the features came from, e.g. "pca-32 of pixels" or "mlp penultimate". */
  source: string;
}

/**
 * Per-sample training dynamics, recorded after every epoch with one no-augmentation pass.
 * Every N × T array is epoch-major: the value for sample i after epoch t is at [t * n + i].
 */
export interface TrainingRecord {
  n: number;
  epochs: number;
  correct: Uint8Array;
  trueProb: Float32Array;
  margin: Float32Array;
  loss: Float32Array;
  el2n: Float32Array;
  /** Closed-form last-layer gradient norm ‖p − e_y‖·sqrt(1 + ‖h‖²). */
  grand: Float32Array;
  /** Opt-in: ‖∇ₓ ℓ‖₂ per sample and epoch (costs a backward pass). */
  inputGradNorm?: Float32Array;
}

export type SignalName =
  'embeddings' | 'record' | 'inputGradNorms' | 'lastLayerGrads' | 'hypersphere' | 'ssl';

export interface Signals {
  n: number;
  numClasses: number;
  /** Observed (possibly noisy) labels. */
  labels: Uint8Array;
  classNames: string[];
  embeddings?: Embeddings;
  record?: TrainingRecord;
  /** Row-major N × (C · (d + 1)) closed-form last-layer gradient embeddings, when computed. */
  lastLayerGrads?: Embeddings;
  /** Any 2-D coordinates for drawing picks (toy data itself, or a PCA projection). */
  projection2d?: Float32Array;
  /**
   * Extra strata beyond the class, when the dataset has them (the radio set's SNR bins):
   * `of[i]` is sample i's stratum index into `names`. FoQuS stratifies by class × stratum.
   */
  strata?: { name: string; of: Uint8Array; names: string[] };
  /**
   * A per-sample score imported from a file (core/data/importedSignals.ts), already mapped to the
   * training rows; the "score from file" method ranks by it.
   */
  fileScores?: { values: Float32Array; name: string };
  /** Ground truth of injected corruptions, when known (views split clean vs noisy / OOD). */
  noisyMask?: Uint8Array;
  oodMask?: Uint8Array;
}
