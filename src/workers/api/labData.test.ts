import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssetLoader } from '../../core/data/sources';
import { dataKeyOf } from '../../core/data/prepare';
import { DEFAULT_SPEC } from '../../core/experiment/spec';
import { createLabData } from './labData';
import { jobContext } from './jobTypes';

const DATA = join(__dirname, '../../../public/data');

function counting() {
  const reads: string[] = [];
  const load: AssetLoader = async (name) => {
    reads.push(name);
    return new Uint8Array(readFileSync(join(DATA, name)));
  };
  return { reads, load };
}

const ctx = () => jobContext(new AbortController().signal, () => {});

describe('labData: a data load started before its job (the worker entry, issue 21)', () => {
  it('is taken by the load of the same data: each file read once, the same data as a plain load', async () => {
    const early = counting();
    const lab = createLabData(early.load);
    lab.prefetch(DEFAULT_SPEC);
    await new Promise((r) => setTimeout(r, 60));
    const s = await lab.load(DEFAULT_SPEC, ctx());
    expect(new Set(early.reads).size).toBe(early.reads.length);
    expect(early.reads).toContain('mnist-test-images.idx');

    const plain = createLabData(counting().load);
    const p = await plain.load(DEFAULT_SPEC, ctx());
    expect(s.key).toBe(p.key);
    expect(s.labels).toEqual(p.labels);
    expect(lab.require(DEFAULT_SPEC).train.x).toEqual(plain.require(DEFAULT_SPEC).train.x);
    // Its load time counts from the early start.
    expect(s.loadMs).toBeGreaterThanOrEqual(50);
  }, 60_000);

  it('is not used for other data, and the last of overlapping loads wins', async () => {
    const { reads, load } = counting();
    const lab = createLabData(load);
    lab.prefetch(DEFAULT_SPEC);
    const toy = { ...DEFAULT_SPEC, dataset: 'toy' as const };
    const first = lab.load(DEFAULT_SPEC, ctx());
    const second = lab.load(toy, ctx());
    await expect(first).rejects.toThrow('superseded by a newer load');
    expect((await second).key).toBe(dataKeyOf(toy));
    expect(() => lab.require(DEFAULT_SPEC)).toThrow('load the dataset for this setup first');
    expect(lab.require(toy).train.labels.length).toBeGreaterThan(0);
    expect(reads.filter((n) => n === 'mnist-test-images.idx')).toHaveLength(1);
  }, 60_000);

  it('for the default setup (a page opened with no setup in its address) is the default spec’s', async () => {
    const { reads, load } = counting();
    const lab = createLabData(load);
    lab.prefetchDefault();
    const s = await lab.load(DEFAULT_SPEC, ctx());
    expect(s.key).toBe(dataKeyOf(DEFAULT_SPEC));
    expect(new Set(reads).size).toBe(reads.length);
  }, 60_000);

  it('is left alone for imported data (its import may still be on its way)', async () => {
    const { reads, load } = counting();
    const lab = createLabData(load);
    lab.prefetch({ ...DEFAULT_SPEC, dataset: 'custom', customId: 'not-imported-yet' });
    await new Promise((r) => setTimeout(r, 10));
    expect(reads).toEqual([]);
  });
});
