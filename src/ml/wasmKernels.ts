/**
 * Kernels that make the wasm backend train conv nets, and train them fast (docs/tfjs-notes.md,
 * issue "Performance"). wasm lacks Conv2DBackpropFilter (wasmKernelsConv.ts: im2col in the heap
 * + BatchMatMul); its Conv2DBackpropInput and MaxPoolGrad are naive loops we replace
 * (wasmKernelsConv.ts, wasmKernelsPool.ts); its matMul is slow with a transposed operand
 * (transposeFirst below). One CNN step on MNIST, batch 64: 79 → ~40 ms (kernels summed). Sum
 * over leading axes (bias gradients) is a column sum in place (wasmKernelsSum.ts) instead of a
 * transpose and a reduce.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterKernel, conv2DBackpropInputKernel } from './wasmKernelsConv';
import { maxPoolGradKernel } from './wasmKernelsPool';
import { sumKernel } from './wasmKernelsSum';

interface WasmLikeBackend {
  disposeData(dataId: object): boolean;
}

let registered = false;

/**
 * wasm's matMul is ~7× slower when an operand is transposed (48 ms vs 7 ms for
 * 512×128 · (784×128)ᵀ here), and every dense backward pass takes that path. Transposing the
 * operand first with wasm's Transpose kernel and multiplying plainly gives identical results;
 * it took MLP training on MNIST 5k from 819 to 303 ms an epoch.
 */
function transposeFirst(kernelName: 'BatchMatMul' | '_FusedMatMul'): void {
  const original = tf.getKernel(kernelName, 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) return;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    // Registered before the backend starts, the wrapper must carry the original's setup.
    setupFunc: original.setupFunc,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (!a.transposeA && !a.transposeB) return original.kernelFunc({ inputs, backend, attrs });
      const ins = { ...(inputs as Record<string, tf.TensorInfo>) };
      const temps: tf.TensorInfo[] = [];
      for (const [name, flag] of [
        ['a', a.transposeA],
        ['b', a.transposeB],
      ] as const) {
        if (!flag) continue;
        const t = ins[name]!;
        const rank = t.shape.length;
        const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
        const out = transpose.kernelFunc({ inputs: { x: t }, backend, attrs: { perm } }) as tf.TensorInfo;
        temps.push(out);
        ins[name] = out;
      }
      const result = original.kernelFunc({
        inputs: ins,
        backend,
        attrs: { ...(attrs as object), transposeA: false, transposeB: false },
      });
      const b = backend as unknown as WasmLikeBackend;
      for (const t of temps) b.disposeData(t.dataId);
      return result;
    },
  });
}

/**
 * Which of wasm's own kernels to replace (all by default); switched off only to measure a lever.
 * Call after `setBackend('wasm')`, or before it (the wrappers carry the originals' setup).
 */
export interface WasmKernelLevers {
  /** Conv2DBackpropInput as an XNNPACK Conv2D of dy with the rotated filter. */
  backpropInputAsConv?: boolean;
  /** MaxPoolGrad in JS on the heap, replacing wasm's slow loop. */
  maxPoolGrad?: boolean;
}

export function registerWasmTrainingKernels(levers: WasmKernelLevers = {}): void {
  if (registered || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  transposeFirst('BatchMatMul');
  transposeFirst('_FusedMatMul');
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  const reshape = tf.getKernel('Reshape', 'wasm');
  const conv2d = tf.getKernel('Conv2D', 'wasm');
  const backpropInput = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (!matMul || !reshape || !conv2d || !backpropInput)
    throw new Error('wasm backend is missing BatchMatMul, Reshape, Conv2D or Conv2DBackpropInput');
  if (levers.backpropInputAsConv ?? true) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel(conv2DBackpropInputKernel(backpropInput, conv2d));
  }
  const maxPoolGrad = tf.getKernel('MaxPoolGrad', 'wasm');
  if ((levers.maxPoolGrad ?? true) && maxPoolGrad) {
    tf.unregisterKernel('MaxPoolGrad', 'wasm');
    tf.registerKernel(maxPoolGradKernel(maxPoolGrad));
  }
  const sum = tf.getKernel('Sum', 'wasm');
  if (sum) {
    tf.unregisterKernel('Sum', 'wasm');
    tf.registerKernel(sumKernel(sum));
  }
  tf.registerKernel(conv2DBackpropFilterKernel(matMul, reshape));
  registered = true;
}
