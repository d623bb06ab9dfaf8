/** Serializable shapes that cross the worker boundary (no tensors, no class instances). */
import type { GroundTruth } from '../../core/data/prepare';
import type { SourceNumbering } from '../../core/data/sourceNumbering';
import type { SslEpochReport, SslRoundReport } from '../../core/experiment/sslSpec';
import type { ClassificationMetrics } from '../../core/experiment/metrics';
import type { AdversarialMetrics } from '../../core/experiment/attack';
import type { Diagnostic } from '../../core/methods/diagnostics';
import type { BackendChoice } from '../../ml/backend';
import type { Timings } from '../../ml/pipeline';
import type { BatchReport, EpochReport } from '../../ml/train';
import type { SwastEpochReport } from '../../core/methods/swast/swastSchedule';
import type { NamedSwastRun } from '../../core/methods/swast/swastDiagnostics';

export type { BackendChoice, BatchReport, EpochReport, Timings, ClassificationMetrics };
export type { CacheWhere, SignalCacheState } from '../../ml/signals';

export interface DataSummary {
  /** Identifies the loaded data; results carry it so stale ones can be told apart. */
  key: string;
  name: string;
  n: number;
  testN: number;
  shape: number[];
  numClasses: number;
  classNames: string[];
  classCounts: number[];
  testClassCounts: number[];
  /** A few rows per class for the sample grid. */
  sampleRows: number[];
  /** Pixels of sampleRows (images) — row-major, h·w bytes each. */
  samplePixels?: Uint8Array;
  /** Toy only: every point, row-major N × 2, for the scatter. */
  points?: Float32Array;
  /** Sequences (radio I/Q) of sampleRows: row-major, shape[0] × shape[1] floats each. */
  sampleSignals?: Float32Array;
  /** Per-sample strata beyond the class (the radio set's SNR bins). */
  strata?: { name: string; names: string[]; of: Uint8Array };
  labels: Uint8Array;
  noisyCount: number;
  oodCount: number;
  truth: Pick<GroundTruth, 'noisyMask' | 'oodMask'>;
  /** The dataset's own numbering (what exports call sourceIndices) and each row's row in it. */
  source: SourceNumbering;
  sourceRows: Int32Array;
  /** Each row's own name (an imported file's path) where the data has one. */
  sourceNames?: string[];
  loadMs: number;
}

export interface Progress {
  phase: 'loading' | 'signals' | 'selection' | 'training' | 'evaluation';
  /** In [0, 1] within the phase. */
  done: number;
  message?: string;
  batch?: BatchReport;
  epoch?: EpochReport;
  /** SWaST: an epoch of the named run finished (live accuracy and density curves). */
  swastEpoch?: { run: string; report: SwastEpochReport };
}

export interface TrainOutcomeDto {
  metrics: ClassificationMetrics;
  epochs: EpochReport[];
  samplesPerSecond: number;
  timings: Timings;
  /** Accuracy under spec.attack, when one was asked for. */
  adversarial?: AdversarialMetrics;
  /** Test rows the attacks ran on. */
  adversarialRows?: number;
}

export interface CoresetOutcomeDto extends TrainOutcomeDto {
  indices: Int32Array;
  perClassCounts: number[];
  scores?: Float32Array;
  diagnostics: Diagnostic[];
  noisyKept?: number;
  oodKept?: number;
}

/** The teaching step-through (core/methods/stepThrough.ts): every greedy step with its coverage. */
export type { TeachMethod, TeachResult, TeachStep } from '../../core/methods/stepThrough';

export interface DynamicsDto {
  dataKey: string;
  epochs: number;
  /** Whether the recorded run came from the cache (no training needed). */
  cached: boolean;
  ms: number;
  diagnostics: Diagnostic[];
  /** Per-sample trajectories for hover: epoch-major N × T, as in the record. */
  trueProb: Float32Array;
  correct: Uint8Array;
}

/** A SWaST job: its params (core/methods/swast/swast.ts schema) and whether to run the comparison. */
export interface SwastRequest {
  params: Record<string, unknown>;
  fraction: number;
  /** Also run without state preservation and coreset-only (no pruning). */
  compare: boolean;
}

export interface SwastOutcomeDto {
  dataKey: string;
  runs: NamedSwastRun[];
  diagnostics: Diagnostic[];
  ms: number;
}

/** The semi-supervised panel (RETRIEVE and its baselines): setup, results, live reports. */
export type { SslSpec, SslRunResult, SslEpochReport, SslRoundReport } from '../../core/experiment/sslSpec';

export interface SslProgressDto {
  phase: 'loading' | 'selection' | 'training' | 'evaluation';
  /** Overall share of the run done, in [0, 1]. */
  done: number;
  message?: string;
  /** An epoch finished (test accuracy vs wall-clock). */
  epoch?: SslEpochReport;
  /** A selection round finished (OOD share, class mix, gains). */
  round?: SslRoundReport;
}

/** Comparisons (runPlan): the plan and its results are core types; progress carries what just finished. */
import type { PlanProgress } from '../../core/experiment/runner';
import type { ReferenceRecord, ResultRecord } from '../../core/experiment/records';
export type { ExperimentPlan } from '../../core/experiment/plan';
export type { PlanProgress, PlanResult } from '../../core/experiment/runner';
export type { ReferenceRecord, ResultRecord } from '../../core/experiment/records';

export interface PlanProgressDto {
  progress?: PlanProgress;
  /** A cell finished (streamed in run order). */
  record?: ResultRecord;
  /** A full-data reference finished. */
  reference?: ReferenceRecord;
}
