import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, type ExperimentSpec } from '../core/experiment/spec';
import { nodeSplitProvider } from '../cli/nodeData';
import { clearSignalMemory, getRecordedRun, setPersistentSignalCache, signalCacheState } from './signals';
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
    });
    await getRecordedRun(data, spec, { inputGrads: false });
    expect(await signalCacheState(spec)).toEqual({
      pixelPca: 'none',
      record: 'memory',
      recordWithInputGrads: 'none',
    });
    // Another seed or model is another record: not cached.
    expect((await signalCacheState({ ...spec, epochs: 2 })).record).toBe('none');
    expect((await signalCacheState({ ...spec, model: 'linear' })).record).toBe('none');
    // A new session: memory is empty, the persistent layer still has it.
    clearSignalMemory();
    expect((await signalCacheState(spec)).record).toBe('stored');
    expect(tf.memory().numTensors).toBe(before);
  });
});
