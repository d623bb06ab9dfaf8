/**
 * Sum over the leading axes on the wasm backend (a conv layer's bias gradient: dy summed over
 * batch, rows and columns). wasm's own Sum first transposes the reduced axes inward, a full copy
 * of dy; the column-sum heap kernel reads dy once, in place, summing each column in the same order
 * (so the same floats). Other reductions keep wasm's kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { heapKernels, heapOffset, type WasmBackendLike } from './wasmHeap';

export function sumKernel(original: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: 'Sum',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { x } = inputs as { x: tf.TensorInfo };
      const { axis, keepDims } = attrs as unknown as { axis: number | number[]; keepDims: boolean };
      const rank = x.shape.length;
      const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
      const leading = axes.length > 0 && axes.length < rank && axes.every((v, i) => v === i);
      const cols = tf.util.sizeFromShape(x.shape.slice(axes.length));
      const b = backend as unknown as WasmBackendLike;
      const k = leading && x.dtype === 'float32' && cols % 4 === 0 ? heapKernels(b) : null;
      if (!k) return original.kernelFunc(args);
      const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
      const outShape = keepDims
        ? x.shape.map((d, i) => (i < axes.length ? 1 : d))
        : x.shape.slice(axes.length);
      const out = b.makeOutput(outShape, 'float32');
      k.colSum(heapOffset(b, x), heapOffset(b, out), rows, cols);
      return out;
    },
  };
}
