import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { makeToy } from '../core/data/toy';
import { subsetDataset } from '../core/data/dataset';
import { loadImageSplit } from '../core/data/sources';
import { forgettingEvents } from '../core/signals/scores';
import { nodeAssetLoader } from '../cli/nodeData';
import { buildModel } from './models';
import { batchInputs, batchLabels } from './batches';
import { createRecorder, measureSamples } from './record';
import { train } from './train';

describe('training-dynamics recorder', () => {
  it('records a tiny run: shapes, ranges, internal consistency, no leaks', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'blobs', n: 150, noise: 0.3, seed: 2 });
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [2], numClasses: 3 }, 1);
    const rec = createRecorder(ds, undefined, { inputGrads: true, batchSize: 64 });
    await train(model, ds, { epochs: 4, batchSize: 16, learningRate: 0.02, seed: 1, onEpoch: rec.onEpoch });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const r = rec.result();
    const nt = 150 * 4;
    expect(r.n).toBe(150);
    expect(r.epochs).toBe(4);
    for (const a of [r.correct, r.trueProb, r.margin, r.loss, r.el2n, r.grand, r.inputGradNorm!])
      expect(a.length).toBe(nt);
    for (let k = 0; k < nt; k++) {
      const p = r.trueProb[k]!;
      expect(r.correct[k] === 0 || r.correct[k] === 1).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(Math.abs(r.margin[k]!)).toBeLessThanOrEqual(1);
      // A positive margin means the true class has the top probability: correct (and vice versa).
      if (Math.abs(r.margin[k]!) > 1e-6) expect(r.correct[k]).toBe(r.margin[k]! > 0 ? 1 : 0);
      expect(r.loss[k]!).toBeCloseTo(-Math.log(p), 3);
      expect(r.el2n[k]!).toBeGreaterThanOrEqual(1 - p - 1e-6);
      expect(r.el2n[k]!).toBeLessThanOrEqual(Math.SQRT2 + 1e-6);
      expect(r.grand[k]!).toBeGreaterThanOrEqual(r.el2n[k]! - 1e-6);
      expect(r.inputGradNorm![k]!).toBeGreaterThanOrEqual(0);
    }
    // The model learns: the last epoch is more accurate and confident than the first.
    const mean = (a: ArrayLike<number>, t: number) =>
      Array.from({ length: 150 }, (_, i) => a[t * 150 + i]!).reduce((s, v) => s + v, 0) / 150;
    expect(mean(r.correct, 3)).toBeGreaterThan(0.8);
    expect(mean(r.trueProb, 3)).toBeGreaterThan(mean(r.trueProb, 0));
    const f = forgettingEvents(r);
    expect(f.every((v) => v >= 0 && v <= 4)).toBe(true);
    expect(rec.ms).toBeGreaterThan(0);
  });

  it('input-gradient norms equal per-sample tf.grad, on a subset of rows (MNIST, CNN)', async () => {
    await useBackend('cpu');
    const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
    const ds = subsetDataset(
      full,
      Int32Array.from({ length: 40 }, (_, i) => i),
    );
    const before = tf.memory().numTensors;
    const model = buildModel('cnn', { inputShape: [28, 28, 1], numClasses: 10 }, 3);
    const rows = Int32Array.from([3, 9, 17, 21, 30]);
    const m = await measureSamples(model, ds, rows, { inputGrads: true, batchSize: 2 });
    for (let i = 0; i < rows.length; i++) {
      const g = tf.tidy(() => {
        const gx = tf.grad((x: tf.Tensor) => {
          const z = model.apply(x, { training: false }) as tf.Tensor2D;
          return tf.losses.softmaxCrossEntropy(tf.oneHot(batchLabels(ds, rows, i, i + 1), 10), z);
        })(batchInputs(ds, rows, i, i + 1));
        return tf.norm(gx);
      });
      const ref = (await g.data())[0]!;
      g.dispose();
      expect(Math.abs(m.inputGradNorm![i]! - ref)).toBeLessThan(1e-5 * Math.max(1, ref));
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a cancelled pass throws AbortError and frees its tensors', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'moons', n: 2000, noise: 0.2, seed: 4 });
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [2], numClasses: 2 }, 1);
    const ctrl = new AbortController();
    const rows = Int32Array.from({ length: 2000 }, (_, i) => i);
    const p = measureSamples(model, ds, rows, {
      inputGrads: true,
      batchSize: 100,
      signal: ctrl.signal,
      onProgress: (d) => {
        if (d > 0.2) ctrl.abort();
      },
    });
    await expect(p).rejects.toThrow('cancelled');
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
