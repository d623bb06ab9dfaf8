/**
 * core's SimilarityBlock on tfjs: a·bᵀ as one matMul on the active backend. The plain
 * TypeScript block in core is the reference it is tested against. Blocks are read back
 * synchronously, which is only safe on CPU-memory backends (docs/tfjs-notes.md: dataSync on
 * SwiftShader WebGPU returned wrong values and killed the device), so on GPU backends this
 * returns undefined and core keeps its own loops.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix, SimilarityBlock } from '../core/math/distances';

export function tfSimilarityBlock(): SimilarityBlock | undefined {
  const backend = tf.getBackend();
  if (backend !== 'wasm' && backend !== 'cpu') return undefined;
  return (a: Matrix, b: Matrix, out?: Float32Array) => {
    const prod = tf.tidy(() =>
      tf.matMul(tf.tensor2d(a.data, [a.rows, a.dim]), tf.tensor2d(b.data, [b.rows, b.dim]), false, true),
    );
    try {
      const v = prod.dataSync() as Float32Array;
      if (out) {
        out.set(v.subarray(0, a.rows * b.rows));
        return out;
      }
      return v;
    } finally {
      prod.dispose();
    }
  };
}
