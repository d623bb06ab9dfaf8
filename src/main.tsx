/** Entry: wires the store, the worker client and the React tree. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { JobsContext } from './ui/context';
import { appStore } from './state/store';
import { createJobs } from './state/jobs';
import { startUrlSync } from './state/urlSync';
import { LabClient, type BackendOverride } from './workers/client/labClient';
import './ui/styles.css';

const params = new URLSearchParams(location.search);
const requested = params.get('backend');
const override = (['webgpu', 'webgl', 'wasm', 'cpu'] as const).find((b) => b === requested) as BackendOverride | undefined;
if (requested && !override)
  appStore.setState({ notice: { kind: 'error', text: `Unknown backend "${requested}" in the URL; choosing automatically.` } });
if (params.has('test')) {
  document.documentElement.dataset.testMode = '1';
  // Read-only view of the store for end-to-end tests and browser benchmarks.
  Object.assign(window, { __workbench: { getState: appStore.getState } });
}

startUrlSync(appStore, location, history);
const jobs = createJobs(appStore, new LabClient(override));
void jobs.initBackend();
void jobs.loadData();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <JobsContext.Provider value={jobs}>
      <App />
    </JobsContext.Provider>
  </StrictMode>,
);
