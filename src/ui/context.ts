import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Jobs } from '../state/jobs';
import { appStore } from '../state/store';
import type { AppState } from '../state/types';

export const JobsContext = createContext<Jobs | null>(null);

export function useJobs(): Jobs {
  const jobs = useContext(JobsContext);
  if (!jobs) throw new Error('useJobs outside JobsContext');
  return jobs;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
