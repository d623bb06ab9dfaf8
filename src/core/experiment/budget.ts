/**
 * How long a coreset trains (the spec's `trainBudget`). Training a 10% coreset for as many
 * epochs as the full data gives it 10% of the optimizer steps, which measures step count, not
 * data quality; so comparisons default to the same number of steps as the full-data run.
 *
 * - `epochs`: spec.epochs passes over the coreset (what DeepCore does).
 * - `steps`: the full-data run's optimizer steps, spec.epochs × ⌈N / batch⌉, over the coreset
 *   (the last pass may stop mid-epoch).
 * - `converge`: early stopping on a validation split carved from the coreset's own rows (never
 *   the test set): a check after every pass over the rest, the best checkpoint restored, no
 *   improvement for `patience` checks stops it; at most CONVERGE_MAX_FACTOR × the full-data steps.
 *
 * The full-data reference always trains spec.epochs over every row.
 */
import { createRng } from '../math/rng';

export type TrainBudget = 'epochs' | 'steps' | 'converge';
export const TRAIN_BUDGETS: readonly TrainBudget[] = ['epochs', 'steps', 'converge'];

export const TRAIN_BUDGET_HELP: Record<TrainBudget, string> = {
  epochs: 'same epochs as the full-data run (a 10% coreset gets 10% of the steps; DeepCore)',
  steps: 'same optimizer steps as the full-data run (fair to small coresets; default for comparisons)',
  converge: 'early stopping on a validation split of the coreset rows (never the test set)',
};

/** Share of the coreset rows held out for `converge`'s validation (at least one row). */
export const CONVERGE_VALIDATION_SHARE = 0.1;
/** `converge` stops after this many multiples of the full-data steps at the latest. */
export const CONVERGE_MAX_FACTOR = 4;
/** Fewest checks without improvement before `converge` stops. */
export const CONVERGE_MIN_PATIENCE = 5;

export interface BudgetInput {
  trainBudget: TrainBudget;
  epochs: number;
  batchSize: number;
}

export interface EarlyStopping {
  /** Rows (of the training set) that the checks score; they are not trained on. */
  validationRows: Int32Array;
  /** Checks without a better validation accuracy before stopping. */
  patience: number;
}

export interface TrainingPlan {
  budget: TrainBudget;
  /** Rows the optimizer sees. */
  trainRows: Int32Array;
  /** Passes over trainRows at most. */
  epochs: number;
  /** Optimizer steps at most (the loop stops mid-pass when reached). */
  maxSteps: number;
  earlyStopping?: EarlyStopping;
}

export const stepsPerEpoch = (rows: number, batchSize: number): number => Math.ceil(rows / batchSize);

/** Optimizer steps of the full-data run: spec.epochs passes over all N rows. */
export function fullDataSteps(spec: Omit<BudgetInput, 'trainBudget'>, n: number): number {
  return spec.epochs * stepsPerEpoch(n, spec.batchSize);
}

/** A seeded split of `rows` into (train, validation); the validation share is per class, at least one row. */
export function carveValidation(
  rows: Int32Array,
  labels: ArrayLike<number>,
  seed: number,
): { train: Int32Array; validation: Int32Array } {
  const byClass = new Map<number, number[]>();
  for (const r of rows) {
    const c = labels[r]!;
    const list = byClass.get(c);
    if (list) list.push(r);
    else byClass.set(c, [r]);
  }
  const rng = createRng(seed).fork('validation-split');
  const validation: number[] = [];
  const train: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const list = Int32Array.from(byClass.get(c)!);
    rng.shuffle(list);
    // A class with one row keeps it for training.
    const k = list.length < 2 ? 0 : Math.max(1, Math.round(list.length * CONVERGE_VALIDATION_SHARE));
    validation.push(...list.subarray(0, k));
    train.push(...list.subarray(k));
  }
  if (!validation.length && train.length > 1) validation.push(train.pop()!);
  return { train: Int32Array.from(train).sort(), validation: Int32Array.from(validation).sort() };
}

/**
 * The training a coreset of `rows` gets out of N training rows under the spec's budget.
 * `labels` (the training labels) are needed for `converge`'s per-class validation split.
 */
export function planTraining(
  spec: BudgetInput & { seed: number },
  n: number,
  rows: Int32Array,
  labels: ArrayLike<number>,
): TrainingPlan {
  if (rows.length === 0) throw new RangeError('cannot train on an empty set');
  const full = fullDataSteps(spec, n);
  if (spec.trainBudget === 'epochs') {
    return {
      budget: 'epochs',
      trainRows: rows,
      epochs: spec.epochs,
      maxSteps: spec.epochs * stepsPerEpoch(rows.length, spec.batchSize),
    };
  }
  if (spec.trainBudget === 'steps') {
    const per = stepsPerEpoch(rows.length, spec.batchSize);
    return { budget: 'steps', trainRows: rows, epochs: Math.ceil(full / per), maxSteps: full };
  }
  const { train, validation } = carveValidation(rows, labels, spec.seed);
  const trainRows = validation.length ? train : rows;
  const per = stepsPerEpoch(trainRows.length, spec.batchSize);
  const maxSteps = CONVERGE_MAX_FACTOR * full;
  // Patience spans about one full-data epoch of steps, and never fewer than 5 checks.
  const patience = Math.max(CONVERGE_MIN_PATIENCE, Math.ceil(stepsPerEpoch(n, spec.batchSize) / per));
  return {
    budget: 'converge',
    trainRows,
    epochs: Math.ceil(maxSteps / per),
    maxSteps,
    earlyStopping: validation.length ? { validationRows: validation, patience } : undefined,
  };
}
