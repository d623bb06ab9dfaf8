/**
 * The record shapes of a comparison (one row per cell, the full-data references, the per-method
 * summary). Apart from records.ts so verdicts.ts can name them without an import cycle.
 */
import type { TrainBudget } from './budget';
import type { HealthWarning } from './health';
import type { Interval, Verdict } from './stats';

export interface AdversarialScores {
  /** L∞ radius the attacks used. */
  epsilon: number;
  fgsm?: number;
  pgd?: number;
}

/** The full-data model of one (dataset, corruption, seed) group: what every coreset is measured against. */
export interface ReferenceRecord {
  group: string;
  dataset: string;
  trainSize: number;
  corruption: string;
  seed: number;
  accuracy: number;
  balancedAccuracy: number;
  worstClassAccuracy: number;
  macroF1: number;
  adversarial?: AdversarialScores;
  trainingMs: number;
  /** Optimizer steps of the full-data run (absent in records saved before budgets). */
  steps?: number;
}

export interface ResultRecord {
  /** The cell's position in run order. */
  cell: number;
  status: 'ok' | 'failed';
  error?: string;
  group: string;
  dataset: string;
  /** Rows of the prepared training set (after imbalance), i.e. N. */
  trainSize: number;
  corruption: string;
  noise: number;
  imbalance: number;
  ood: number;
  model: string;
  /** Epochs of the full-data run. */
  epochs: number;
  /** How the coreset trained (core/experiment/budget.ts); absent in records saved before budgets ('epochs'). */
  trainBudget?: TrainBudget;
  method: string;
  /** The plan's label for the method (defaults to its id). */
  label: string;
  /**
   * In-training methods: the setting the row ran in, in words; absent for a
   * coreset chosen before training and then trained on.
   */
  setting?: string;
  fraction: number;
  seed: number;
  coresetSize: number;
  /** Optimizer steps the coreset training took (absent in records saved before budgets). */
  steps?: number;
  accuracy: number;
  balancedAccuracy: number;
  worstClassAccuracy: number;
  macroF1: number;
  adversarial?: AdversarialScores;
  /** Injected label-noise rows kept in the coreset, and how many were injected. */
  noisyKept?: number;
  noisyTotal?: number;
  oodKept?: number;
  oodTotal?: number;
  /** Wall time this cell spent computing signals (≈0 when an earlier cell's signals were cached). */
  signalsMs: number;
  selectionMs: number;
  trainingMs: number;
  evaluationMs: number;
  reference?: ReferenceRecord;
  /** Why this record's result is not to be trusted (health.ts); absent when healthy. */
  warnings?: HealthWarning[];
}

/** Mean, sample std (n − 1; 0 for one value), n, and the 95% t-interval of the mean (n ≥ 2). */
export type Stat = Interval;

export interface SummaryRow {
  dataset: string;
  trainSize: number;
  corruption: string;
  method: string;
  label: string;
  fraction: number;
  /** In-training methods: the setting of the first seed (ResultRecord.setting). */
  setting?: string;
  /** Seeds that finished, and cells that failed. */
  seeds: number;
  failed: number;
  coresetSize?: Stat;
  accuracy?: Stat;
  balancedAccuracy?: Stat;
  worstClassAccuracy?: Stat;
  macroF1?: Stat;
  fgsm?: Stat;
  pgd?: Stat;
  noisyKeptShare?: Stat;
  oodKeptShare?: Stat;
  signalsMs?: Stat;
  selectionMs?: Stat;
  trainingMs?: Stat;
  fullAccuracy?: Stat;
  fullTrainingMs?: Stat;
  netSavedMs?: Stat;
  /** Paired over seeds against random at the same fraction (absent for random itself). */
  vsRandom?: Verdict;
  /** Paired over seeds against the plan's strongest other method there (verdicts.ts). */
  vsBaseline?: Verdict;
  /** Each health warning of the row's records once (health.ts), with how many seeds raised it. */
  warnings?: (HealthWarning & { seeds: number })[];
}
