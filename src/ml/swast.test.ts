import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { subsetDataset, type Dataset } from '../core/data/dataset';
import { loadImageSplit } from '../core/data/sources';
import { nodeAssetLoader } from '../cli/nodeData';
import { defaultParams } from '../core/methods/params';
import { swastConfigOf, swastMethod, SWAST_PARAMS } from '../core/methods/swast/swast';
import type { SwastConfig, SwastRunResult } from '../core/methods/swast/swastSchedule';
import { buildModel } from './models';
import { swastLoop, swastTrainer } from './swast';

let train: Dataset;
let test: Dataset;

beforeAll(async () => {
  const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
  const t = await loadImageSplit('mnist', 'test', nodeAssetLoader);
  train = subsetDataset(
    full,
    Int32Array.from({ length: 300 }, (_, i) => i),
  );
  test = subsetDataset(
    t,
    Int32Array.from({ length: 200 }, (_, i) => i),
  );
});

const base: SwastConfig = {
  ...swastConfigOf(defaultParams(SWAST_PARAMS)),
  variant: 'cut',
  pruneRate: 0.5,
  every: 1,
  deltaT: 3,
};
const spec = { epochs: 4, batchSize: 32, learningRate: 0.003, seed: 5, fraction: 0.3 };

/** One run on a fresh seeded MLP; returns the result and the final weights. */
async function run(
  config: SwastConfig,
  signal?: AbortSignal,
): Promise<{ result: SwastRunResult; weights: Float32Array[] }> {
  const model = buildModel('mlp', { inputShape: [28, 28, 1], numClasses: 10 }, spec.seed);
  try {
    const result = await swastLoop(model, train, test, { ...spec, config, signal });
    const weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
    return { result, weights };
  } finally {
    model.dispose();
  }
}

function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  let m = 0;
  a.forEach((w, i) => w.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i]![j]!)))));
  return m;
}

describe('SWaST loop', () => {
  it('with λ = 0 equals plain coreset + pruning; λ > 0 does not; same seed, same run; no leaks', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    // K = ceil(4 · 0.3 / 2) = 1 warm-up epoch, then rounds before epochs 1, 2, 3.
    const sp0 = await run({ ...base, statePreservation: true, lambda: 0 });
    const plain = await run({ ...base, statePreservation: false, lambda: 0.1 });
    const plainAgain = await run({ ...base, statePreservation: false, lambda: 0.1 });
    const sp1 = await run({ ...base, statePreservation: true, lambda: 1 });
    expect(tf.memory().numTensors).toBe(before);

    // The SP path really ran its KL term (with weight 0): KL > 0 once the model moved away from
    // the stored logits; the plain path has none.
    expect(sp0.result.history.slice(1).every((e) => e.klLoss > 0)).toBe(true);
    expect(plain.result.history.every((e) => e.klLoss === 0)).toBe(true);
    expect(maxDiff(sp0.weights, plain.weights)).toBeLessThanOrEqual(1e-6);
    sp0.result.history.forEach((e, i) =>
      expect(Math.abs(e.loss - plain.result.history[i]!.loss)).toBeLessThanOrEqual(1e-6),
    );
    expect(Array.from(sp0.result.indices)).toEqual(Array.from(plain.result.indices));
    // …and the comparison can fail: λ = 1 moves the weights.
    expect(maxDiff(sp1.weights, plain.weights)).toBeGreaterThan(1e-4);

    // Determinism: bit-for-bit.
    expect(maxDiff(plain.weights, plainAgain.weights)).toBe(0);
    expect(plainAgain.result.history.map((e) => e.loss)).toEqual(plain.result.history.map((e) => e.loss));
    expect(plainAgain.result.rounds.map((r) => Array.from(r.perClassCounts))).toEqual(
      plain.result.rounds.map((r) => Array.from(r.perClassCounts)),
    );

    // Schedule, budgets, densities, FLOPs.
    const r = plain.result;
    expect(r.warmupEpochs).toBe(1);
    expect(r.history.map((e) => e.phase)).toEqual(['warmup', 'subset', 'subset', 'subset']);
    expect(r.history.map((e) => e.samples)).toEqual([300, 90, 90, 90]);
    expect(r.rounds.map((x) => x.epoch)).toEqual([1, 2, 3]);
    expect(r.rounds[0]!.perClassCounts.reduce((a, b) => a + b, 0)).toBe(90);
    expect(r.maskUpdates).toBeGreaterThan(0);
    // cut: hidden 784·128 at 50%, final 128·10 at 90%; constant through drop-and-regrow.
    for (const e of r.history) expect(e.densities).toEqual([0.5, 128 / 1280]);
    const zerosLast = plain.weights[2]!.reduce((a, v) => a + (v === 0 ? 1 : 0), 0);
    expect(zerosLast).toBeGreaterThanOrEqual(1280 - 128);
    expect(r.flops.relative).toBeGreaterThan(0);
    expect(r.flops.relative).toBeLessThan(1);
    expect(r.flops.selection).toBeGreaterThan(0);
    expect(r.finalAccuracy).toBeGreaterThan(0.3); // 10 classes: chance is 0.1
  });

  it('cancel stops between batches with AbortError and frees everything', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const ctrl = new AbortController();
    const model = buildModel('mlp', { inputShape: [28, 28, 1], numClasses: 10 }, 1);
    let epochs = 0;
    const p = swastLoop(model, train, test, {
      ...spec,
      epochs: 20,
      config: base,
      signal: ctrl.signal,
      onProgress: (done) => done > 0.07 && ctrl.abort(),
      onEpoch: () => epochs++,
    });
    await expect(p).rejects.toThrow('cancelled');
    expect(epochs).toBeLessThan(3);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("runs as the method's trainer: run returns the last subset, the final metrics and the views", async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const params = { ...defaultParams(SWAST_PARAMS), variant: 'trim', selector: 'grand' };
    const out = await swastMethod.run({ train, test }, params, {
      fraction: 0.1,
      seed: 1,
      onProgress: () => {},
      signal: { aborted: false },
      trainers: {
        swast: swastTrainer(
          { train, test },
          { model: 'linear', epochs: 3, batchSize: 32, learningRate: 0.01, seed: 1 },
        ),
      },
    });
    expect(out.keptSize).toBe(30);
    expect(out.kept?.length).toBe(30);
    expect(out.poolSize).toBe(300);
    expect(out.metrics.accuracy).toBeGreaterThan(0.1); // 10 classes: above chance after 3 epochs
    expect(out.metrics.confusion.flat().reduce((a, b) => a + b, 0)).toBe(200);
    // K = 1 warm-up epoch over 300 rows (10 steps of 32), then 2 epochs over 30 rows (1 step each).
    expect(out.steps).toBe(12);
    expect(out.setting).toMatch(
      /^supervised, in-training: 1 full-data warm-up epoch of 3, then 30 of 300 rows re-selected every 2, trim pruning; 12 steps$/,
    );
    expect(out.diagnostics.map((d) => d.kind)).toEqual([
      'curves',
      'curves',
      'classBars',
      'table',
      'table',
      'table',
    ]);
    const rounds = out.diagnostics.find((d) => d.kind === 'table' && d.title.startsWith('Selection rounds'));
    expect(rounds?.kind === 'table' && rounds.rows.length).toBe(1); // K = 1; R = 2 over epochs 1–2: one round
    expect(tf.memory().numTensors).toBe(before);
  });
});
