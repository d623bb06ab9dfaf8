/**
 * `@tensorflow/tfjs` as the browser build sees it (vite.config.ts aliases the name here; Node,
 * the CLI and the tests use the package itself): the union package without the WebGL backend,
 * the converter and tfjs-data. The lab uses neither of the last two, and starts on wasm or
 * WebGPU; WebGL (and WebGPU) are imported when first tried (ml/backend.ts `trySet`). The worker's
 * tfjs chunk is that much smaller to fetch, read and evaluate on every visit (issue 21).
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { version_core } from '@tensorflow/tfjs-core';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { version_layers } from '@tensorflow/tfjs-layers';
import { version as tfjs } from '@tensorflow/tfjs/dist/version';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
export * from '@tensorflow/tfjs-backend-cpu';

/** The union's version record, with the packages this build carries. */
export const version = {
  'tfjs-core': version_core,
  'tfjs-backend-cpu': version_cpu,
  'tfjs-layers': version_layers,
  tfjs,
};
