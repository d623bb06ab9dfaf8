import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { buildModel } from './models';
import { convChain, convGrads, convVariables } from './convStep';

/** Tape gradients of the same loss, the reference the hand-written step must equal. */
function tapeGrads(model: tf.LayersModel, vars: tf.Variable[], x: tf.Tensor, y: tf.Tensor1D) {
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(x, { training: true }) as tf.Tensor2D;
    return tf.losses.softmaxCrossEntropy(tf.oneHot(y, logits.shape[1]), logits);
  }, vars);
  return { loss: value, grads: vars.map((v) => grads[v.name]!) };
}

async function compare(backend: 'cpu' | 'wasm', inputShape: number[], batch: number): Promise<void> {
  await useBackend(backend);
  const model = buildModel('cnn', { inputShape, numClasses: 4 }, 3);
  const before = tf.memory().numTensors;
  const chain = convChain(model);
  expect(chain).not.toBeNull();
  const vars = convVariables(chain!);
  expect(vars.map((v) => v.name)).toEqual(model.trainableWeights.map((w) => (w.read() as tf.Variable).name));
  const { ours, ref, correct } = tf.tidy(() => {
    // Spread inputs so some ReLUs are off and the logits disagree with the labels.
    const x = tf.randomNormal([batch, ...inputShape], 0, 2, 'float32', 5);
    const y = tf.tensor1d(
      Array.from({ length: batch }, (_, i) => (i * 3) % 4),
      'int32',
    );
    const step = convGrads(chain!, x, y);
    const r = tapeGrads(model, vars, x, y);
    const logits = model.apply(x) as tf.Tensor2D;
    const expectCorrect = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32'));
    return {
      ours: [step.loss, ...step.grads],
      ref: [r.loss, ...r.grads],
      correct: [step.correct, expectCorrect],
    };
  });
  for (const [i, t] of ours.entries()) {
    const a = await t.data();
    const b = await ref[i]!.data();
    expect(t.shape).toEqual(ref[i]!.shape);
    const scale = Math.max(1e-3, ...Array.from(b, Math.abs));
    for (let j = 0; j < a.length; j++) expect(Math.abs(a[j]! - b[j]!) / scale).toBeLessThan(1e-4);
  }
  expect(await correct[0]!.data()).toEqual(await correct[1]!.data());
  tf.dispose([...ours, ...ref, ...correct]);
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
}

describe('hand-written conv training step', () => {
  it('equals the tape gradients for the colour CNN (same convs, three pools, global average) on cpu and wasm', async () => {
    await compare('wasm', [16, 16, 3], 3);
    await compare('cpu', [16, 16, 3], 3);
    await useBackend('cpu');
  }, 180_000); // ~50 s on a loaded 2-core box

  it('equals the tape gradients for the grey CNN (valid convs, flatten, ReLU dense) on cpu and wasm', async () => {
    await compare('wasm', [14, 13, 1], 4);
    await compare('cpu', [14, 13, 1], 4);
    await useBackend('cpu');
  }, 180_000); // ~50 s on a loaded 2-core box

  it('declines what it does not know: dense-only models, 1-D convs, strided convs', async () => {
    await useBackend('cpu');
    const mlp = buildModel('mlp', { inputShape: [6, 6, 1], numClasses: 3 }, 1);
    const seq = buildModel('cnn', { inputShape: [40, 2], numClasses: 3 }, 1);
    const strided = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, strides: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2 }),
      ],
    });
    for (const m of [mlp, seq, strided]) {
      expect(convChain(m)).toBeNull();
      m.dispose();
    }
  });
});
