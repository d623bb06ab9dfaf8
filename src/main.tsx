/**
 * Entry: starts the lab worker, then loads the app. The worker's start needs a moment of this
 * thread (the browser answers `new Worker` with a message handled here), so it is started before
 * the app's code is evaluated and rendered, not after, and the app waits until the worker is up:
 * on a return visit the worker then loads tfjs while the page renders (issue 21). The app
 * (app.tsx) is its own chunk.
 */
import { LabClient, type BackendOverride } from './workers/client/labClient';
import './ui/styles.css';

const params = new URLSearchParams(location.search);
const requested = params.get('backend');
const override = (['webgpu', 'webgl', 'wasm', 'cpu'] as const).find((b) => b === requested) as
  BackendOverride | undefined;
// Selection's Gram / kNN on WebGPU: hardware adapters only unless forced (1) or turned off (0).
const selectGpu = ({ '1': 'force', '0': 'off' } as const)[params.get('selectGpu') ?? ''] ?? 'auto';
const client = new LabClient(override, selectGpu);
client.warmUp();
// Keys that are not part of the setup: with no other, the app will load the default setup's data.
const NOT_SETUP = new Set(['backend', 'selectGpu', 'test']);
if ([...params.keys()].every((k) => NOT_SETUP.has(k))) client.prefetchDefaultData();
// The app's code takes this thread for a while (evaluation, first render); the worker's start
// needs a moment of it first. Waiting for the worker to answer (at most ~0.4 s) is that moment.
await Promise.race([client.hello().catch(() => {}), new Promise((r) => setTimeout(r, 400))]);
const { startApp } = await import('./app');
startApp(client, params, requested && !override ? requested : undefined);
