/** tfjs in tests: the cpu backend by default (reference), wasm where a test asks for it. */
import * as tf from '@tensorflow/tfjs';
import { wasmDir } from '../cli/nodeBackend';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../ml/wasmKernels';

let quiet = false;
export async function useBackend(name: 'cpu' | 'wasm'): Promise<typeof tf> {
  if (!quiet) {
    // tfjs greets Node users on stdout once; keep test output clean.
    const log = console.log;
    console.log = () => {};
    await tf.setBackend('cpu');
    console.log = log;
    quiet = true;
  }
  if (name === 'wasm') {
    setWasmPaths(wasmDir());
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  if (!(await tf.setBackend(name))) throw new Error(`could not start ${name}`);
  if (name === 'wasm') registerWasmTrainingKernels();
  return tf;
}
