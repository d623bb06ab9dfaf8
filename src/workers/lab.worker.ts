/// <reference lib="webworker" />
/**
 * The lab worker: a thin Comlink adapter over the lab session (training, selection, data).
 * The session picks the backend at start and per workload (ml/workloadProbe.ts); a forced one
 * (`?backend=`) stays for the worker's life.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createLabSession } from './api/labSession';

const session = createLabSession(import.meta.env.BASE_URL, {
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  },
});

export type LabApi = typeof session;

Comlink.expose(session);
