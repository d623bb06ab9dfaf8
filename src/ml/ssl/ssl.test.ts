import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../test/tf';
import { createRng } from '../../core/math/rng';
import { loadImageSplit } from '../../core/data/sources';
import { nodeAssetLoader } from '../../cli/nodeData';
import { makeSslSplit, type SslData } from '../../core/data/sslSplit';
import { subsetDataset } from '../../core/data/dataset';
import { DEFAULT_SSL_SPEC, type SslSpec } from '../../core/experiment/sslSpec';
import { buildModel } from '../models';
import { batchInputs } from '../batches';
import { unlabeledStats } from './algorithm';
import { createAlgorithm } from './create';
import { randomErase, randomShift, strongAugment, weakAugment } from './augment';
import { runSsl } from './loop';

let cached: Promise<SslData> | undefined;
function tinyData(): Promise<SslData> {
  cached ??= (async () => {
    const [mnist, fashion] = await Promise.all([
      loadImageSplit('mnist', 'test', nodeAssetLoader),
      loadImageSplit('fashion', 'test', nodeAssetLoader),
    ]);
    const split = makeSslSplit(
      mnist,
      fashion,
      { labelsPerClass: 5, unlabeled: 300, ood: 0.5, imbalance: 1 },
      createRng(1),
    );
    return {
      ...split,
      test: subsetDataset(
        mnist,
        Int32Array.from({ length: 200 }, (_, i) => 9000 + i),
      ),
    };
  })();
  return cached;
}

function batch(d: SslData, n: number, inDistribution = false): tf.Tensor4D {
  const rows = Int32Array.from({ length: d.unlabeled.labels.length }, (_, i) => i).filter(
    (i) => !inDistribution || d.oodMask[i] === 0,
  );
  return batchInputs(d.unlabeled, rows, 0, n) as tf.Tensor4D;
}

describe('augmentations', () => {
  it('are seeded, stay in [0, 1], shift keeps a centred digit whole, erase fills one box', async () => {
    await useBackend('cpu');
    const d = await tinyData();
    const before = tf.memory().numTensors;
    const x = batch(d, 8, true);
    const a = strongAugment(x, createRng(3));
    const b = strongAugment(x, createRng(3));
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    expect(a.shape).toEqual([8, 28, 28, 1]);
    const values = await a.data();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    const s = randomShift(x, createRng(4));
    // Every shifted image is an exact whole-pixel translation of its source by at most 2 px.
    const px = await x.data();
    const ps = await s.data();
    for (let b = 0; b < 8; b++) {
      const at = (arr: Float32Array | Int32Array | Uint8Array, r: number, c: number) =>
        r < 0 || r >= 28 || c < 0 || c >= 28 ? 0 : arr[b * 784 + r * 28 + c]!;
      let found = 0;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) {
          let same = true;
          for (let r = 0; r < 28 && same; r++)
            for (let c = 0; c < 28 && same; c++) same = at(ps, r, c) === at(px, r - dy, c - dx);
          if (same) found++;
        }
      expect(found).toBeGreaterThan(0);
    }
    const sums = (t: tf.Tensor) => tf.tidy(() => tf.sum(t, [1, 2, 3]));
    const w = weakAugment(x, createRng(4));
    expect(Array.from(await w.data())).toEqual(Array.from(await s.data()));
    const blank = tf.zeros([2, 28, 28, 1]) as tf.Tensor4D;
    const e = randomErase(blank, createRng(5));
    const eSum = sums(e);
    const filled = (await eSum.data()).map((v) => v / 0.5);
    eSum.dispose();
    filled.forEach((area) => {
      expect(area).toBeGreaterThanOrEqual(36);
      expect(area).toBeLessThanOrEqual(196);
    });
    tf.dispose([x, a, b, s, w, e, blank]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shifts the same way on wasm as on cpu (one exact gather, no resampling)', async () => {
    const d = await tinyData();
    const views: number[][] = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      const x = batch(d, 16);
      const s = strongAugment(x, createRng(11));
      views.push(Array.from(await s.data()));
      tf.dispose([x, s]);
    }
    await useBackend('cpu');
    const diff = views[0]!.reduce((a, v, i) => a + Math.abs(v - views[1]![i]!), 0);
    expect(diff).toBeLessThan(1e-3);
  });
});

