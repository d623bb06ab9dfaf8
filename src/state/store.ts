/**
 * One vanilla zustand store; React binds to it in ui/ through useAppStore. Updates are small
 * pure functions so jobs.ts, urlSync and tests share them.
 */
import { createStore } from 'zustand/vanilla';
import { DEFAULT_SPEC, type ExperimentSpec } from '../core/experiment/spec';
import type { AppState, RunRecord } from './types';

export function initialState(spec: ExperimentSpec = DEFAULT_SPEC): AppState {
  return {
    spec,
    backend: { status: 'idle' },
    data: { status: 'empty' },
    runs: [],
    dynamics: { status: 'idle' },
  };
}

export const appStore = createStore<AppState>(() => initialState());
export type AppStore = typeof appStore;

export function setSpec(store: AppStore, patch: Partial<ExperimentSpec>): void {
  store.setState((s) => ({ spec: { ...s.spec, ...patch } }));
}

export function updateRun(
  store: AppStore,
  id: string,
  patch: Partial<RunRecord> | ((r: RunRecord) => Partial<RunRecord>),
): void {
  store.setState((s) => ({
    runs: s.runs.map((r) =>
      r.id === id ? { ...r, ...(typeof patch === 'function' ? patch(r) : patch) } : r,
    ),
  }));
}

export function addRun(store: AppStore, run: RunRecord): void {
  store.setState((s) => ({
    runs: [...s.runs, run],
    selectedRunId: run.kind === 'coreset' ? run.id : s.selectedRunId,
  }));
}

export function removeRun(store: AppStore, id: string): void {
  store.setState((s) => ({
    runs: s.runs.filter((r) => r.id !== id),
    selectedRunId: s.selectedRunId === id ? undefined : s.selectedRunId,
  }));
}
