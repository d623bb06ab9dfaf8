import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { buildModel } from './models';
import { modelFiles, modelFromFiles } from './modelFiles';

describe('model files (TensorFlow.js layers format)', () => {
  it('writes model.json + weights.bin that load back into a model giving the same outputs', async () => {
    await useBackend('cpu');
    const model = buildModel('mlp', { inputShape: [28, 28, 1], numClasses: 10 }, 3);
    const before = tf.memory().numTensors;
    const files = await modelFiles(model);
    const json = JSON.parse(files['model.json']) as {
      format: string;
      weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
    };
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    const values = json.weightsManifest[0]!.weights.reduce(
      (a, w) => a + w.shape.reduce((x, y) => x * y, 1),
      0,
    );
    expect(files['weights.bin'].length).toBe(values * 4);
    const back = await modelFromFiles(files);
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 7);
    const a = model.predict(x) as tf.Tensor;
    const b = back.predict(x) as tf.Tensor;
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    back.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
