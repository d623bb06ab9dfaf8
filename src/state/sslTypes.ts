/** The semi-supervised panel's slice of the store (serializable data only). */
import type { SslMethod, SslSpec } from '../core/experiment/sslSpec';
import type { SslEpochReport, SslProgressDto, SslRoundReport, SslRunResult } from '../workers/api/types';

export interface SslRunState {
  method: SslMethod;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Live while running, the result's when done. */
  epochs: SslEpochReport[];
  rounds: SslRoundReport[];
  result?: SslRunResult;
  error?: string;
}

export interface SslState {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  /** The setup the form edits. */
  setup: SslSpec;
  /** Methods the comparison runs, in order. */
  compare: SslMethod[];
  /** The setup the current / last comparison ran with. */
  ranWith?: SslSpec;
  runs: SslRunState[];
  progress?: SslProgressDto & { method: SslMethod };
  error?: string;
}
