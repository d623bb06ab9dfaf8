/**
 * The page `npm run bench -- gpu` drives in Chromium (bench/gpu.ts): the app's own modules, built
 * by Vite, run on the page's thread; what it measures is bench/gpu/measure.ts.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { runGpuBench, type GpuBenchConfig } from './measure';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

Object.assign(window, {
  runGpuBench: (cfg: GpuBenchConfig) => runGpuBench(cfg, { wasmPaths, runtime: navigator.userAgent }),
});
