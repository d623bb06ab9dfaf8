import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, type ExperimentSpec } from '../core/experiment/spec';
import { auroc } from '../core/signals/auroc';
import { aum, dataMap } from '../core/signals/scores';
import { nodeSplitProvider } from '../cli/nodeData';
import { clearSignalMemory, computeSignals, getRecordedRun, runKey } from './signals';
import { createMemorySignalCache, type CachedSignal, type SignalCache } from './signalCache';

const never = new AbortController().signal;

/** A persistent-cache stand-in that counts traffic. */
function countingCache(): SignalCache & { gets: number; sets: string[] } {
  const inner = createMemorySignalCache();
  const c = {
    gets: 0,
    sets: [] as string[],
    async get(key: string) {
      c.gets++;
      return inner.get(key);
    },
    async set(key: string, value: CachedSignal) {
      c.sets.push(key);
      await inner.set(key, value);
    },
  };
  return c;
}

describe('computeSignals', () => {
  it('20% symmetric noise on MNIST 3k: AUM and confidence rank the noisy labels low (AUROC > 0.8)', async () => {
    // wasm: the same kernels as cpu to ~1e-7 (docs/tfjs-notes.md) and ~20× faster for a 6-epoch run.
    await useBackend('wasm');
    clearSignalMemory();
    const spec: ExperimentSpec = {
      ...DEFAULT_SPEC,
      trainSize: 3000,
      epochs: 6,
      corruption: { ...DEFAULT_SPEC.corruption, noise: 0.2 },
      method: 'aum',
    };
    const data = await prepareData(spec, nodeSplitProvider());
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const s = await computeSignals(['record', 'embeddings'], data, spec, (d) => seen.push(d), never);
    expect(tf.memory().numTensors).toBe(before);
    const noisy = data.truth.noisyMask!;
    const r = s.record!;
    expect(r.n).toBe(3000);
    expect(r.epochs).toBe(6);
    const neg = (a: Float32Array) => a.map((v) => -v);
    const aumAuc = auroc(neg(aum(r)), noisy);
    const confAuc = auroc(neg(dataMap(r).confidence), noisy);
    console.log(
      `MNIST 3k, 20% symmetric noise, MLP 6 epochs: AUROC(noisy = low) AUM ${aumAuc.toFixed(3)}, confidence ${confAuc.toFixed(3)}`,
    );
    expect(aumAuc).toBeGreaterThan(0.8);
    expect(confAuc).toBeGreaterThan(0.8);
    // Progress is monotone in [0, 1] and ends at 1.
    expect(seen.every((v, i) => v >= 0 && v <= 1 && (i === 0 || v >= seen[i - 1]! - 1e-9))).toBe(true);
    expect(seen.at(-1)).toBe(1);
    // Embeddings: PCA-32 of pixels; projection: 2-D per row.
    expect(s.embeddings!.dim).toBe(32);
    expect(s.embeddings!.data.length).toBe(3000 * 32);
    expect(s.projection2d!.length).toBe(3000 * 2);
    await useBackend('cpu');
  });

  it('caches the run: a second call (and a record-only call after an input-grad run) does not retrain', async () => {
    await useBackend('cpu');
    clearSignalMemory();
    const spec: ExperimentSpec = {
      ...DEFAULT_SPEC,
      dataset: 'toy',
      toy: { shape: 'moons', n: 300, noise: 0.2 },
      epochs: 3,
    };
    const data = await prepareData(spec, nodeSplitProvider());
    const store = countingCache();
    const before = tf.memory().numTensors;
    const a = await computeSignals(['inputGradNorms', 'lastLayerGrads'], data, spec, () => {}, never, {
      cache: store,
    });
    expect(a.record!.inputGradNorm!.length).toBe(300 * 3);
    expect(a.lastLayerGrads!.dim).toBe(2 * (16 + 1));
    expect(a.projection2d).toBe(data.train.x);
    expect(store.sets).toEqual([runKey(spec, true)]);

    const b = await computeSignals(
      ['record', 'embeddings', 'hypersphere', 'ssl'],
      data,
      spec,
      () => {},
      never,
      {
        cache: store,
      },
    );
    // The same record object and no second store write: served from memory, not retrained (a
    // verdict that holds on any machine, unlike timing the two calls).
    expect(b.record).toBe(a.record);
    expect(b.embeddings!.dim).toBe(2);
    expect(store.sets.length).toBe(1);

    // A fresh process (empty memory) reads the persistent layer instead of training.
    clearSignalMemory();
    const c = await getRecordedRun(data, spec, { inputGrads: false, cache: store });
    expect(c.cached).toBe(true);
    expect(c.run.record).toBe(a.record);
    // Gradient embeddings come back from the cached weights, identical to the first ones.
    const d = await computeSignals(['lastLayerGrads'], data, spec, () => {}, never, { cache: store });
    expect(Array.from(d.lastLayerGrads!.data)).toEqual(Array.from(a.lastLayerGrads!.data));
    expect(store.sets.length).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('honours a cancel during the run and leaves no tensors', async () => {
    await useBackend('cpu');
    clearSignalMemory();
    const spec: ExperimentSpec = {
      ...DEFAULT_SPEC,
      dataset: 'toy',
      toy: { shape: 'blobs', n: 3000, noise: 0.2 },
      epochs: 20,
    };
    const data = await prepareData(spec, nodeSplitProvider());
    const before = tf.memory().numTensors;
    const ctrl = new AbortController();
    const p = computeSignals(['record'], data, spec, (d) => d > 0.05 && ctrl.abort(), ctrl.signal);
    await expect(p).rejects.toThrow('cancelled');
    expect(tf.memory().numTensors).toBe(before);
  });
});
