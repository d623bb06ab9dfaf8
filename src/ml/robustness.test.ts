import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, type ExperimentSpec } from '../core/experiment/spec';
import { nodeSplitProvider } from '../cli/nodeData';
import { createRng } from '../core/math/rng';
import { buildModel } from './models';
import { train } from './train';
import { tradesObjective } from './trades';
import { trainAndEvaluate, trainAndScoreFor } from './pipeline';
import { adversarialRows } from './robustness';

const spec: ExperimentSpec = {
  ...DEFAULT_SPEC,
  trainSize: 1500,
  epochs: 3,
  learningRate: 0.002,
  attack: { kind: 'both', epsilon: 0.1, pgdSteps: 10, pgdStepSize: 0.025, trades: false },
};

describe('adversarial evaluation in the pipeline', () => {
  it('reports FGSM and PGD accuracy ≤ clean on a seeded test subset, leak-free', async () => {
    await useBackend('wasm');
    const data = await prepareData(spec, nodeSplitProvider());
    const before = tf.memory().numTensors;
    const o = await trainAndEvaluate(data, spec, undefined);
    expect(tf.memory().numTensors).toBe(before);
    const a = o.adversarial!;
    console.log(
      `clean ${o.metrics.accuracy.toFixed(3)}, FGSM ${a.fgsm!.toFixed(3)}, PGD ${a.pgd!.toFixed(3)} on ${o.adversarialRows} rows`,
    );
    expect(a.epsilon).toBe(0.1);
    expect(o.adversarialRows).toBe(2000);
    expect(a.fgsm!).toBeLessThan(o.metrics.accuracy);
    expect(a.pgd!).toBeLessThanOrEqual(a.fgsm! + 0.02);
    expect(a.pgd!).toBeLessThan(o.metrics.accuracy);
    // No attack asked: nothing measured.
    const plain = await trainAndEvaluate(
      data,
      { ...spec, epochs: 1, attack: { ...spec.attack, kind: 'none' } },
      Int32Array.from([0, 1, 2, 3]),
    );
    expect(plain.adversarial).toBeUndefined();
    const rows = adversarialRows(data.test, 1);
    expect(Array.from(rows)).toEqual(Array.from(adversarialRows(data.test, 1)));
    expect(rows.every((r, i) => i === 0 || r > rows[i - 1]!)).toBe(true);
  }, 120_000);

  it('TRADES trains (the loss falls) without leaking tensors, and the pipeline uses it', async () => {
    await useBackend('wasm');
    const data = await prepareData({ ...spec, trainSize: 400 }, nodeSplitProvider());
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [28, 28, 1], numClasses: 10 }, 1);
    const objective = tradesObjective({ epsilon: 0.1, steps: 3, stepSize: 0.04, clip: [0, 1], seed: 1 });
    const r = await train(model, data.train, {
      epochs: 3,
      batchSize: 50,
      learningRate: 0.003,
      seed: 1,
      objective,
    });
    expect(r.epochs[2]!.loss).toBeLessThan(r.epochs[0]!.loss);
    expect(Number.isFinite(r.epochs[2]!.loss)).toBe(true);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // Through the pipeline: the same seed with TRADES reports a larger loss (CE + β·KL ≥ CE).
    const t = {
      ...spec,
      trainSize: 400,
      epochs: 1,
      attack: { ...spec.attack, kind: 'fgsm' as const, pgdSteps: 2, trades: true },
    };
    const a = await trainAndEvaluate(data, t, undefined);
    const plain = await trainAndEvaluate(data, { ...t, attack: { ...t.attack, trades: false } }, undefined);
    expect(a.train.epochs[0]!.loss).toBeGreaterThan(plain.train.epochs[0]!.loss);
    expect(a.adversarial!.fgsm).toBeGreaterThanOrEqual(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});

describe('trainAndScore (NUCS oracle)', () => {
  it('trains on the given rows, scores the others, cancels, leaks nothing', async () => {
    await useBackend('wasm');
    const s = { ...spec, trainSize: 600, epochs: 2 };
    const data = await prepareData(s, nodeSplitProvider());
    const perm = createRng(2).sample(600, 600);
    const trainRows = perm.slice(0, 450).sort();
    const valRows = perm.slice(450).sort();
    const before = tf.memory().numTensors;
    const trainAndScore = trainAndScoreFor(data, s);
    const progress: number[] = [];
    const acc = await trainAndScore({
      trainRows,
      valRows,
      signal: { aborted: false },
      onProgress: (d) => progress.push(d),
    });
    expect(acc).toBeGreaterThan(0.6);
    expect(acc).toBeLessThanOrEqual(1);
    expect(progress.at(-1)).toBeCloseTo(1, 6);
    await expect(trainAndScore({ trainRows, valRows, signal: { aborted: true } })).rejects.toThrow(
      'cancelled',
    );
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
