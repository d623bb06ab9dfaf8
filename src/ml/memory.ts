/** What tfjs holds right now, for leak checks from tests (the worker's `memory()` reports it). */
import * as tf from '@tensorflow/tfjs';

export interface TensorMemory {
  numTensors: number;
  numBytes: number;
  backend: string;
}

export function tensorMemory(): TensorMemory {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes, backend: tf.getBackend() ?? 'none' };
}
