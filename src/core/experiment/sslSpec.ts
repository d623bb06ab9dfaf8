/**
 * A semi-supervised run (RETRIEVE and its baselines): setup, validation and the serializable
 * results the CLI writes and the UI draws. Shared by ml/ssl/loop.ts, the worker, the store and
 * the CLI, so every entry point checks the same things.
 */
import { ParamError, resolveParams } from '../methods/params';
import { retrieveMethod, retrieveParamsOf, type SslAlgorithmName } from '../methods/retrieve/retrieve';
import type { ClassificationMetrics } from './metrics';
import { MODEL_KINDS, SpecError, type ModelKind } from './spec';

export const SSL_METHODS = ['retrieve', 'random', 'full', 'supervised'] as const;
export type SslMethod = (typeof SSL_METHODS)[number];

export interface SslSpec {
  dataset: 'mnist' | 'fashion';
  labelsPerClass: number;
  unlabeled: number;
  /** Share of U replaced by the other dataset's images. */
  ood: number;
  imbalance: number;
  algorithm: SslAlgorithmName;
  method: SslMethod;
  /** f: the share of U trained on per epoch by retrieve / random (and supervised's step count). */
  fraction: number;
  /** R: re-select every R epochs. */
  roundsEvery: number;
  /** κ: share of the epochs trained on the full pool before the first selection. */
  warmStart: number;
  /** Stochastic-greedy ε. */
  epsilon: number;
  /** RETRIEVE's gradient space: logit gradients (C-dim) or the full last layer. */
  gradients: 'logits' | 'lastLayer';
  epochs: number;
  model: ModelKind;
  learningRate: number;
  labeledBatch: number;
  unlabeledBatch: number;
  /** Test images scored after every epoch (stratified subset of the test split). */
  testSize: number;
  seed: number;
}

export const DEFAULT_SSL_SPEC: SslSpec = {
  dataset: 'mnist',
  labelsPerClass: 10,
  unlabeled: 10000,
  ood: 0.5,
  imbalance: 1,
  algorithm: 'fixmatch',
  method: 'retrieve',
  fraction: 0.1,
  roundsEvery: 5,
  warmStart: 0,
  epsilon: 0.01,
  gradients: 'logits',
  epochs: 30,
  model: 'mlp',
  learningRate: 0.003,
  labeledBatch: 50,
  unlabeledBatch: 100,
  testSize: 2000,
  seed: 1,
};

/** RETRIEVE's param names → the SslSpec fields that carry them. */
const SSL_FIELD_OF_PARAM: Record<string, keyof SslSpec> = {
  algorithm: 'algorithm',
  'rounds-every': 'roundsEvery',
  'warm-start': 'warmStart',
  epsilon: 'epsilon',
  gradients: 'gradients',
};

function check(ok: boolean, field: keyof SslSpec, message: string): void {
  if (!ok) throw new SpecError(field, message);
}

export function validateSslSpec(s: SslSpec): SslSpec {
  const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  check(
    s.dataset === 'mnist' || s.dataset === 'fashion',
    'dataset',
    `dataset must be mnist or fashion, got "${s.dataset}"`,
  );
  check(
    int(s.labelsPerClass, 1, 1000),
    'labelsPerClass',
    `labels per class must be an integer in [1, 1000], got ${s.labelsPerClass}`,
  );
  check(
    int(s.unlabeled, 10, 50000),
    'unlabeled',
    `unlabeled pool must be an integer in [10, 50000], got ${s.unlabeled}`,
  );
  check(s.ood >= 0 && s.ood < 1, 'ood', `OOD share must be in [0, 1), got ${s.ood}`);
  check(
    s.imbalance >= 1 && s.imbalance <= 1000,
    'imbalance',
    `imbalance must be in [1, 1000], got ${s.imbalance}`,
  );
  check(
    (SSL_METHODS as readonly string[]).includes(s.method),
    'method',
    `method must be one of ${SSL_METHODS.join(', ')}, got "${s.method}"`,
  );
  check(s.fraction > 0 && s.fraction <= 1, 'fraction', `fraction must be in (0, 1], got ${s.fraction}`);
  // RETRIEVE's own fields (algorithm, R, κ, ε, gradients) are checked by its params schema, as
  // the panel's form and `cli ssl --param` are: one set of ranges and messages.
  try {
    resolveParams(retrieveMethod.params, retrieveParamsOf(s), retrieveMethod.name);
  } catch (e) {
    if (!(e instanceof ParamError)) throw e;
    throw new SpecError(SSL_FIELD_OF_PARAM[e.field] ?? e.field, e.message);
  }
  check(int(s.epochs, 1, 1000), 'epochs', `epochs must be an integer in [1, 1000], got ${s.epochs}`);
  check(
    (MODEL_KINDS as readonly string[]).includes(s.model),
    'model',
    `model must be one of ${MODEL_KINDS.join(', ')}, got "${s.model}"`,
  );
  check(
    s.learningRate > 0 && s.learningRate <= 1,
    'learningRate',
    `learning rate must be in (0, 1], got ${s.learningRate}`,
  );
  check(
    int(s.labeledBatch, 1, 4096),
    'labeledBatch',
    `labeled batch must be an integer in [1, 4096], got ${s.labeledBatch}`,
  );
  check(
    int(s.unlabeledBatch, 1, 4096),
    'unlabeledBatch',
    `unlabeled batch must be an integer in [1, 4096], got ${s.unlabeledBatch}`,
  );
  check(
    int(s.testSize, 10, 10000),
    'testSize',
    `test size must be an integer in [10, 10000], got ${s.testSize}`,
  );
  check(Number.isFinite(s.seed), 'seed', `seed must be a number, got ${s.seed}`);
  return s;
}

export interface SslEpochReport {
  epoch: number;
  testAccuracy: number;
  /** Wall-clock of training + selection so far (evaluation excluded), ms. */
  elapsedMs: number;
  trainMs: number;
  labeledLoss: number;
  unlabeledLoss: number;
  /** Mean m_j over the epoch's unlabeled batches. */
  maskRate: number;
  steps: number;
}

export interface SslRoundReport {
  round: number;
  /** Epoch the selection applies from. */
  epoch: number;
  size: number;
  oodShare: number;
  /** Per true class of the selected rows, OOD last (length C + 1). */
  classMix: number[];
  /** Gain of each pick when taken (retrieve only). */
  gains?: Float32Array;
  /** Mean m_j over the whole pool at selection time (retrieve only). */
  poolMaskRate?: number;
  labeledLossBefore?: number;
  labeledLossAfter?: number;
  gradientsMs: number;
  greedyMs: number;
}

export interface SslRunResult {
  spec: SslSpec;
  labeledSize: number;
  unlabeledSize: number;
  oodInPool: number;
  /** Class mix of the whole pool (OOD last), for comparison with the rounds'. */
  poolMix: number[];
  epochs: SslEpochReport[];
  rounds: SslRoundReport[];
  finalAccuracy: number;
  /** Test metrics after the last epoch (finalAccuracy is their accuracy). */
  metrics: ClassificationMetrics;
  timings: { trainingMs: number; selectionMs: number; evaluationMs: number; totalMs: number };
  backend?: string;
}
