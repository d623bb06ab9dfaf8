import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { makeToy } from '../core/data/toy';
import { subsetDataset, type Dataset } from '../core/data/dataset';
import type { ModelKind } from '../core/experiment/spec';
import { loadImageSplit } from '../core/data/sources';
import { nodeAssetLoader } from '../cli/nodeData';
import { buildModel } from './models';
import { batchInputs, batchLabels } from './batches';
import { lastLayerGradEmbeddings, lastLayerGradNorms, lastLayerView } from './lastLayer';

/** Per-sample tf.grad of the CE loss w.r.t. the final dense kernel and bias, flattened and concatenated. */
async function autodiffRows(model: tf.LayersModel, ds: Dataset, rows: Int32Array): Promise<Float32Array[]> {
  const dense = model.getLayer('logits');
  const [kernel, bias] = dense.trainableWeights.map((w) => w.read() as tf.Variable);
  const out: Float32Array[] = [];
  for (let i = 0; i < rows.length; i++) {
    const g = tf.tidy(() => {
      const x = batchInputs(ds, rows, i, i + 1);
      const y = batchLabels(ds, rows, i, i + 1);
      const { grads } = tf.variableGrads(() => {
        const z = model.apply(x, { training: false }) as tf.Tensor2D;
        return tf.losses.softmaxCrossEntropy(
          tf.oneHot(y, z.shape[1]),
          z,
          undefined,
          undefined,
          tf.Reduction.SUM,
        );
      }, [kernel!, bias!]);
      return tf.concat([tf.reshape(grads[kernel!.name]!, [-1]), tf.reshape(grads[bias!.name]!, [-1])]);
    });
    out.push((await g.data()) as Float32Array);
    g.dispose();
  }
  return out;
}

let mnist: Dataset | undefined;
async function images(count: number): Promise<Dataset> {
  mnist ??= await loadImageSplit('mnist', 'train', nodeAssetLoader);
  return subsetDataset(
    mnist,
    Int32Array.from({ length: count }, (_, i) => i * 7),
  );
}

describe('closed-form last-layer gradient', () => {
  const cases: [ModelKind, 'toy' | 'mnist'][] = [
    ['linear', 'toy'],
    ['mlp', 'toy'],
    ['linear', 'mnist'],
    ['mlp', 'mnist'],
    ['cnn', 'mnist'],
  ];
  it.each(cases)('%s on %s equals tf.grad within 1e-5, norms factorize, no leaks', async (kind, data) => {
    await useBackend('cpu');
    const ds = data === 'toy' ? makeToy({ shape: 'blobs', n: 30, noise: 0.2, seed: 3 }) : await images(12);
    const before = tf.memory().numTensors;
    const model = buildModel(kind, { inputShape: ds.shape, numClasses: ds.numClasses }, 5);
    const rows = Int32Array.from({ length: 6 }, (_, i) => i * 2);
    const emb = await lastLayerGradEmbeddings(model, ds, { rows, batchSize: 4 });
    const view = lastLayerView(model);
    expect(emb.dim).toBe(ds.numClasses * (view.featureDim + 1));
    const ref = await autodiffRows(model, ds, rows);
    const norms = await lastLayerGradNorms(model, ds, { rows, batchSize: 5 });
    let maxErr = 0;
    ref.forEach((r, i) => {
      expect(r.length).toBe(emb.dim);
      let sq = 0;
      for (let j = 0; j < emb.dim; j++) {
        const v = emb.data[i * emb.dim + j]!;
        sq += v * v;
        maxErr = Math.max(maxErr, Math.abs(v - r[j]!) / Math.max(1, Math.abs(r[j]!)));
      }
      expect(norms[i]!).toBeCloseTo(Math.sqrt(sq), 4);
    });
    expect(maxErr).toBeLessThan(1e-5);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses gradient embeddings that would not fit, with a reason', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'moons', n: 100, noise: 0.2, seed: 1 });
    const model = buildModel('mlp', { inputShape: [2], numClasses: 2 }, 1);
    await expect(lastLayerGradEmbeddings(model, ds, { maxValues: 1000 })).rejects.toThrow(/exceed/);
    model.dispose();
  });
});
