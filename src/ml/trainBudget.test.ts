import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { makeToy } from '../core/data/toy';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import { nodeSplitProvider } from '../cli/nodeData';
import { buildModel } from './models';
import { train } from './train';
import { trainAndEvaluate } from './pipeline';

describe('training budgets take the steps they promise', () => {
  it('maxSteps stops mid-pass; early stopping stops after `patience` checks and restores the best weights', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'blobs', n: 100, noise: 0.1, seed: 1 });
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [2], numClasses: 3 }, 1);
    const r = await train(model, ds, {
      epochs: 100,
      maxSteps: 9,
      batchSize: 32,
      learningRate: 0.01,
      seed: 1,
    });
    expect(r.steps).toBe(9); // 4 steps a pass: 2 full passes and 1 step of a third
    expect(r.epochs.length).toBe(3);

    // Validation peaks at the 2nd check, then never improves: patience 3 stops after the 5th.
    const scores = [0.5, 0.9, 0.8, 0.7, 0.6, 0.99, 0.99];
    let checks = 0;
    let bestWeights: number[] = [];
    const s = await train(model, ds, {
      epochs: 50,
      batchSize: 32,
      learningRate: 0.01,
      seed: 1,
      earlyStopping: {
        patience: 3,
        validate: async (m) => {
          if (checks === 1) bestWeights = [...(await m.getWeights()[0]!.data())];
          return scores[checks++]!;
        },
      },
    });
    expect(checks).toBe(5);
    expect(s.steps).toBe(5 * 4);
    expect(s.bestStep).toBe(2 * 4);
    expect(s.validationAccuracy).toBe(0.9);
    expect([...(await model.getWeights()[0]!.data())]).toEqual(bestWeights);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a 10% coreset: epochs → 10% of the steps, steps → the full-data steps, converge → validation held out', async () => {
    await useBackend('cpu');
    const base = validateSpec({
      ...DEFAULT_SPEC,
      dataset: 'toy',
      toy: { shape: 'blobs', n: 640, noise: 0.1 },
      epochs: 2,
      batchSize: 32,
    });
    const data = await prepareData(base, nodeSplitProvider());
    const n = data.train.labels.length;
    const rows = Int32Array.from({ length: Math.round(n / 10) }, (_, i) => i * 10);
    const run = (trainBudget: ExperimentSpec['trainBudget']) =>
      trainAndEvaluate(data, { ...base, trainBudget }, rows);
    const full = await trainAndEvaluate(data, base, undefined);
    expect(full.steps).toBe(2 * Math.ceil(n / 32));
    expect(full.trainBudget).toBe('epochs');
    const byEpochs = await run('epochs');
    expect(byEpochs.steps).toBe(2 * Math.ceil(rows.length / 32));
    const bySteps = await run('steps');
    expect(bySteps.steps).toBe(full.steps);
    expect(bySteps.trainBudget).toBe('steps');
    const byConvergence = await run('converge');
    expect(byConvergence.validationRows).toBeGreaterThan(0);
    expect(byConvergence.steps).toBeGreaterThan(0);
    expect(byConvergence.steps).toBeLessThanOrEqual(4 * full.steps);
  });
});
