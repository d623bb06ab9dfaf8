import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { classCounts } from '../budget/budgets';
import { injectLabelNoise, injectOod, makeLongTail } from './corruptions';
import type { Dataset } from './dataset';
import { makeToy } from './toy';

function grid(n: number, numClasses: number, fill = 0): Dataset {
  return {
    id: 'custom',
    name: 'grid',
    x: new Uint8Array(n * 4).fill(fill),
    scale: 1 / 255,
    shape: [2, 2, 1],
    labels: Uint8Array.from({ length: n }, (_, i) => i % numClasses),
    numClasses,
    classNames: Array.from({ length: numClasses }, (_, c) => String(c)),
  };
}

describe('label noise', () => {
  it('symmetric: flips exactly the rate, every flipped label differs, mask is the truth', () => {
    const ds = grid(1000, 10);
    const r = injectLabelNoise(ds, 0.2, 'symmetric', createRng(3));
    const flipped = Array.from(r.noisyMask).reduce((a, b) => a + b, 0);
    expect(flipped).toBe(200);
    for (let i = 0; i < 1000; i++) {
      expect(r.dataset.labels[i] !== ds.labels[i]).toBe(r.noisyMask[i] === 1);
      expect(r.trueLabels[i]).toBe(ds.labels[i]);
    }
    expect(ds.labels[1]).toBe(1); // input untouched
  });

  it('asymmetric: maps c to c+1 within each class at the rate', () => {
    const ds = grid(1000, 10);
    const r = injectLabelNoise(ds, 0.3, 'asymmetric', createRng(3));
    for (let i = 0; i < 1000; i++)
      if (r.noisyMask[i]) expect(r.dataset.labels[i]).toBe((ds.labels[i]! + 1) % 10);
    expect(
      classCounts(
        Array.from(ds.labels).filter((_, i) => r.noisyMask[i]),
        10,
      ),
    ).toEqual(new Array(10).fill(30));
  });

  it('is deterministic per seed and rejects bad rates', () => {
    const ds = grid(500, 5);
    const a = injectLabelNoise(ds, 0.1, 'symmetric', createRng(9));
    const b = injectLabelNoise(ds, 0.1, 'symmetric', createRng(9));
    expect(Array.from(a.dataset.labels)).toEqual(Array.from(b.dataset.labels));
    expect(() => injectLabelNoise(ds, 1.2, 'symmetric', createRng(1))).toThrow(/\[0, 1\)/);
  });
});

describe('long-tail imbalance', () => {
  it('keeps N_c · ρ^(−c/(C−1)) per class', () => {
    const ds = grid(1000, 10); // 100 per class
    const r = makeLongTail(ds, 10, createRng(1));
    expect(r.perClassCounts[0]).toBe(100);
    expect(r.perClassCounts[9]).toBe(10);
    expect(r.perClassCounts).toEqual(classCounts(r.dataset.labels, 10));
    for (let c = 1; c < 10; c++) expect(r.perClassCounts[c]!).toBeLessThanOrEqual(r.perClassCounts[c - 1]!);
    for (let i = 0; i < r.sourceRows.length; i++)
      expect(r.dataset.labels[i]).toBe(ds.labels[r.sourceRows[i]!]);
  });
});

describe('OOD injection', () => {
  it('replaces exactly the masked rows with source images', () => {
    const ds = grid(200, 4, 0);
    const src = grid(50, 4, 255);
    const r = injectOod(ds, src, 0.25, createRng(2));
    let masked = 0;
    for (let i = 0; i < 200; i++) {
      const row = r.dataset.x.subarray(i * 4, i * 4 + 4);
      expect(row.every((v) => v === (r.oodMask[i] ? 255 : 0))).toBe(true);
      masked += r.oodMask[i]!;
    }
    expect(masked).toBe(50);
  });

  it('refuses a source of another shape', () => {
    expect(() =>
      injectOod(grid(10, 2), makeToy({ shape: 'moons', n: 20, noise: 0, seed: 1 }), 0.1, createRng(1)),
    ).toThrow(/does not match/);
  });
});

describe('toy datasets', () => {
  it.each(['blobs', 'moons', 'circles'] as const)('%s: seeded, balanced, finite', (shape) => {
    const a = makeToy({ shape, n: 300, noise: 0.2, seed: 4 });
    const b = makeToy({ shape, n: 300, noise: 0.2, seed: 4 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.x.every(Number.isFinite)).toBe(true);
    const counts = classCounts(a.labels, a.numClasses);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('rejects out-of-range options', () => {
    expect(() => makeToy({ shape: 'moons', n: 5, noise: 0.1, seed: 1 })).toThrow(/10\.\.20000/);
    expect(() => makeToy({ shape: 'moons', n: 50, noise: 3, seed: 1 })).toThrow(/\[0, 1\]/);
  });
});
