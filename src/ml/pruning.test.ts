import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { makeToy } from '../core/data/toy';
import { forwardFlops } from '../core/experiment/flops';
import { batchInputs, batchLabels, allRows } from './batches';
import { buildModel } from './models';
import { dropAndRegrow, extremeByMagnitude, magnitudeMask, prunableLayers, WeightPruner } from './pruning';

const zerosWhereMasked = async (kernel: tf.Tensor, mask: Uint8Array) => {
  const w = await kernel.data();
  let offMaskNonZero = 0;
  let onMaskNonZero = 0;
  mask.forEach((m, i) => {
    if (m === 0 && w[i] !== 0) offMaskNonZero++;
    if (m === 1 && w[i] !== 0) onMaskNonZero++;
  });
  return { offMaskNonZero, onMaskNonZero };
};

describe('mask arithmetic', () => {
  it('magnitude mask keeps the largest |w|', () => {
    const w = Float32Array.from([0.1, -0.9, 0.3, -0.05, 0.6]);
    expect(Array.from(magnitudeMask(w, 2))).toEqual([0, 1, 0, 0, 1]);
  });

  it('drop-and-regrow drops the smallest active |w|, grows the largest inactive |g|, density fixed', () => {
    const mask = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]);
    const w = Float32Array.from([0.5, -0.01, 0.3, 0.02, 0, 0, 0, 0]);
    // The dropped rows 1 and 3 have the largest gradients but may not come straight back.
    const g = Float32Array.from([0, 9, 0, 9, 0.1, -0.7, 0.2, 0.05]);
    expect(dropAndRegrow(mask, w, g, 2)).toBe(2);
    expect(Array.from(mask)).toEqual([1, 0, 1, 0, 0, 1, 1, 0]);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(4);
    // Never more moves than there are inactive entries.
    const full = Uint8Array.from([1, 1, 1, 0]);
    expect(dropAndRegrow(full, Float32Array.from([1, 2, 3, 0]), Float32Array.from([0, 0, 0, 1]), 3)).toBe(1);
    expect(Array.from(full)).toEqual([0, 1, 1, 1]);
  });
});

describe('WeightPruner', () => {
  it('keeps pruned weights exactly zero through Adam steps (mask applied after each step)', async () => {
    await useBackend('cpu');
    const ds = makeToy({ shape: 'blobs', n: 200, noise: 0.1, seed: 1 });
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [2], numClasses: 3 }, 1);
    const layers = prunableLayers(model);
    expect(layers.map((l) => l.shape.name)).toEqual([model.layers[0]!.name, 'features', 'logits']);
    const pruner = await WeightPruner.create(layers, [0.5, 0.5, 0.9]);
    expect(pruner.densities()).toEqual([16 / 32, 128 / 256, 5 / 48]);
    const start = await Promise.all(layers.map((l) => l.kernel.data()));
    const optimizer = tf.train.adam(0.05);
    const rows = allRows(ds);
    for (let step = 0; step < 20; step++) {
      // Gradients deliberately not masked: the post-step mask alone must keep zeros at zero
      // although Adam's moments push every entry.
      tf.tidy(() => {
        const x = batchInputs(ds, rows, 0, 64);
        const y = batchLabels(ds, rows, 0, 64);
        optimizer.minimize(() => {
          const logits = model.apply(x, { training: true }) as tf.Tensor2D;
          return tf.losses.softmaxCrossEntropy(tf.oneHot(y, 3), logits) as tf.Scalar;
        });
      });
      pruner.apply();
    }
    for (let i = 0; i < layers.length; i++) {
      const { offMaskNonZero, onMaskNonZero } = await zerosWhereMasked(layers[i]!.kernel, pruner.maskOf(i)!);
      expect(offMaskNonZero).toBe(0);
      expect(onMaskNonZero).toBe(pruner.maskOf(i)!.reduce((a, b) => a + b, 0));
    }
    // The active weights did train.
    const now = await layers[2]!.kernel.data();
    const mask = pruner.maskOf(2)!;
    expect(Array.from(mask).some((m, j) => m === 1 && Math.abs(now[j]! - start[2]![j]!) > 1e-3)).toBe(true);
    optimizer.dispose();
    pruner.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("update regrows by gradient magnitude, at zero, and keeps each layer's density", async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const model = buildModel('mlp', { inputShape: [2], numClasses: 3 }, 2);
    const layers = prunableLayers(model);
    const pruner = await WeightPruner.create(layers, [0, 0, 0.75]);
    const d0 = pruner.densities();
    const oldMask = pruner.maskOf(2)!;
    const name = layers[2]!.kernel.name;
    // A synthetic dense gradient: |g| grows with the index, so the regrown entries must be the
    // highest-index inactive ones.
    const g = tf.tensor(
      Float32Array.from({ length: 48 }, (_, i) => (i % 2 ? -1 : 1) * (i + 1)),
      [16, 3],
    );
    const moved = await pruner.update({ [name]: g }, 0.25);
    g.dispose();
    expect(moved).toEqual([0, 0, 3]); // round(0.25 · 12 active)
    expect(pruner.densities()).toEqual(d0);
    const newMask = pruner.maskOf(2)!;
    const grown = Array.from(newMask.keys()).filter((i) => newMask[i] === 1 && oldMask[i] === 0);
    const inactiveBefore = Array.from(oldMask.keys()).filter((i) => oldMask[i] === 0);
    expect(grown).toEqual(inactiveBefore.slice(-3));
    const w = await layers[2]!.kernel.data();
    for (const i of grown) expect(Math.abs(w[i]!)).toBe(0); // -0 where a negative weight was masked
    const { offMaskNonZero } = await zerosWhereMasked(layers[2]!.kernel, newMask);
    expect(offMaskNonZero).toBe(0);
    pruner.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads layer shapes for FLOPs: a tiny conv net counted by hand', async () => {
    await useBackend('cpu');
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ inputShape: [5, 5, 1], filters: 2, kernelSize: 3, name: 'c' }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 3, name: 'd' }));
    const shapes = prunableLayers(model).map((l) => l.shape);
    expect(shapes).toEqual([
      { name: 'c', kind: 'conv2d', weights: 18, outputs: 2, positions: 9 },
      { name: 'd', kind: 'dense', weights: 54, outputs: 3, positions: 1 },
    ]);
    // conv 9 · (2·18 + 2) + dense (2·54 + 3).
    expect(forwardFlops(shapes)).toBe(342 + 111);
    model.dispose();
  });
});

describe('extremeByMagnitude', () => {
  it('matches a full sort by |value| with ties to the lower index', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Few distinct magnitudes, so ties are common.
    const values = Float32Array.from({ length: 500 }, () => Math.round((rand() - 0.5) * 20) / 10);
    const cands = Int32Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 3 !== 0);
    for (const k of [0, 1, 17, 100, cands.length]) {
      const bySort = (sign: number) =>
        Array.from(cands)
          .sort((a, b) => sign * (Math.abs(values[a]!) - Math.abs(values[b]!)) || a - b)
          .slice(0, k)
          .sort((a, b) => a - b);
      expect(Array.from(extremeByMagnitude(values, cands, k, 'smallest'))).toEqual(bySort(1));
      expect(Array.from(extremeByMagnitude(values, cands, k, 'largest'))).toEqual(bySort(-1));
    }
  });
});
