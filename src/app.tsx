/** The app: wires the store, the worker client (started by main.tsx) and the React tree. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { JobsContext, PersistenceContext } from './ui/context';
import { startPersistence } from './state/persistence';
import { idbRunStorage } from './state/idbRunStorage';
import { appStore } from './state/store';
import { createJobs } from './state/jobs';
import { startUrlSync } from './state/urlSync';
import type { LabClient } from './workers/client/labClient';

/** `unknownBackend`: a `?backend=` value that names no backend (said in a notice). */
export function startApp(client: LabClient, params: URLSearchParams, unknownBackend?: string): void {
  if (unknownBackend)
    appStore.setState({
      notice: {
        kind: 'error',
        text: `Unknown backend "${unknownBackend}" in the URL; choosing automatically.`,
      },
    });
  startUrlSync(appStore, location, history);
  const jobs = createJobs(appStore, client);
  const persistence = startPersistence(appStore, idbRunStorage());
  if (params.has('test')) {
    document.documentElement.dataset.testMode = '1';
    // A view of the store for end-to-end tests and browser benchmarks, and fault injection.
    Object.assign(window, {
      __workbench: {
        getState: appStore.getState,
        /** An uncaught error inside the worker (the real crash path). */
        crashWorker: () => client.crashForTest(),
        /** The worker stopped from outside, as the browser would kill it. */
        killWorker: (reason = 'killed by a test') => client.kill(reason),
        /** tf.memory() of the worker. */
        workerMemory: async () => ({ ...(await client.memory()), generation: client.generation }),
        savedRunsReady: () => persistence.idle(),
        /** Destroys the worker's WebGPU device, as a driver reset would (false when not on webgpu). */
        loseGpu: () => client.loseGpuForTest(),
        /** Destroys the selection kernels' WebGPU device (ml/gpu/accelerator.ts). */
        loseSelectionGpu: () => client.loseSelectionGpuForTest(),
        /** The WGSL Gram / kNN and the picks they give against the SIMD path, on the loaded data. */
        gpuSelfCheck: (rounds?: number) => client.gpuSelfCheck(appStore.getState().spec, rounds),
      },
    });
  }
  void jobs.initBackend();
  void jobs.loadData();

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <JobsContext.Provider value={jobs}>
        <PersistenceContext.Provider value={persistence}>
          <App />
        </PersistenceContext.Provider>
      </JobsContext.Provider>
    </StrictMode>,
  );
}
