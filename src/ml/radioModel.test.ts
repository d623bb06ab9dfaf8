import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { makeRadio } from '../core/data/radio';
import { buildModel } from './models';
import { train } from './train';
import { evaluate } from './evaluate';
import { computeSignals } from './signals';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, type ExperimentSpec } from '../core/experiment/spec';

const ds = makeRadio({ n: 280, seed: 3 });
const test = makeRadio({ n: 210, seed: 4 });
const shape = { inputShape: ds.shape, numClasses: ds.numClasses };

/** A few steps of the 1-D CNN: tfjs-cpu's Conv2DBackpropFilter takes seconds per batch here, so keep it tiny. */
async function losses(backend: 'cpu' | 'wasm'): Promise<number[]> {
  await useBackend(backend);
  const small = makeRadio({ n: 14, seed: 3 });
  const before = tf.memory().numTensors;
  const model = buildModel('cnn', shape, 5);
  const r = await train(model, small, { epochs: 2, batchSize: 7, learningRate: 0.003, seed: 2 });
  const m = await evaluate(model, test);
  expect(m.perStratum?.name).toBe('SNR');
  expect(m.perStratum!.counts.reduce((a, b) => a + b, 0)).toBe(test.labels.length);
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return r.epochs.map((e) => e.loss);
}

describe('1-D CNN on the radio set', () => {
  it('is a conv1d net over [128, 2] sequences with a features layer', async () => {
    await useBackend('cpu');
    const model = buildModel('cnn', shape, 1);
    expect(model.layers.map((l) => l.getClassName())).toEqual([
      'Conv1D',
      'MaxPooling1D',
      'Conv1D',
      'MaxPooling1D',
      'GlobalAveragePooling1D',
      'Dense',
      'Dense',
    ]);
    expect(model.getLayer('features').outputShape).toEqual([null, 64]);
    expect(model.outputs[0]!.shape).toEqual([null, ds.numClasses]);
    model.dispose();
  });

  it('trains a few steps on wasm (conv1d gradients through our Conv2DBackpropFilter) as on cpu, without leaks', async () => {
    const cpu = await losses('cpu');
    const wasm = await losses('wasm');
    wasm.forEach((l, i) => expect(l).toBeCloseTo(cpu[i]!, 4));
    await useBackend('cpu');
  }, 120_000);

  it('learns on wasm: the loss falls over a few epochs and nothing leaks', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const model = buildModel('cnn', shape, 5);
    const r = await train(model, ds, { epochs: 4, batchSize: 35, learningRate: 0.003, seed: 2 });
    expect(r.epochs[3]!.loss).toBeLessThan(r.epochs[0]!.loss);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await useBackend('cpu');
  }, 120_000);

  it('mlp and linear models take the sequences flattened', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    for (const kind of ['mlp', 'linear'] as const) {
      const model = buildModel(kind, shape, 2);
      const r = await train(model, ds, { epochs: 2, batchSize: 40, learningRate: 0.003, seed: 1 });
      expect(Number.isFinite(r.epochs[1]!.loss)).toBe(true);
      const m = await evaluate(model, test);
      expect(m.perStratum!.accuracy).toHaveLength(15);
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('computeSignals hands the SNR strata to the methods and draws picks on a PCA of the I/Q values', async () => {
    await useBackend('cpu');
    const spec: ExperimentSpec = { ...DEFAULT_SPEC, dataset: 'radio', trainSize: 140 };
    const data = await prepareData(spec, { split: () => Promise.reject(new Error('no files')) });
    const signals = await computeSignals(['embeddings'], data, spec, () => {}, new AbortController().signal);
    expect(signals.strata).toBe(data.train.strata);
    expect(signals.strata!.name).toBe('SNR');
    expect(signals.embeddings!.dim).toBe(32);
    expect(signals.embeddings!.source).toBe('pca-32 of inputs');
    expect(signals.projection2d).toHaveLength(2 * 140);
  });
});
