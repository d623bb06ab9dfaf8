/**
 * The one path a run takes, shared by the browser worker and the CLI:
 * signals → selection → training on the coreset → evaluation, each phase timed.
 */
import type * as tf from '@tensorflow/tfjs';
import type { PreparedData } from '../core/data/prepare';
import type { ExperimentSpec } from '../core/experiment/spec';
import type { ClassificationMetrics } from '../core/experiment/metrics';
import { createRng } from '../core/math/rng';
import { budgetFor } from '../core/methods/budgets';
import { getMethod } from '../core/methods/registry';
import { assertPreTraining } from '../core/methods/inTraining';
import type { Selection, TrainAndScore } from '../core/methods/types';
import type { Signals } from '../core/signals/types';
import { evaluate, predict } from './evaluate';
import { evaluateAdversarial, objectiveFor, type AdversarialMetrics } from './robustness';
import { tfSimilarityBlock } from './similarity';
import { trainHyperspheres } from './hypersphere';
import { buildModel } from './models';
import { computeSignals, embeddingSourceOf, type ImportedForRun, type SignalProgress } from './signals';
import { train, type BatchReport, type EpochReport, type TrainResult } from './train';

export interface Timings {
  signalsMs?: number;
  selectionMs?: number;
  trainingMs?: number;
  evaluationMs?: number;
}

export interface PhaseHooks {
  signal?: AbortSignal;
  onPhase?: (phase: 'signals' | 'selection' | 'training' | 'evaluation', done: number, message?: string) => void;
  onBatch?: (r: BatchReport) => void;
  onEpoch?: (r: EpochReport) => void;
  /** Embeddings / scores from the user's files for this run's training rows. */
  imported?: ImportedForRun;
  /** The trained model before it is freed (e.g. to save it); it must not be kept or disposed. */
  onTrainedModel?: (model: tf.LayersModel) => Promise<void>;
}

export interface SelectOutcome {
  selection: Selection;
  timings: Timings;
}

export async function runSelection(data: PreparedData, spec: ExperimentSpec, hooks: PhaseHooks = {}): Promise<SelectOutcome> {
  const method = getMethod(spec.method);
  // In-training methods (RETRIEVE, SWaST) run inside their own loops, not before training.
  assertPreTraining(method);
  const signal = hooks.signal ?? new AbortController().signal;
  const t0 = performance.now();
  const progress: SignalProgress = (done, message) => hooks.onPhase?.('signals', done, message);
  const signals: Signals = await computeSignals(method.needs, data, spec, progress, signal, {
    embeddingSource: embeddingSourceOf(spec.params),
    imported: hooks.imported,
  });
  const t1 = performance.now();
  const n = data.train.labels.length;
  const selection = await method.select(signals, spec.params, {
    fraction: spec.fraction,
    budget: budgetFor(spec.fraction, n),
    rng: createRng(spec.seed).fork(`select-${method.id}`),
    onProgress: (done, message) => hooks.onPhase?.('selection', done, message),
    signal,
    similarity: tfSimilarityBlock(),
    trainers: { hypersphere: trainHyperspheres, trainAndScore: trainAndScoreFor(data, spec) },
  });
  const t2 = performance.now();
  return { selection, timings: { signalsMs: t1 - t0, selectionMs: t2 - t1 } };
}

export interface TrainOutcome {
  metrics: ClassificationMetrics;
  train: TrainResult;
  timings: Timings;
  /** Accuracy under spec.attack (absent when its kind is 'none'). */
  adversarial?: AdversarialMetrics;
  /** Test rows the attacks ran on (a fixed seeded subset when the test split is large). */
  adversarialRows?: number;
}

/**
 * SelectTrainers.trainAndScore (NUCS's oracle window): the spec's model and training settings
 * (plain cross-entropy) on rows of the training set, scored on other training rows.
 */
export function trainAndScoreFor(data: PreparedData, spec: ExperimentSpec): TrainAndScore {
  return async ({ trainRows, valRows, signal, onProgress }) => {
    const model = buildModel(spec.model, { inputShape: data.train.shape, numClasses: data.train.numClasses }, spec.seed);
    try {
      await train(model, data.train, {
        epochs: spec.epochs,
        batchSize: spec.batchSize,
        learningRate: spec.learningRate,
        seed: spec.seed,
        rows: trainRows,
        signal,
        onBatch: (r) => onProgress?.((r.epoch + (r.batch + 1) / r.batchesPerEpoch) / spec.epochs),
      });
      const pred = await predict(model, data.train, valRows);
      let hits = 0;
      for (let i = 0; i < valRows.length; i++) if (pred[i] === data.train.labels[valRows[i]!]) hits++;
      return valRows.length ? hits / valRows.length : NaN;
    } finally {
      model.dispose();
    }
  };
}

/** Trains the spec's model on `rows` (all rows when absent) and scores it on the test split. */
export async function trainAndEvaluate(
  data: PreparedData,
  spec: ExperimentSpec,
  rows: Int32Array | undefined,
  hooks: PhaseHooks = {},
): Promise<TrainOutcome> {
  const model: tf.Sequential = buildModel(
    spec.model,
    { inputShape: data.train.shape, numClasses: data.train.numClasses },
    spec.seed,
  );
  try {
    const total = spec.epochs;
    const result = await train(model, data.train, {
      epochs: spec.epochs,
      batchSize: spec.batchSize,
      learningRate: spec.learningRate,
      seed: spec.seed,
      rows,
      signal: hooks.signal,
      objective: objectiveFor(spec.attack, data.train, spec.seed),
      onBatch: (r) => {
        hooks.onBatch?.(r);
        hooks.onPhase?.('training', (r.epoch + (r.batch + 1) / r.batchesPerEpoch) / total);
      },
      onEpoch: (r) => hooks.onEpoch?.(r),
    });
    hooks.onPhase?.('evaluation', 0);
    const t0 = performance.now();
    const metrics = await evaluate(model, data.test);
    const adv = await evaluateAdversarial(model, data.test, spec.attack, spec.seed, hooks.signal, (d) =>
      hooks.onPhase?.('evaluation', 0.1 + 0.9 * d, 'adversarial accuracy'),
    );
    const evaluationMs = performance.now() - t0;
    hooks.onPhase?.('evaluation', 1);
    await hooks.onTrainedModel?.(model);
    return {
      metrics,
      train: result,
      timings: { trainingMs: result.ms, evaluationMs },
      ...(adv ? { adversarial: adv.adversarial, adversarialRows: adv.rows } : {}),
    };
  } finally {
    model.dispose();
  }
}
