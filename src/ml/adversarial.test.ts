import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { subsetDataset } from '../core/data/dataset';
import { loadImageSplit } from '../core/data/sources';
import { stratifiedSubset } from '../core/data/split';
import { createRng } from '../core/math/rng';
import { nodeAssetLoader } from '../cli/nodeData';
import { buildModel } from './models';
import { train } from './train';
import { evaluate } from './evaluate';
import { adversarialAccuracy, fgsmAccuracy, pgdAccuracy } from './adversarial';

describe('adversarial accuracy', () => {
  it('on a trained MNIST MLP: PGD ≤ FGSM ≤ clean, deterministic, leak-free', async () => {
    await useBackend('cpu');
    const [full, fullTest] = await Promise.all([
      loadImageSplit('mnist', 'train', nodeAssetLoader),
      loadImageSplit('mnist', 'test', nodeAssetLoader),
    ]);
    const ds = subsetDataset(full, stratifiedSubset(full.labels, 10, 2000, createRng(1)));
    const test = subsetDataset(
      fullTest,
      Int32Array.from({ length: 400 }, (_, i) => i),
    );
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [28, 28, 1], numClasses: 10 }, 1);
    await train(model, ds, { epochs: 3, batchSize: 64, learningRate: 0.002, seed: 1 });
    const clean = (await evaluate(model, test)).accuracy;
    const eps = 0.1;
    const fgsm = await fgsmAccuracy(model, test, { epsilon: eps });
    const pgd = await pgdAccuracy(model, test, { epsilon: eps, steps: 10, randomStart: true, seed: 3 });
    const pgdAgain = await pgdAccuracy(model, test, { epsilon: eps, steps: 10, randomStart: true, seed: 3 });
    const none = await adversarialAccuracy(model, test, 'fgsm', { epsilon: 0 });
    console.log(
      `MNIST MLP (2k, 3 epochs), ε = ${eps}: clean ${clean.toFixed(3)}, FGSM ${fgsm.accuracy.toFixed(3)}, PGD-10 ${pgd.accuracy.toFixed(3)}`,
    );
    expect(clean).toBeGreaterThan(0.85);
    expect(none.accuracy).toBeCloseTo(clean, 6);
    expect(fgsm.accuracy).toBeLessThan(clean);
    expect(pgd.accuracy).toBeLessThanOrEqual(fgsm.accuracy);
    expect(pgdAgain.correct).toEqual(pgd.correct);
    expect(pgd.correct.length).toBe(400);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad ε or step count', async () => {
    await useBackend('cpu');
    const ds = subsetDataset(await loadImageSplit('mnist', 'test', nodeAssetLoader), [0]);
    const model = buildModel('linear', { inputShape: [28, 28, 1], numClasses: 10 }, 1);
    await expect(adversarialAccuracy(model, ds, 'fgsm', { epsilon: -1 })).rejects.toThrow(/epsilon/);
    await expect(adversarialAccuracy(model, ds, 'pgd', { epsilon: 0.1, steps: 0 })).rejects.toThrow(/steps/);
    model.dispose();
  });
});
