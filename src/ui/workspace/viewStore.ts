/**
 * Which view of the workspace is in front (UI-only state, not part of the experiment or the
 * link). A new run brings the Runs view forward so its result is where the person is looking.
 */
import { createStore } from 'zustand/vanilla';
import type { AppStore } from '../../state/store';

export const VIEWS = [
  { id: 'data', label: 'Data' },
  { id: 'runs', label: 'Runs' },
  { id: 'compare', label: 'Compare' },
  { id: 'in-training', label: 'During training' },
  { id: 'lessons', label: 'Lessons' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

export const viewStore = createStore<{ view: ViewId }>(() => ({ view: 'data' }));

export function showView(view: ViewId): void {
  viewStore.setState({ view });
}

/**
 * Brings Runs forward whenever a run is added or another run is selected (a lesson keeps the
 * front: it shows its own runs' results); returns the unsubscribe.
 */
export function followRuns(store: AppStore): () => void {
  return store.subscribe((s, prev) => {
    const added = s.runs.length > prev.runs.length;
    const selected = s.selectedRunId !== prev.selectedRunId && s.selectedRunId !== undefined;
    const { view } = viewStore.getState();
    if ((added || selected) && view !== 'runs' && view !== 'lessons') showView('runs');
  });
}
