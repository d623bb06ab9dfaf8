import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, SpecError, validateSpec, type ExperimentSpec } from '../experiment/spec';
import { decodeSpec, encodeSpec } from '../experiment/urlCodec';
import { dataKeyOf, prepareData, type SplitProvider } from './prepare';
import { RADIO_TEST_SIZE } from './radio';

/** Radio data is generated: a provider that fails proves no file is read. */
const noFiles: SplitProvider = {
  split: () => Promise.reject(new Error('radio must not load image files')),
};

const spec = (p: Partial<ExperimentSpec> = {}): ExperimentSpec => ({
  ...DEFAULT_SPEC,
  dataset: 'radio',
  trainSize: 350,
  ...p,
});

describe('radio as an experiment dataset', () => {
  it('prepares trainSize generated rows and a test split from another seed, with SNR strata', async () => {
    const d = await prepareData(spec(), noFiles);
    expect(d.train.labels.length).toBe(350);
    expect(d.test.labels.length).toBe(RADIO_TEST_SIZE);
    expect(d.train.shape).toEqual([128, 2]);
    expect(d.train.strata!.of.length).toBe(350);
    expect(d.test.strata!.of.length).toBe(RADIO_TEST_SIZE);
    // Different seeds: the first test row is not the first training row.
    expect(d.test.x.subarray(0, 256)).not.toEqual(d.train.x.subarray(0, 256));
    const again = await prepareData(spec(), noFiles);
    expect(again.train.x).toEqual(d.train.x);
  });

  it('label noise and imbalance work and keep the strata aligned with the rows', async () => {
    const d = await prepareData(
      spec({ corruption: { noise: 0.2, noiseType: 'symmetric', imbalance: 5, ood: 0 } }),
      noFiles,
    );
    const n = d.train.labels.length;
    expect(n).toBeLessThan(350);
    expect(d.train.strata!.of.length).toBe(n);
    expect(d.truth.noisyMask!.reduce((a, b) => a + b, 0)).toBe(Math.round(0.2 * n));
    const clean = await prepareData(spec(), noFiles);
    // Each kept row carries the SNR bin of its source row.
    d.truth.sourceRows.forEach((src, i) => expect(d.train.strata!.of[i]).toBe(clean.train.strata!.of[src]));
  });

  it('OOD injection is a clear SpecError; the data key and URL codec know radio', () => {
    expect(() => validateSpec(spec({ corruption: { ...DEFAULT_SPEC.corruption, ood: 0.1 } }))).toThrow(
      SpecError,
    );
    expect(() => validateSpec(spec({ corruption: { ...DEFAULT_SPEC.corruption, ood: 0.1 } }))).toThrow(
      /OOD injection needs an image dataset/,
    );
    expect(dataKeyOf(spec())).not.toBe(dataKeyOf(spec({ trainSize: 351 })));
    expect(dataKeyOf(spec())).toContain('radio');
    const s = validateSpec(spec({ method: 'foqus', params: { snrStrata: false } }));
    const back = decodeSpec(encodeSpec(s, () => new URLSearchParams()));
    expect(back).toEqual(s);
  });
});
