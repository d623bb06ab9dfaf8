/** What the store holds: serializable data only (no DOM, no tensors, no workers). */
import type { ExperimentSpec } from '../core/experiment/spec';
import type { Diagnostic } from '../core/methods/diagnostics';
import type { ParamValues } from '../core/methods/params';
import type { BackendChoice, ClassificationMetrics, DataSummary, Progress, Timings } from '../workers/api/types';

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface CurvePoint {
  /** Fractional epoch (epoch + batch / batchesPerEpoch). */
  x: number;
  loss: number;
  accuracy: number;
}

export interface RunRecord {
  id: string;
  kind: 'full' | 'coreset';
  dataKey: string;
  dataName: string;
  model: ExperimentSpec['model'];
  epochs: number;
  method?: string;
  fraction?: number;
  params?: ParamValues;
  seed: number;
  status: RunStatus;
  progress?: Progress;
  startedAt: number;
  curve: CurvePoint[];
  error?: string;
  size: number;
  metrics?: ClassificationMetrics;
  timings?: Timings;
  samplesPerSecond?: number;
  /** Wall time of each epoch (the first includes warm-up such as shader compilation). */
  epochMs?: number[];
  perClassCounts?: number[];
  noisyKept?: number;
  oodKept?: number;
  indices?: Int32Array;
  scores?: Float32Array;
  diagnostics?: Diagnostic[];
  backend?: string;
}

export type LoadStatus = 'empty' | 'loading' | 'ready' | 'error';

export interface BackendState {
  status: 'idle' | 'starting' | 'ready' | 'error';
  choice?: BackendChoice;
  error?: string;
}

export interface DataState {
  status: LoadStatus;
  summary?: DataSummary;
  progress?: Progress;
  error?: string;
}

export interface DynamicsState {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  dataKey?: string;
  progress?: Progress;
  diagnostics?: Diagnostic[];
  epochs?: number;
  cached?: boolean;
  ms?: number;
  error?: string;
  trueProb?: Float32Array;
  correct?: Uint8Array;
}

export interface AppState {
  spec: ExperimentSpec;
  backend: BackendState;
  data: DataState;
  runs: RunRecord[];
  /** The shared training-dynamics record's views (signals panel). */
  dynamics: DynamicsState;
  /** The run whose details the results panel shows. */
  selectedRunId?: string;
  /** Last validation or job error shown in the banner. */
  notice?: { kind: 'error' | 'info'; text: string };
}

export type { DataSummary, BackendChoice, ClassificationMetrics, Progress, Timings };
