import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { subsetDataset } from '../core/data/dataset';
import { loadImageSplit } from '../core/data/sources';
import { nodeAssetLoader } from '../cli/nodeData';
import { buildModel } from './models';
import { train } from './train';
import { setHeapAdamEnabled } from './adam';

type Backend = 'cpu' | 'wasm';

/** Runs `f` on a backend, checks it leaves no tensor behind, returns its numbers. */
async function on(backend: Backend, f: () => tf.Tensor | tf.Tensor[]): Promise<number[]> {
  await useBackend(backend);
  const before = tf.memory().numTensors;
  const outs = tf.tidy(f);
  const list = Array.isArray(outs) ? outs : [outs];
  const values: number[] = [];
  for (const t of list) values.push(...(await t.data()));
  tf.dispose(list);
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

async function agree(f: () => tf.Tensor | tf.Tensor[]): Promise<void> {
  const cpu = await on('cpu', f);
  const wasm = await on('wasm', f);
  await useBackend('cpu');
  expect(wasm.length).toBe(cpu.length);
  const scale = Math.max(1, ...cpu.map(Math.abs));
  const maxErr = Math.max(...cpu.map((v, i) => Math.abs(v - wasm[i]!)));
  expect(maxErr / scale).toBeLessThan(1e-5);
}

/** Values on a coarse grid, half of them zero after the ReLU: ties everywhere, as in real nets. */
function tieHeavy(shape: number[], seed: number): tf.Tensor4D {
  return tf.relu(
    tf.round(tf.randomNormal(shape as [number, number, number, number], 0, 2, 'float32', seed)),
  ) as tf.Tensor4D;
}

describe('wasm conv gradient kernels match the cpu backend', () => {
  it.each([
    ['valid, stride 1, 3×3', [2, 9, 9, 5], [3, 3, 5, 6], 1, 'valid' as const],
    ['same, stride 1, 3×2', [2, 8, 7, 4], [3, 2, 4, 3], 1, 'same' as const],
    ['same, stride 2 (wasm fallback)', [2, 9, 9, 3], [3, 3, 3, 4], 2, 'same' as const],
    ['valid, one input channel', [3, 12, 12, 1], [3, 3, 1, 8], 1, 'valid' as const],
    ['same, one input channel, 5×5 (padded row copies)', [2, 6, 7, 1], [5, 5, 1, 4], 1, 'same' as const],
    ['valid, stride 2, 8 channels', [2, 11, 11, 8], [3, 3, 8, 4], 2, 'valid' as const],
    ['same, stride 1, 16 channels', [2, 7, 7, 16], [3, 3, 16, 5], 1, 'same' as const],
    // Multiples of 8 output channels at stride 1 take the SIMD filter gradient (convFilterGrad).
    ['SIMD dW: same, 3 channels padded to 4, 16 out', [2, 8, 8, 3], [3, 3, 3, 16], 1, 'same' as const],
    ['SIMD dW: same, 8 → 8, odd sizes', [3, 6, 5, 8], [3, 3, 8, 8], 1, 'same' as const],
    ['SIMD dW: valid, 4 → 24, 5×3 filter', [2, 9, 7, 4], [5, 3, 4, 24], 1, 'valid' as const],
    ['SIMD dW: same, one row (conv1d), 6 → 8', [2, 1, 20, 6], [1, 5, 6, 8], 1, 'same' as const],
    ['SIMD dW: same, 32 → 32, many row blocks', [2, 40, 36, 32], [3, 3, 32, 32], 1, 'same' as const],
  ])('input and filter gradients (%s)', async (_, xShape, fShape, stride, pad) => {
    await agree(() => {
      const x = tf.randomNormal(
        xShape as [number, number, number, number],
        0,
        1,
        'float32',
        3,
      ) as tf.Tensor4D;
      const w = tf.randomNormal(
        fShape as [number, number, number, number],
        0,
        1,
        'float32',
        4,
      ) as tf.Tensor4D;
      const loss = (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad)));
      return tf.grads(loss)([x, w]);
    });
  });

  it.each([
    ['2×2 stride 2, even size', [2, 8, 8, 16], 2, 2, 'valid' as const],
    ['2×2 stride 2, odd size', [2, 7, 9, 3], 2, 2, 'valid' as const],
    ['2×2 stride 2, odd size, 8 channels (SIMD)', [2, 5, 7, 8], 2, 2, 'valid' as const],
    ['3×3 stride 2 same, overlapping windows', [2, 7, 7, 3], 3, 2, 'same' as const],
  ])('MaxPoolGrad routes ties to the first maximum (%s)', async (_, shape, size, stride, pad) => {
    await agree(() => {
      const x = tieHeavy(shape, 5);
      const g = tf.randomNormal(tf.maxPool(x, size, stride, pad).shape, 0, 1, 'float32', 6);
      return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, size, stride, pad), g)))(x);
    });
  });

  it.each([
    ['a bias gradient: all but the channels', [2, 5, 6, 8], [0, 1, 2], false],
    ['leading axis, kept dims', [7, 12], [0], true],
    ['two leading axes of three', [3, 4, 20], [1, 0], false],
    ['columns not a multiple of 4 (wasm fallback)', [6, 5, 3], [0, 1], false],
    ['an inner axis (wasm fallback)', [4, 6, 8], [2], false],
  ])('Sum over leading axes (%s)', async (_, shape, axes, keepDims) => {
    await agree(() => tf.sum(tf.randomNormal(shape, 0, 1, 'float32', 7), axes, keepDims));
  });

  it('a few CNN training steps on MNIST give the same losses and weights as cpu, no leaks', async () => {
    const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
    const ds = subsetDataset(
      full,
      Int32Array.from({ length: 64 }, (_, i) => i),
    );
    const run = async (backend: Backend) => {
      await useBackend(backend);
      // This compares the gradient kernels: both sides take tf.train.adam's steps. The heap Adam
      // differs from it by an ulp a step (adam.test.ts), which 8 steps of a conv net amplify past
      // 1e-4 where a ReLU or a pooling tie flips.
      setHeapAdamEnabled(false);
      const before = tf.memory().numTensors;
      const model = buildModel('cnn', { inputShape: [28, 28, 1], numClasses: 10 }, 3);
      const losses: number[] = [];
      await train(model, ds, {
        epochs: 2,
        batchSize: 16,
        learningRate: 0.003,
        seed: 2,
        onBatch: (r) => void losses.push(r.loss),
      });
      const weights: number[] = [];
      for (const w of model.getWeights()) weights.push(...(await w.data()));
      model.dispose();
      setHeapAdamEnabled(true);
      expect(tf.memory().numTensors).toBe(before);
      return { losses, weights };
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    await useBackend('cpu');
    expect(wasm.losses.length).toBe(8);
    wasm.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i]!)).toBeLessThan(1e-4));
    const maxErr = Math.max(...cpu.weights.map((v, i) => Math.abs(v - wasm.weights[i]!)));
    expect(maxErr).toBeLessThan(1e-4);
  }, 180_000); // ~45 s on a loaded 2-core box: room for a machine three times slower
});
