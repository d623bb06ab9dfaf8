/** Entry: wires the store, the worker client and the React tree. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { JobsContext, PersistenceContext } from './ui/context';
import { startPersistence } from './state/persistence';
import { idbRunStorage } from './state/idbRunStorage';
import { appStore } from './state/store';
import { createJobs } from './state/jobs';
import { startUrlSync } from './state/urlSync';
import { LabClient, type BackendOverride } from './workers/client/labClient';
import './ui/styles.css';

const params = new URLSearchParams(location.search);
const requested = params.get('backend');
const override = (['webgpu', 'webgl', 'wasm', 'cpu'] as const).find((b) => b === requested) as
  BackendOverride | undefined;
if (requested && !override)
  appStore.setState({
    notice: { kind: 'error', text: `Unknown backend "${requested}" in the URL; choosing automatically.` },
  });
// Selection's Gram / kNN on WebGPU: hardware adapters only unless forced (1) or turned off (0).
const selectGpu = ({ '1': 'force', '0': 'off' } as const)[params.get('selectGpu') ?? ''] ?? 'auto';
startUrlSync(appStore, location, history);
const client = new LabClient(override, selectGpu);
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
