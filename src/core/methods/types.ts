/**
 * The method contract. Every method shares one header (id, name, paper, summary, needs, params
 * schema) and has a kind:
 * - `pre-training`: `select(signals, params, ctx)` picks a coreset before training; the run then
 *   trains on it (ml/pipeline.ts).
 * - `in-training`: `run(data, params, ctx)` selects inside its own training loop (a trainer ml/
 *   supplies through `ctx.trainers`) and returns an InTrainingOutcome: the same columns as a
 *   pre-training comparison cell (kept rows, accuracy, costs, diagnostics) plus the setting it
 *   ran in. `compare` runs both kinds side by side (ml/executor.ts).
 */
import type { SimilarityBlock } from '../math/distances';
import type { SimilarityAccelerator } from '../math/accelerator';
import type { Rng } from '../math/rng';
import type { ClassificationMetrics } from '../experiment/metrics';
import type { Dataset } from '../data/dataset';
import type { SignalName, Signals } from '../signals/types';
import type { AbortSignalLike } from './abort';
import type { Diagnostic } from './diagnostics';
import type { HypersphereTrainer } from './hypercore/hypersphereTrainer';
import type { ParamSpec, ParamValues } from './params';

export { AbortError, throwIfAborted, type AbortSignalLike } from './abort';

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
   * Dense cosine Gram blocks and kNN lists from a GPU (ml/gpu), awaited per block by the
   * methods that build them (facility location, SubZeroCore); they fall back to the CPU kernels
   * where it answers null. Absent: CPU only.
   */
  accelerator?: SimilarityAccelerator;
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

/** What every method declares, whatever its kind: the UI's help, forms, URL and CLI flags come from it. */
export interface MethodHeader {
  id: string;
  name: string;
  /** Citation shown in the help. */
  paper: string;
  /** Two sentences for the UI help, naming any Decision the implementation follows. */
  summary: string;
  needs: readonly SignalName[];
  params: readonly ParamSpec[];
}

export type MethodKind = 'pre-training' | 'in-training';

export interface PreTrainingMethod extends MethodHeader {
  kind: 'pre-training';
  select(signals: Signals, params: ParamValues, ctx: SelectContext): Selection | Promise<Selection>;
}

/**
 * Training loops ml/ offers in-training methods, one member per method (ml/inTraining.ts builds
 * them for a run). A method declares its member beside its trainer type by augmenting this
 * interface (`declare module '../types'` from a method's folder), so adding one edits no framework file here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface InTrainingTrainers {}

/** The run an in-training method is asked for: the experiment's fraction and seed, with ml's loops. */
export interface InTrainingContext {
  /** f in (0, 1]: the share of the rows the method trains on per epoch after its warm-up. */
  fraction: number;
  seed: number;
  onProgress: (done: number, message?: string) => void;
  signal: AbortSignalLike;
  trainers: InTrainingTrainers;
}

/**
 * One in-training run in the columns of a comparison cell (core/experiment/runner.ts CellResult),
 * plus the setting it ran in, which the record and the report show beside its accuracy.
 */
export interface InTrainingOutcome {
  /** In words, e.g. "supervised on 2000 rows" or "semi-supervised: 100 labeled + 2000 unlabeled". */
  setting: string;
  /** Rows the method selected from (N, or the unlabeled pool's size). */
  poolSize: number;
  /** Rows of the final subset in the prepared training set's numbering; absent when they are not training rows. */
  kept?: Int32Array;
  /** Size of the final subset. */
  keptSize: number;
  /** OOD rows in the final subset and in the pool, when the trainer knows them (semi-supervised). */
  oodKept?: number;
  oodTotal?: number;
  /** Test metrics of the final model. */
  metrics: ClassificationMetrics;
  steps: number;
  trainingMs: number;
  selectionMs: number;
  evaluationMs: number;
  diagnostics: Diagnostic[];
}

export interface InTrainingMethod extends MethodHeader {
  kind: 'in-training';
  /** The learning setting `run` trains in: shown by `methods`, the Compare panel and every row. */
  setting: 'supervised' | 'semi-supervised';
  /** Where it also runs on its own (its CLI command and UI panel), named when the select path refuses it. */
  home?: { cli: string; panel: string };
  run(
    data: { train: Dataset; test: Dataset },
    params: ParamValues,
    ctx: InTrainingContext,
  ): Promise<InTrainingOutcome>;
}

/**
 * A method: one header plus its kind. `MethodDef` alone is a pre-training method (what most
 * method files declare), `MethodDef<'in-training'>` an in-training one, `AnyMethod` either.
 */
export type MethodDef<K extends MethodKind = 'pre-training'> = K extends 'pre-training'
  ? PreTrainingMethod
  : InTrainingMethod;
export type AnyMethod = PreTrainingMethod | InTrainingMethod;
