import { describe, expect, it } from 'vitest';
import { prepareData, providerFromLoader, type DataSpec } from '../core/data/prepare';
import { DEFAULT_SPEC } from '../core/experiment/spec';
import { nodeAssetLoader } from './nodeData';

const spec = (over: Partial<DataSpec>): DataSpec => ({ ...DEFAULT_SPEC, ...over });

describe('the default subset from its pre-cut file (public/data, scripts/prepare-data.ts)', () => {
  it('is the same rows, pixels, labels and numbering as the subset cut from the full file', async () => {
    const read: string[] = [];
    const withPrecut = providerFromLoader((n) => (read.push(n), nodeAssetLoader(n)));
    const full = providerFromLoader(nodeAssetLoader);
    const wholeFile = { split: full.split.bind(full) };
    for (const dataset of ['mnist', 'fashion'] as const) {
      read.length = 0;
      const a = await prepareData(spec({ dataset }), withPrecut);
      const b = await prepareData(spec({ dataset }), wholeFile);
      expect(read).not.toContain(`${dataset}-train-images.idx`);
      expect(read).toContain(
        `${dataset}-train-${DEFAULT_SPEC.trainSize}-seed${DEFAULT_SPEC.seed}-images.idx`,
      );
      expect(a.train.x).toEqual(b.train.x);
      expect(a.train.labels).toEqual(b.train.labels);
      expect(a.train.name).toBe(b.train.name);
      expect(a.train.shape).toEqual(b.train.shape);
      expect(a.train.classNames).toEqual(b.train.classNames);
      expect(a.truth.sourceRows).toEqual(b.truth.sourceRows);
      expect(a.truth.sourceSize).toBe(60_000);
      expect(a.test.labels).toEqual(b.test.labels);
    }
  }, 60_000);

  it('is not used for another seed or size: those are cut from the full file', async () => {
    const read: string[] = [];
    const p = providerFromLoader((n) => (read.push(n), nodeAssetLoader(n)));
    const d = await prepareData(spec({ seed: DEFAULT_SPEC.seed + 1 }), p);
    expect(d.train.labels.length).toBe(DEFAULT_SPEC.trainSize);
    expect(read).toContain('mnist-train-images.idx');
  }, 60_000);
});
