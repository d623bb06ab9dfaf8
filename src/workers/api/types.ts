/** Serializable shapes that cross the worker boundary (no tensors, no class instances). */
import type { GroundTruth } from '../../core/data/prepare';
import type { ClassificationMetrics } from '../../core/experiment/metrics';
import type { Diagnostic } from '../../core/methods/diagnostics';
import type { BackendChoice } from '../../ml/backend';
import type { Timings } from '../../ml/pipeline';
import type { BatchReport, EpochReport } from '../../ml/train';

export type { BackendChoice, BatchReport, EpochReport, Timings, ClassificationMetrics };

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
  labels: Uint8Array;
  noisyCount: number;
  oodCount: number;
  truth: Pick<GroundTruth, 'noisyMask' | 'oodMask'>;
  loadMs: number;
}

export interface Progress {
  phase: 'loading' | 'signals' | 'selection' | 'training' | 'evaluation';
  /** In [0, 1] within the phase. */
  done: number;
  message?: string;
  batch?: BatchReport;
  epoch?: EpochReport;
}

export interface TrainOutcomeDto {
  metrics: ClassificationMetrics;
  epochs: EpochReport[];
  samplesPerSecond: number;
  timings: Timings;
}

export interface CoresetOutcomeDto extends TrainOutcomeDto {
  indices: Int32Array;
  perClassCounts: number[];
  scores?: Float32Array;
  diagnostics: Diagnostic[];
  noisyKept?: number;
  oodKept?: number;
}

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
