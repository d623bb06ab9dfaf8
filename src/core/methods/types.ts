import type { SimilarityBlock } from '../math/distances';
import type { Rng } from '../math/rng';
import type { SignalName, Signals } from '../signals/types';
import type { Diagnostic } from './diagnostics';
import type { HypersphereTrainer } from './hypersphereTrainer';
import type { SwastTrainer } from './swast';
import type { ParamSpec, ParamValues } from './params';

/** The part of AbortSignal core needs (core compiles without DOM or worker types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export interface SelectContext {
  /** Coreset fraction f in (0, 1]. */
  fraction: number;
  /** Coreset size k = round(f · N), at least 1. */
  budget: number;
  rng: Rng;
  /** Reports progress in [0, 1]. */
  onProgress: (done: number, message?: string) => void;
  signal: AbortSignalLike;
  /** Faster inner products for big blocks (ml's tfjs matMul); core's loops when absent. */
  similarity?: SimilarityBlock;
  /**
   * Model training a method needs while it selects (HyperCore's hypersphere MLPs, NUCS's oracle
   * windows), supplied by ml/pipeline.ts; core never imports tfjs. A method that needs one and
   * finds it absent throws MissingTrainerError.
   */
  trainers?: SelectTrainers;
}

/**
 * Services ml/ offers to core methods. Each member is optional and documented where it is
 * implemented; add a member here when a method needs a new kind of training.
 */
export interface SelectTrainers {
  [name: string]: unknown;
  /**
   * HyperCore: trains one hypersphere MLP per class on the given embeddings (positives = the
   * class, negatives = an equal-size seeded sample of the others) and returns ‖φ_c(x)‖ for both;
   * ml/hypersphere.ts trainHyperspheres.
   */
  hypersphere?: HypersphereTrainer;
  /**
   * NUCS (oracle window): trains the spec's model (its epochs, batch size, learning rate, seed)
   * on `trainRows` and returns its accuracy on `valRows`, both rows of the training set;
   * cancellable through `signal`, progress in [0, 1]. ml/pipeline.ts trainAndScoreFor.
   */
  trainAndScore?: TrainAndScore;
  /**
   * SWaST: trains a fresh model of the run's spec with online pruning and re-selection every R
   * epochs (core/methods/swast.ts has the schedule and the rule) and returns the whole run;
   * ml/swast.ts swastTrainer.
   */
  swast?: SwastTrainer;
}

export type TrainAndScore = (req: {
  trainRows: Int32Array;
  valRows: Int32Array;
  signal: AbortSignalLike;
  onProgress?: (done: number) => void;
}) => Promise<number>;

export class MissingTrainerError extends Error {
  constructor(method: string, what: string) {
    super(`${method} needs ${what}, which only runs with the ml layer (browser worker or CLI)`);
    this.name = 'MissingTrainerError';
  }
}

export interface Selection {
  /** Dataset rows kept, ascending, unique. */
  indices: Int32Array;
  /** Per-row score the method ranked by (length N), if it has one. */
  scores?: Float32Array;
  /** Per-kept-sample weights (aligned with indices), if the method weights its coreset. */
  weights?: Float32Array;
  perClassCounts: number[];
  diagnostics: Diagnostic[];
}

export interface MethodDef {
  id: string;
  name: string;
  /** Citation shown in the help. */
  paper: string;
  /** Two sentences for the UI help, naming any Decision the implementation follows. */
  summary: string;
  kind: 'pre-training' | 'in-training';
  needs: readonly SignalName[];
  params: readonly ParamSpec[];
  select(signals: Signals, params: ParamValues, ctx: SelectContext): Selection | Promise<Selection>;
}

export class AbortError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal: AbortSignalLike): void {
  if (signal.aborted) throw new AbortError();
}
