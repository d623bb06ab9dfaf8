import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Jobs } from '../state/jobs';
import type { Persistence } from '../state/persistence';
import { appStore } from '../state/store';
import type { AppState } from '../state/types';

export const JobsContext = createContext<Jobs | null>(null);
/** Saved runs (IndexedDB); absent in tests that render panels alone. */
export const PersistenceContext = createContext<Persistence | null>(null);

export function usePersistence(): Persistence | null {
  return useContext(PersistenceContext);
}

export function useJobs(): Jobs {
  const jobs = useContext(JobsContext);
  if (!jobs) throw new Error('useJobs outside JobsContext');
  return jobs;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
