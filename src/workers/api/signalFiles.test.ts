import { describe, expect, it } from 'vitest';
import { writeNpy } from '../../core/data/npy';
import { prepareData, type DataSpec } from '../../core/data/prepare';
import { DEFAULT_SPEC } from '../../core/experiment/spec';
import { createSignalFileStore } from './signalFiles';

const noSplits = { split: () => Promise.reject(new Error('toy data needs no files')) };

describe('imported signal files in the worker', () => {
  it('maps files to the run’s rows, refuses bad ones and keeps what was loaded before', async () => {
    const spec: DataSpec = {
      ...DEFAULT_SPEC,
      dataset: 'toy',
      toy: { shape: 'blobs', n: 50, noise: 0.1 },
      corruption: { ...DEFAULT_SPEC.corruption, imbalance: 5 },
    };
    const data = await prepareData(spec, noSplits);
    const size = data.truth.sourceSize;
    expect(data.train.labels.length).toBeLessThan(size); // the long tail dropped rows: a real subset
    const store = createSignalFileStore();
    const emb = Float32Array.from({ length: size * 2 }, (_, i) => Math.floor(i / 2));
    const ok = store.add(writeNpy(emb, [size, 2]), 'emb.npy', 'embeddings', spec, data);
    expect(ok).toMatchObject({ ok: true, rows: size, dim: 2, numberingId: expect.stringMatching(/^toy:/) });
    const first = store.forRun(spec, data)!.embeddings!;
    expect(Array.from(first.data.subarray(0, 4))).toEqual([
      data.truth.sourceRows[0],
      data.truth.sourceRows[0],
      data.truth.sourceRows[1],
      data.truth.sourceRows[1],
    ]);

    const bad = store.add(writeNpy(new Float32Array(size + 1)), 'long.npy', 'embeddings', spec, data);
    expect(bad).toEqual({
      ok: false,
      message: expect.stringMatching(/long\.npy has \d+ rows but the data's numbering has/),
    });
    const nan = store.add(
      writeNpy(Float32Array.from({ length: size }, () => NaN)),
      'nan.npy',
      'scores',
      spec,
      data,
    );
    expect(nan.ok).toBe(false);
    expect(store.forRun(spec, data)!.embeddings!.source).toMatch(/emb\.npy/);
    expect(store.forRun(spec, data)!.scores).toBeUndefined();

    // Other data (another seed → another toy numbering): the file is not applied.
    const other = { ...spec, seed: spec.seed + 1 };
    expect(store.forRun(other, await prepareData(other, noSplits))).toBeUndefined();
  });
});