describe('SSL trainers', () => {
  it('give per-example losses, masks and logit gradients of the right shapes, without leaks', async () => {
    await useBackend('cpu');
    const d = await tinyData();
    const before = tf.memory().numTensors;
    for (const name of ['fixmatch', 'meanteacher', 'vat'] as const) {
      const model = buildModel('mlp', { inputShape: [28, 28, 1], numClasses: 10 }, 1);
      const algo = createAlgorithm(name, model, () =>
        buildModel('mlp', { inputShape: [28, 28, 1], numClasses: 10 }, 1),
      );
      const x = batch(d, 16);
      const s = unlabeledStats(algo, model, x, createRng(1));
      expect(s.grads.shape).toEqual([16, 10]);
      expect(s.loss.shape).toEqual([16]);
      expect(s.mask.shape).toEqual([16]);
      const loss = await s.loss.data();
      loss.forEach((v) => {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(-1e-6);
      });
      if (name !== 'fixmatch') expect(Array.from(await s.mask.data())).toEqual(new Array(16).fill(1));
      if (name === 'vat') expect(Math.max(...loss)).toBeGreaterThan(0);
      tf.dispose([x, s.grads, s.loss, s.mask]);
      algo.dispose();
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("FixMatch's mask is 0 below τ and 1 above, with G_j = m_j·(softmax − e_ŷ)", async () => {
    await useBackend('cpu');
    const d = await tinyData();
    const before = tf.memory().numTensors;
    // A linear model with zero weights predicts its bias for every input: confidence is known.
    const model = buildModel('linear', { inputShape: [28, 28, 1], numClasses: 10 }, 1);
    const kernelShape = model.getWeights()[0]!.shape;
    const setConfidence = (top: number) => {
      const b = new Float32Array(10);
      b[3] = Math.log((top * 9) / (1 - top));
      const w = [tf.zeros(kernelShape), tf.tensor1d(b)];
      model.setWeights(w);
      tf.dispose(w);
    };
    const algo = createAlgorithm('fixmatch', model, () => model);
    const x = batch(d, 6);
    setConfidence(0.94);
    const low = unlabeledStats(algo, model, x, createRng(1));
    expect(Array.from(await low.mask.data())).toEqual(new Array(6).fill(0));
    expect(Array.from(await low.grads.data()).every((v) => v === 0)).toBe(true);
    expect(Array.from(await low.loss.data())).toEqual(new Array(6).fill(0));
    setConfidence(0.96);
    const high = unlabeledStats(algo, model, x, createRng(1));
    expect(Array.from(await high.mask.data())).toEqual(new Array(6).fill(1));
    const g = await high.grads.data();
    for (let j = 0; j < 6; j++) {
      expect(g[j * 10 + 3]).toBeCloseTo(0.96 - 1, 4);
      expect(g[j * 10 + 0]).toBeCloseTo(0.04 / 9, 4);
    }
    tf.dispose([x, low.grads, low.loss, low.mask, high.grads, high.loss, high.mask]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('SSL loop', () => {
  const spec = (over: Partial<SslSpec>): SslSpec => ({
    ...DEFAULT_SSL_SPEC,
    labelsPerClass: 5,
    unlabeled: 300,
    epochs: 2,
    roundsEvery: 1,
    fraction: 0.2,
    labeledBatch: 25,
    unlabeledBatch: 30,
    testSize: 200,
    ...over,
  });

  it('runs every method and algorithm for a few steps with per-round stats and no leaks', async () => {
    await useBackend('cpu');
    const d = await tinyData();
    const before = tf.memory().numTensors;
    const runs: [SslSpec['method'], SslSpec['algorithm'], SslSpec['gradients']?][] = [
      ['retrieve', 'fixmatch'],
      ['retrieve', 'meanteacher'],
      ['retrieve', 'vat'],
      ['retrieve', 'fixmatch', 'lastLayer'],
      ['random', 'fixmatch'],
      ['full', 'fixmatch'],
      ['supervised', 'fixmatch'],
    ];
    for (const [method, algorithm, gradients] of runs) {
      const r = await runSsl(d, spec({ method, algorithm, gradients: gradients ?? 'logits' }));
      expect(r.epochs).toHaveLength(2);
      const steps = method === 'full' ? 10 : 2;
      expect(r.epochs[0]!.steps).toBe(steps);
      expect(r.epochs[1]!.elapsedMs).toBeGreaterThan(r.epochs[0]!.elapsedMs);
      r.epochs.forEach((e) => expect(e.testAccuracy).toBeGreaterThanOrEqual(0));
      if (method === 'retrieve' || method === 'random') {
        expect(r.rounds).toHaveLength(2);
        for (const round of r.rounds) {
          expect(round.size).toBe(60);
          expect(round.classMix.reduce((a, b) => a + b, 0)).toBe(60);
          expect(round.oodShare).toBeCloseTo(round.classMix[10]! / 60, 10);
          if (method === 'retrieve') expect(round.gains).toHaveLength(60);
        }
      } else expect(r.rounds).toHaveLength(0);
      if (method === 'supervised') expect(r.epochs[0]!.unlabeledLoss).toBe(0);
      expect(r.oodInPool).toBe(150);
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('warm start trains on the full pool first; same seed, same run', async () => {
    await useBackend('cpu');
    const d = await tinyData();
    const a = await runSsl(d, spec({ method: 'retrieve', epochs: 4, roundsEvery: 2, warmStart: 0.5 }));
    expect(a.rounds.map((r) => r.epoch)).toEqual([2]);
    const b = await runSsl(d, spec({ method: 'retrieve', epochs: 4, roundsEvery: 2, warmStart: 0.5 }));
    expect(b.rounds[0]!.classMix).toEqual(a.rounds[0]!.classMix);
    expect(Array.from(b.rounds[0]!.gains!)).toEqual(Array.from(a.rounds[0]!.gains!));
    expect(b.epochs.map((e) => e.testAccuracy)).toEqual(a.epochs.map((e) => e.testAccuracy));
  }, 60_000);

  it('cancel stops between steps and frees everything', async () => {
    await useBackend('cpu');
    const d = await tinyData();
    const before = tf.memory().numTensors;
    const ctrl = new AbortController();
    const p = runSsl(d, spec({ method: 'full', epochs: 5 }), {
      signal: ctrl.signal,
      onProgress: (pr) => {
        if (pr.phase === 'training') ctrl.abort();
      },
    });
    await expect(p).rejects.toThrow('cancelled');
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
