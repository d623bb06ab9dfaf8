import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, type ExperimentSpec } from '../core/experiment/spec';
import { nodeSplitProvider } from '../cli/nodeData';
import {
  clearSignalMemory,
  getRecordedRun,
  runKey,
  setPersistentSignalCache,
  signalCacheState,
} from './signals';
import { createMemorySignalCache } from './signalCache';

afterEach(() => {
  setPersistentSignalCache(undefined);
  clearSignalMemory();
});

describe('signalCacheState', () => {
  it('says whether the record for a spec is in memory, only stored, or not computed, per setting', async () => {
    await useBackend('cpu');
    clearSignalMemory();
    setPersistentSignalCache(createMemorySignalCache());
    const spec: ExperimentSpec = {
      ...DEFAULT_SPEC,
      dataset: 'toy',
      toy: { shape: 'moons', n: 200, noise: 0.2 },
      epochs: 1,
    };
    const data = await prepareData(spec, nodeSplitProvider());
    const before = tf.memory().numTensors;
    expect(await signalCacheState(spec)).toEqual({
      pixelPca: 'none',
      record: 'none',
      recordWithInputGrads: 'none',
      dropped: [],
    });
    await getRecordedRun(data, spec, { inputGrads: false });
    expect(await signalCacheState(spec)).toEqual({
      pixelPca: 'none',
      record: 'memory',
      recordWithInputGrads: 'none',
      dropped: [],
    });
    // Another seed or model is another record: not cached.
    expect((await signalCacheState({ ...spec, epochs: 2 })).record).toBe('none');
    expect((await signalCacheState({ ...spec, model: 'linear' })).record).toBe('none');
    // A new session: memory is empty, the persistent layer still has it.
    clearSignalMemory();
    expect((await signalCacheState(spec)).record).toBe('stored');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a stored record whose payload was damaged is dropped, said, and recomputed (never used)', async () => {
    await useBackend('cpu');
    clearSignalMemory();
    const store = createMemorySignalCache();
    setPersistentSignalCache(store, () => {});
    const spec: ExperimentSpec = {
      ...DEFAULT_SPEC,
      dataset: 'toy',
      toy: { shape: 'blobs', n: 120, noise: 0.2 },
      epochs: 1,
    };
    const data = await prepareData(spec, nodeSplitProvider());
    const w0 = (await getRecordedRun(data, spec, { inputGrads: false })).run.weights[0]!.data[0]!;
    clearSignalMemory();
    // Damage the stored copy (the memory store holds the object itself): one weight changes.
    const key = runKey(spec, false);
    const stored = await store.get(key);
    if (stored?.kind !== 'run') throw new Error('no stored run');
    stored.run.weights[0]!.data[0] = w0 + 1;
    expect((await signalCacheState(spec)).record).toBe('none');
    expect((await signalCacheState(spec)).dropped.at(-1)).toMatch(
      /^checksum [0-9a-f]{16} does not match the stored [0-9a-f]{16}$/,
    );
    const again = await getRecordedRun(data, spec, { inputGrads: false });
    expect([again.cached, again.run.weights[0]!.data[0]]).toEqual([false, w0]);
    expect((await signalCacheState(spec)).record).toBe('memory');
  });
});
