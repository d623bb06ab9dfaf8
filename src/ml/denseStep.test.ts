import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { buildModel } from './models';
import { chainVariables, denseChain, denseGrads } from './denseStep';

/** Tape gradients of the same loss, the reference the hand-written step must equal. */
function tapeGrads(model: tf.LayersModel, vars: tf.Variable[], x: tf.Tensor, y: tf.Tensor1D) {
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(x, { training: true }) as tf.Tensor2D;
    return tf.losses.softmaxCrossEntropy(tf.oneHot(y, logits.shape[1]), logits);
  }, vars);
  return { loss: value, grads: vars.map((v) => grads[v.name]!) };
}

async function compare(backend: 'cpu' | 'wasm', kind: 'linear' | 'mlp', inputShape: number[]): Promise<void> {
  await useBackend(backend);
  const model = buildModel(kind, { inputShape, numClasses: 4 }, 3);
  const before = tf.memory().numTensors;
  const chain = denseChain(model);
  expect(chain).not.toBeNull();
  const vars = chainVariables(chain!);
  expect(vars.map((v) => v.name)).toEqual(model.trainableWeights.map((w) => (w.read() as tf.Variable).name));
  const { ours, ref, correct } = tf.tidy(() => {
    // Spread inputs so some ReLUs are off and the logits disagree with the labels.
    const x = tf.randomNormal([9, ...inputShape], 0, 2, 'float32', 5);
    const y = tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3, 1], 'int32');
    const step = denseGrads(chain!, x, y);
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

describe('hand-written dense training step', () => {
  it('equals the tape gradients for the image MLP (flatten, ReLU, logits) on cpu and wasm', async () => {
    await compare('cpu', 'mlp', [6, 6, 1]);
    await compare('wasm', 'mlp', [6, 6, 1]);
    await useBackend('cpu');
  });

  it('equals the tape gradients for the toy MLP (two ReLU layers) and the linear model', async () => {
    await compare('cpu', 'mlp', [2]);
    await compare('cpu', 'linear', [5, 5, 1]);
  });

  it('declines conv nets and other activations, which the tape trains', async () => {
    await useBackend('cpu');
    const cnn = buildModel('cnn', { inputShape: [12, 12, 1], numClasses: 3 }, 1);
    expect(denseChain(cnn)).toBeNull();
    cnn.dispose();
    const tanh = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [3], units: 4, activation: 'tanh' }),
        tf.layers.dense({ units: 2 }),
      ],
    });
    expect(denseChain(tanh)).toBeNull();
    tanh.dispose();
  });
});
