import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { importColourShapes } from '../core/data/import/builtin';
import { buildModel, parameterCount } from './models';
import { pixelPcaEmbeddings } from './embeddings';
import { train } from './train';
import { evaluate } from './evaluate';

describe('colour images end to end', () => {
  it('the colour CNN (wasm) trains on the built-in colour set with augmentation, beats chance, leaks nothing', async () => {
    await useBackend('wasm');
    const { train: ds, test } = importColourShapes({ n: 600, difficulty: 0 });
    const before = tf.memory().numTensors;
    const model = buildModel('cnn', { inputShape: ds.shape, numClasses: 10 }, 1);
    expect(model.inputs[0]!.shape).toEqual([null, 32, 32, 3]);
    expect(parameterCount(model)).toBeGreaterThan(100_000);
    expect(parameterCount(model)).toBeLessThan(200_000);
    const r = await train(model, ds, {
      epochs: 6,
      batchSize: 32,
      learningRate: 0.003,
      seed: 1,
      augment: true,
    });
    expect(r.epochs[5]!.loss).toBeLessThan(r.epochs[0]!.loss);
    const m = await evaluate(model, test);
    expect(m.accuracy).toBeGreaterThan(0.2); // chance is 0.1
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);

  it('refuses images smaller than its pooling needs, saying what to do', () => {
    expect(() => buildModel('cnn', { inputShape: [8, 8, 1], numClasses: 2 }, 1)).toThrow(
      'the CNN needs images of at least 10×10 pixels (its pooling halves them 2 times); these are 8×8: choose the linear or MLP model, or import them resized (--resize 10x10 or larger)',
    );
    expect(() => buildModel('cnn', { inputShape: [6, 6, 3], numClasses: 2 }, 1)).toThrow(
      /at least 8×8 pixels/,
    );
    buildModel('cnn', { inputShape: [8, 8, 3], numClasses: 2 }, 1).dispose();
  });

  it('pixel PCA of colour images keeps channels; large images are downscaled and it says so', () => {
    const { train: ds } = importColourShapes({ n: 200 });
    const e = pixelPcaEmbeddings(ds, { seed: 1, k: 8 });
    expect([e.dim, e.data.length, e.source]).toEqual([8, ds.labels.length * 8, 'pca-8 of pixels']);
    const big = {
      ...ds,
      shape: [64, 64, 3],
      x: new Uint8Array(ds.labels.length * 64 * 64 * 3).map((_, i) => (i * 31) & 0xff),
    };
    expect(pixelPcaEmbeddings(big, { seed: 1, k: 8 }).source).toBe(
      'pca-8 of pixels downscaled 64×64 → 32×32',
    );
  });
});
