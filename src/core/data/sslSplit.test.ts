import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { classCounts } from '../budget/budgets';
import { loadImageSplit } from './sources';
import { nodeAssetLoader } from '../../cli/nodeData';
import { classMix, makeSslSplit, OOD_CLASS } from './sslSplit';
import type { Dataset } from './dataset';

let cache: Promise<[Dataset, Dataset]> | undefined;
function data(): Promise<[Dataset, Dataset]> {
  cache ??= Promise.all([
    loadImageSplit('mnist', 'test', nodeAssetLoader),
    loadImageSplit('fashion', 'test', nodeAssetLoader),
  ]);
  return cache;
}

describe('semi-supervised split', () => {
  it('labels exactly labelsPerClass per class, keeps L and U disjoint, puts OOD only in U', async () => {
    const [mnist, fashion] = await data();
    const s = makeSslSplit(
      mnist,
      fashion,
      { labelsPerClass: 10, unlabeled: 2000, ood: 0.5, imbalance: 1 },
      createRng(1),
    );
    expect(classCounts(s.labeled.labels, 10)).toEqual(new Array(10).fill(10));
    expect(s.unlabeled.labels.length).toBe(2000);
    const lset = new Set(s.labeledRows);
    for (const r of s.unlabeledRows) expect(lset.has(r)).toBe(false);
    // L is untouched MNIST: its pixels are the source rows'.
    const dim = 784;
    s.labeledRows.forEach((r, i) => {
      expect(s.labeled.x.subarray(i * dim, (i + 1) * dim)).toEqual(mnist.x.subarray(r * dim, (r + 1) * dim));
    });
    const ood = s.oodMask.reduce((a, b) => a + b, 0);
    expect(ood).toBe(1000);
    // OOD rows hold other images; in-distribution rows are their MNIST source rows.
    let changed = 0;
    s.unlabeledRows.forEach((r, i) => {
      const same = s.unlabeled.x.subarray(i * dim, (i + 1) * dim).every((v, j) => v === mnist.x[r * dim + j]);
      if (s.oodMask[i]) {
        expect(s.unlabeledClass[i]).toBe(OOD_CLASS);
        if (!same) changed++;
      } else {
        expect(same).toBe(true);
        expect(s.unlabeledClass[i]).toBe(mnist.labels[r]);
      }
    });
    expect(changed).toBe(1000);
    const mix = classMix(
      s.unlabeledClass,
      Int32Array.from({ length: 2000 }, (_, i) => i),
      10,
    );
    expect(mix[10]).toBe(1000);
    expect(mix.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('imbalance applies to U only, as a long tail of the requested size', async () => {
    const [mnist] = await data();
    const s = makeSslSplit(
      mnist,
      undefined,
      { labelsPerClass: 5, unlabeled: 3000, ood: 0, imbalance: 10 },
      createRng(2),
    );
    expect(classCounts(s.labeled.labels, 10)).toEqual(new Array(10).fill(5));
    const u = classCounts(s.unlabeled.labels, 10);
    expect(u.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(u[0]! / u[9]!).toBeGreaterThan(7);
    expect(u[0]! / u[9]!).toBeLessThan(14);
    expect(s.oodMask.every((m) => m === 0)).toBe(true);
  });

  it('same seed, same split; bad requests say why', async () => {
    const [mnist, fashion] = await data();
    const spec = { labelsPerClass: 4, unlabeled: 500, ood: 0.3, imbalance: 2 };
    const a = makeSslSplit(mnist, fashion, spec, createRng(3));
    const b = makeSslSplit(mnist, fashion, spec, createRng(3));
    expect(Array.from(a.labeledRows)).toEqual(Array.from(b.labeledRows));
    expect(Array.from(a.unlabeledRows)).toEqual(Array.from(b.unlabeledRows));
    expect(Array.from(a.oodMask)).toEqual(Array.from(b.oodMask));
    expect(a.unlabeled.x).toEqual(b.unlabeled.x);
    expect(() => makeSslSplit(mnist, undefined, { ...spec, ood: 0.2 }, createRng(1))).toThrow(/OOD source/);
    expect(() => makeSslSplit(mnist, fashion, { ...spec, unlabeled: 20000 }, createRng(1))).toThrow(/only/);
    expect(() => makeSslSplit(mnist, fashion, { ...spec, labelsPerClass: 0 }, createRng(1))).toThrow(
      /labels per class/,
    );
  });
});
