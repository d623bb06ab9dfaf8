/** What the store holds: serializable data only (no DOM, no tensors, no workers). */
import type { SslState } from './sslTypes';
import type { ComparisonState } from './compareTypes';
import type { SignalFilesState } from './signalFilesTypes';
import type { ExperimentSpec } from '../core/experiment/spec';
import type { AdversarialMetrics } from '../core/experiment/attack';
import type { Diagnostic } from '../core/methods/diagnostics';
import type { ParamValues } from '../core/methods/params';
import type {
  BackendChoice,
  ClassificationMetrics,
  DataSummary,
  Progress,
  SwastOutcomeDto,
  Timings,
} from '../workers/api/types';
import type { SwastEpochReport } from '../core/methods/swast/swastSchedule';

/** `queued`: asked for while another run was in flight; it starts when that one ends. */
export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

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
  /** Rows trained on: the requested budget while running, the method's own count when done. */
  size: number;
  /** The budget the fraction asked for (coreset runs); adaptive methods (HyperCore) may differ. */
  requestedSize?: number;
  metrics?: ClassificationMetrics;
  /** Accuracy under the run's attack (spec.attack), when one was measured. */
  adversarial?: AdversarialMetrics;
  /** Test rows the attacks ran on (a fixed seeded subset of the test split when it is large). */
  adversarialRows?: number;
  /** The model was trained with TRADES. */
  trades?: boolean;
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
  /** The validated spec the run was started with: Retry runs it again. */
  spec?: ExperimentSpec;
  /** Label of each kept row (aligned with indices), so exports and diffs work without the data. */
  keptLabels?: Uint8Array;
  /** Ground truth of each kept row (aligned with indices) when corruption was injected. */
  keptNoisy?: Uint8Array;
  keptOod?: Uint8Array;
  /** Class names of the run's data (exports name the classes). */
  classNames?: string[];
  /** The data's own numbering (exports write sourceIndices in it) and each training row's row there. */
  source?: { numbering: string; size: number };
  sourceRows?: Int32Array;
  /** Each kept row's own name (imported file path), aligned with indices. */
  keptPaths?: string[];
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
  /** Whether runs are saved in this browser (state/persistence.ts). */
  storage?: StorageState;
  /** The SWaST panel's job (absent until first run). */
  swast?: SwastState;
  /** The semi-supervised (RETRIEVE) panel: setup and comparison runs (absent until touched). */
  ssl?: SslState;
  /** The comparison panel: methods × fractions × seeds or a preset (absent until touched). */
  comparison?: ComparisonState;
  /** Embeddings / scores imported beside the data (absent until one is). */
  signalFiles?: SignalFilesState;
}

export interface SwastState {
  status: 'running' | 'done' | 'failed' | 'cancelled';
  progress?: Progress;
  /** Epochs reported so far per run, while running (live overlay). */
  live: { run: string; epochs: SwastEpochReport[] }[];
  outcome?: SwastOutcomeDto;
  error?: string;
}

export interface StorageState {
  /** `saving`: runs survive a reload; `off`: this browser gives no storage; `error`: the last write failed. */
  status: 'restoring' | 'saving' | 'off' | 'error';
  message?: string;
  /** Runs in the store that are saved. */
  saved?: number;
}

export type { DataSummary, BackendChoice, ClassificationMetrics, Progress, Timings };
export type { CacheWhere, SignalCacheState } from '../workers/api/types';
export type { ImportResultDto } from '../workers/api/customData';
