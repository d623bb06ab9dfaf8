/** The comparison panel's slice of the store (serializable data only). */
import type { SkippedMethod, ExperimentPlan } from '../core/experiment/plan';
import type { PlanProgress, ReferenceRecord, ResultRecord } from '../workers/api/types';

export interface CompareSetup {
  /** Method ids to compare (pre-training methods of the registry). */
  methods: string[];
  fractions: number[];
  /** Number of seeds: the spec's seed, seed + 1, … */
  seeds: number;
}

export interface ComparisonState {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  /** What the form edits (the app's dataset, corruption, model and epochs complete the plan). */
  setup: CompareSetup;
  /** The preset the current / last run came from, if any. */
  presetId?: string;
  /** The plan the current / last run executes. */
  plan?: ExperimentPlan;
  /** Streamed in as cells finish. */
  records: ResultRecord[];
  references: ReferenceRecord[];
  skipped: SkippedMethod[];
  /** References that failed. */
  errors: string[];
  cells?: number;
  progress?: PlanProgress;
  error?: string;
  startedAt?: number;
  totalMs?: number;
}
