/**
 * The one path a run takes, shared by the browser worker and the CLI:
 * signals → selection → training on the coreset → evaluation, each phase timed.
 */
import type * as tf from '@tensorflow/tfjs';
import type { PreparedData } from '../core/data/prepare';
import type { ExperimentSpec } from '../core/experiment/spec';
import type { ClassificationMetrics } from '../core/experiment/metrics';
import { planTraining, type TrainBudget } from '../core/experiment/budget';
import { createRng } from '../core/math/rng';
import { scoresConstant, tiedShare, type SelectionHealth } from '../core/experiment/health';
import { randomMethod } from '../core/methods/random/random';
import { budgetFor } from '../core/budget/budgets';
import { getPreTrainingMethod } from '../core/methods/registry';
import type { Selection, TrainAndScore } from '../core/methods/types';
import type { Signals } from '../core/signals/types';
import { evaluate, predict } from './evaluate';
import { evaluateAdversarial, objectiveFor, type AdversarialMetrics } from './robustness';
import { tfSimilarityBlock } from './similarity';
import { acceleratorDiagnostic, selectionAccelerator } from './gpu/accelerator';
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
  onPhase?: (
    phase: 'signals' | 'selection' | 'training' | 'evaluation',
    done: number,
    message?: string,
  ) => void;
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
  /** What the health warnings (core/experiment/health.ts) look at. */
  health: SelectionHealth;
}

/** Class counts, ties at the cut and overlap with random's picks at the same seed and budget. */
async function selectionHealth(
  signals: Signals,
  selection: Selection,
  spec: ExperimentSpec,
  budget: number,
): Promise<SelectionHealth> {
  const { labels, numClasses, n } = signals;
  const classRows = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < n; i++) classRows[labels[i]!]!++;
  const keptPerClass = new Array<number>(numClasses).fill(0);
  for (const r of selection.indices) keptPerClass[labels[r]!]!++;
  let randomOverlap: number | undefined;
  if (spec.method !== 'random' && selection.indices.length) {
    const rnd = await randomMethod.select(
      signals,
      { balance: 'proportional' },
      {
        fraction: spec.fraction,
        budget,
        rng: createRng(spec.seed).fork('select-random'),
        onProgress: () => {},
        signal: new AbortController().signal,
      },
    );
    const mine = new Set(selection.indices);
    let both = 0;
    for (const r of rnd.indices) if (mine.has(r)) both++;
    randomOverlap = both / selection.indices.length;
  }
  return {
    numClasses,
    classRows,
    keptPerClass,
    budget,
    n,
    scoresConstant: scoresConstant(selection.scores),
    tiedShare: tiedShare(selection.scores, selection.indices),
    randomOverlap,
  };
}

export async function runSelection(
  data: PreparedData,
  spec: ExperimentSpec,
  hooks: PhaseHooks = {},
): Promise<SelectOutcome> {
  // In-training methods run inside their own loops (ml/inTraining.ts), not here.
  const method = getPreTrainingMethod(spec.method);
  const signal = hooks.signal ?? new AbortController().signal;
  const t0 = performance.now();
  const progress: SignalProgress = (done, message) => hooks.onPhase?.('signals', done, message);
  const signals: Signals = await computeSignals(method.needs, data, spec, progress, signal, {
    embeddingSource: embeddingSourceOf(spec.params),
    imported: hooks.imported,
  });
  const t1 = performance.now();
  const n = data.train.labels.length;
  const budget = budgetFor(spec.fraction, n);
  // Gram / kNN blocks on the GPU where the adapter is hardware (or ?selectGpu=1): ml/gpu/accelerator.ts.
  const gpu = await selectionAccelerator();
  const selection = await method.select(signals, spec.params, {
    fraction: spec.fraction,
    budget,
    rng: createRng(spec.seed).fork(`select-${method.id}`),
    onProgress: (done, message) => hooks.onPhase?.('selection', done, message),
    signal,
    similarity: tfSimilarityBlock(),
    accelerator: gpu?.accelerator,
    trainers: { hypersphere: trainHyperspheres, trainAndScore: trainAndScoreFor(data, spec) },
  });
  const used = gpu && acceleratorDiagnostic(gpu.use);
  if (used) selection.diagnostics.push(used);
  const t2 = performance.now();
  const health = await selectionHealth(signals, selection, spec, budget);
  return { selection, timings: { signalsMs: t1 - t0, selectionMs: t2 - t1 }, health };
}

export interface TrainOutcome {
  metrics: ClassificationMetrics;
  train: TrainResult;
  timings: Timings;
  /** Accuracy under spec.attack (absent when its kind is 'none'). */
  adversarial?: AdversarialMetrics;
  /** Test rows the attacks ran on (a fixed seeded subset when the test split is large). */
  adversarialRows?: number;
  /** The budget the training ran under ('epochs' for the full-data run) and its optimizer steps. */
  trainBudget: TrainBudget;
  steps: number;
  /** `converge`: rows held out of the coreset for validation. */
  validationRows?: number;
}

/**
 * SelectTrainers.trainAndScore (NUCS's oracle window): the spec's model and training settings
 * (plain cross-entropy) on rows of the training set, scored on other training rows.
 */
export function trainAndScoreFor(data: PreparedData, spec: ExperimentSpec): TrainAndScore {
  return async ({ trainRows, valRows, signal, onProgress }) => {
    const model = buildModel(
      spec.model,
      { inputShape: data.train.shape, numClasses: data.train.numClasses },
      spec.seed,
    );
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

/**
 * Trains the spec's model on `rows` and scores it on the test split. A coreset (`rows` given)
 * trains under spec.trainBudget (core/experiment/budget.ts); all rows (absent) train spec.epochs.
 */
export async function trainAndEvaluate(
  data: PreparedData,
  spec: ExperimentSpec,
  rows: Int32Array | undefined,
  hooks: PhaseHooks = {},
  options: { augment?: boolean } = {},
): Promise<TrainOutcome> {
  const model: tf.Sequential = buildModel(
    spec.model,
    { inputShape: data.train.shape, numClasses: data.train.numClasses },
    spec.seed,
  );
  const n = data.train.labels.length;
  const plan = rows ? planTraining(spec, n, rows, data.train.labels) : undefined;
  const stop = plan?.earlyStopping;
  try {
    const result = await train(model, data.train, {
      epochs: plan?.epochs ?? spec.epochs,
      maxSteps: plan?.maxSteps,
      batchSize: spec.batchSize,
      learningRate: spec.learningRate,
      seed: spec.seed,
      rows: plan?.trainRows ?? rows,
      signal: hooks.signal,
      objective: objectiveFor(spec.attack, data.train, spec.seed),
      earlyStopping: stop && {
        patience: stop.patience,
        validate: async (m) => {
          const pred = await predict(m, data.train, stop.validationRows);
          let hits = 0;
          stop.validationRows.forEach((r, i) => (hits += pred[i] === data.train.labels[r] ? 1 : 0));
          return hits / stop.validationRows.length;
        },
      },
      augment: options.augment,
      onBatch: (r) => {
        hooks.onBatch?.(r);
        const total = plan ? plan.epochs : spec.epochs;
        hooks.onPhase?.('training', Math.min(1, (r.epoch + (r.batch + 1) / r.batchesPerEpoch) / total));
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
      trainBudget: plan?.budget ?? 'epochs',
      steps: result.steps,
      ...(stop ? { validationRows: stop.validationRows.length } : {}),
      ...(adv ? { adversarial: adv.adversarial, adversarialRows: adv.rows } : {}),
    };
  } finally {
    model.dispose();
  }
}
