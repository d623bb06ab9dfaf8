import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { makeToy } from '../core/data/toy';
import { subsetDataset } from '../core/data/dataset';
import { loadImageSplit } from '../core/data/sources';
import { nodeAssetLoader } from '../cli/nodeData';
import { buildModel } from './models';
import { train } from './train';
import { evaluate } from './evaluate';

describe('training loop', () => {
  it('the loss falls on the toy moons and no tensor is left behind', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'blobs', n: 300, noise: 0.1, seed: 1 });
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [2], numClasses: 3 }, 1);
    const r = await train(model, ds, { epochs: 8, batchSize: 32, learningRate: 0.02, seed: 1 });
    expect(r.epochs[7]!.loss).toBeLessThan(r.epochs[0]!.loss * 0.6);
    const m = await evaluate(model, ds);
    expect(m.accuracy).toBeGreaterThan(0.9);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('same seed, same losses', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'moons', n: 200, noise: 0.2, seed: 2 });
    const losses = async () => {
      const model = buildModel('mlp', { inputShape: [2], numClasses: 2 }, 7);
      const r = await train(model, ds, { epochs: 2, batchSize: 16, learningRate: 0.01, seed: 3 });
      model.dispose();
      return r.epochs.map((e) => e.loss);
    };
    expect(await losses()).toEqual(await losses());
  });

  it('cancel stops between batches, throws AbortError and frees everything', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'moons', n: 2000, noise: 0.2, seed: 2 });
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [2], numClasses: 2 }, 7);
    const ctrl = new AbortController();
    let batches = 0;
    const p = train(model, ds, {
      epochs: 50,
      batchSize: 8,
      learningRate: 0.01,
      seed: 3,
      signal: ctrl.signal,
      onBatch: () => {
        batches++;
        ctrl.abort();
      },
    });
    await expect(p).rejects.toThrow('cancelled');
    // Stopped at the first check after the abort: batches are reported in groups (one read-back
    // every ~200 ms or at an epoch's end), the abort comes in the first group, so no group after
    // it: at most the first epoch's 250 batches of 50 epochs' 12,500.
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThanOrEqual(250);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains a small CNN on real MNIST with wasm (custom Conv2DBackpropFilter) without leaks', async () => {
    await useBackend('wasm');
    const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
    const ds = subsetDataset(
      full,
      Int32Array.from({ length: 256 }, (_, i) => i),
    );
    const before = tf.memory().numTensors;
    const model = buildModel('cnn', { inputShape: [28, 28, 1], numClasses: 10 }, 1);
    const r = await train(model, ds, { epochs: 3, batchSize: 32, learningRate: 0.003, seed: 1 });
    expect(r.epochs[2]!.loss).toBeLessThan(r.epochs[0]!.loss);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await useBackend('cpu');
  });
});

describe('wasm Conv2DBackpropFilter', () => {
  it.each([
    ['valid, stride 1', 'valid' as const, 1],
    ['same, stride 2', 'same' as const, 2],
  ])('matches the cpu backend (%s)', async (_, pad, stride) => {
    const grads = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      const x = tf.randomNormal([2, 7, 7, 3], 0, 1, 'float32', 11);
      const f = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 12);
      const g = tf.grad((w: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad))),
      )(f);
      const v = await g.data();
      tf.dispose([x, f, g]);
      return Array.from(v);
    };
    const cpu = await grads('cpu');
    const wasm = await grads('wasm');
    await useBackend('cpu');
    expect(wasm.length).toBe(cpu.length);
    const maxErr = Math.max(...cpu.map((v, i) => Math.abs(v - wasm[i]!) / Math.max(1, Math.abs(v))));
    expect(maxErr).toBeLessThan(1e-4);
  });
});

describe('wasm transpose-first matMul', () => {
  it.each([
    [false, true],
    [true, false],
    [true, true],
  ])('transposeA=%s transposeB=%s matches cpu, fused or not', async (ta, tb) => {
    const run = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      const a = tf.randomNormal(ta ? [2, 5, 3] : [2, 3, 5], 0, 1, 'float32', 1);
      const b = tf.randomNormal(tb ? [2, 4, 5] : [2, 5, 4], 0, 1, 'float32', 2);
      const bias = tf.randomNormal([4], 0, 1, 'float32', 3);
      const plain = tf.matMul(a, b, ta, tb);
      // Fused with batch 1, as dense layers call it (wasm's own fused kernel broadcasts the
      // bias wrongly for batch > 1, with or without our wrapper).
      const [a1, b1] = [tf.slice(a, 0, 1), tf.slice(b, 0, 1)];
      const fused = tf.fused.matMul({
        a: a1,
        b: b1,
        transposeA: ta,
        transposeB: tb,
        bias,
        activation: 'relu',
      });
      tf.dispose([a1, b1]);
      const out = [...(await plain.data()), ...(await fused.data())];
      tf.dispose([a, b, bias, plain, fused]);
      return out;
    };
    const cpu = await run('cpu');
    const before = (await useBackend('wasm')).memory().numTensors;
    const wasm = await run('wasm');
    expect(tf.memory().numTensors).toBe(before);
    await useBackend('cpu');
    wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i]!, 4));
  });
});
