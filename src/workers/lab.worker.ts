/// <reference lib="webworker" />
/**
 * The lab worker: a thin Comlink adapter over the lab session (training, selection, data).
 * The session picks the backend at start and per workload (ml/workloadProbe.ts); a forced one
 * (`?backend=`) stays for the worker's life.
 *
 * This entry is small: the session, with tfjs and its backends, is its own chunk, loaded from
 * here at once; a data load asked for meanwhile starts right away (labData.ts `prefetch`), so
 * reading MNIST does not wait for tfjs to compile (issue 21). Every call is answered by the
 * session once it is there. Started as the code-cache primer (codeCache.ts), it only loads the
 * session chunk.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { fetchAssetLoader } from './api/assets';
import { createLabData } from './api/labData';
import type { LabSession } from './api/labSession';
import { deferredApi } from './api/deferredApi';
import type { DataSpec } from '../core/data/prepare';
import { PRIMER_LIFE_MS, PRIMER_NAME, primeOnce } from './api/codeCache';
import { idbKeyValue } from './api/idbProbeCache';

declare const self: DedicatedWorkerGlobalScope;

export type LabApi = LabSession & {
  /** Starts loading the default setup's data now, ahead of its load job (labData.ts). */
  prefetchDefaultData(): void;
  /** Answers as soon as this entry runs (the page waits for it before its own heavy work). */
  hello(): true;
};

function serve(): void {
  const lab = createLabData(fetchAssetLoader(import.meta.env.BASE_URL));
  const session = import('./api/labSession').then((m) =>
    m.createLabSession(lab, {
      wasmPaths: {
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      },
    }),
  );
  const api = deferredApi(session, {
    init: true,
    loseGpuForTest: true,
    loseSelectionGpuForTest: true,
    gpuSelfCheck: true,
    importData: true,
    importBuiltin: true,
    importSignalFile: true,
    removeSignalFile: true,
    images: true,
    sequences: true,
    runJob: true,
    teachSteps: true,
    cancel: true,
    signalCache: true,
    memory: true,
    crashForTest: true,
  });
  let primed = false;
  Comlink.expose({
    ...api,
    prefetchDefaultData: () => lab.prefetchDefault(),
    hello: () => true as const,
    runJob: ((jobId, name, request, onProgress) => {
      if (name === 'loadData') lab.prefetch(request as DataSpec);
      return api.runJob(jobId, name, request, onProgress);
    }) satisfies typeof api.runJob,
    init: (async (...args) => {
      const choice = await api.init(...args);
      if (!primed) {
        primed = true;
        const spawn = () => new Worker(import.meta.url, { type: 'module', name: PRIMER_NAME });
        void primeOnce(import.meta.url, idbKeyValue<boolean>(), spawn).catch(() => {});
      }
      return choice;
    }) satisfies typeof api.init,
  });
}

if (self.name === PRIMER_NAME)
  void import('./api/labSession').then(() => setTimeout(() => self.close(), PRIMER_LIFE_MS));
else serve();
