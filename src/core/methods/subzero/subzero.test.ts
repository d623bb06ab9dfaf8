import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '../../../cli/nodeData';
import { syntheticSignals, testContext } from '../../../test/coreFixtures';
import { parseIdxPair } from '../../data/idx';
import { gramMatrix, l2Normalize, type Matrix } from '../../math/distances';
import { denseCoverage, facilityLocation, facilityObjective, sparseCoverage } from '../../math/facility';
import { knn, knnGraph, transposeCsr } from '../../math/knn';
import { pca } from '../../math/pca';
import { createRng } from '../../math/rng';
import { classCounts, proportionalBudgets } from '../../budget/budgets';
import { defaultParams, resolveParams } from '../params';
import type { Signals } from '../../signals/types';
import { AbortError } from '../types';
import { densityWeights, gammaKCurve, subzeroBlock, subzeroK, subzeroMethod } from './subzero';

function blob(n: number, d: number, seed: number): Matrix {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: 4 * d }, () => 3 * rng.normal());
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++)
    for (let q = 0; q < d; q++) data[i * d + q] = centres[(i % 4) * d + q]! + rng.normal();
  return { data, rows: n, dim: d };
}

const params = (given: Record<string, unknown> = {}) =>
  resolveParams(subzeroMethod.params, given, 'SubZeroCore');

describe('SubZeroCore γ → K rule', () => {
  it('matches the worked examples', () => {
    expect(subzeroK(5000, 500, 0.6)).toBe(9);
    expect(subzeroK(500, 112, 0.6)).toBe(4);
  });
  it('is the smallest K reaching γ, grows with γ, and handles the edges', () => {
    for (const [n, m, g] of [
      [5000, 500, 0.6],
      [1000, 10, 0.9],
      [300, 150, 0.3],
    ] as const) {
      const k = subzeroK(n, m, g);
      const p = (kk: number) => {
        let prod = 1;
        for (let i = 1; i <= kk; i++) prod *= (n - m - i) / (n - i);
        return 1 - prod;
      };
      expect(p(k)).toBeGreaterThanOrEqual(g);
      expect(p(k - 1)).toBeLessThan(g);
    }
    const curve = gammaKCurve(5000, 500);
    for (let i = 1; i < curve.y.length; i++) expect(curve.y[i]!).toBeGreaterThanOrEqual(curve.y[i - 1]!);
    expect(subzeroK(1, 1, 0.6)).toBe(0);
    expect(subzeroK(10, 10, 0.6)).toBe(1); // keeping everything: the first neighbour is always hit
    expect(subzeroK(10, 1, 0.95)).toBeLessThanOrEqual(9);
    expect(() => subzeroK(10, 2, 1)).toThrow(RangeError);
  });
});

describe('density weights', () => {
  it('are a Gaussian of the radius around its mean, and 1 when the radii are equal', () => {
    const s = densityWeights(Float32Array.from([0.1, 0.2, 0.3]));
    expect(s.mean).toBeCloseTo(0.2, 6);
    expect(s.weights[1]).toBeCloseTo(1, 6);
    expect(s.weights[0]).toBeCloseTo(Math.exp(-0.01 / (2 * s.std * s.std)), 5);
    expect(s.weights[0]).toBeCloseTo(s.weights[2]!, 5);
    expect(Array.from(densityWeights(new Float32Array(5).fill(0.4)).weights)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('weighted facility location', () => {
  const m = blob(240, 6, 3);
  const sim = gramMatrix(l2Normalize(m), { clipNegative: true });
  const ones = new Float32Array(240).fill(1);

  it('with all weights 1 picks exactly what plain facility location picks (dense and sparse)', () => {
    const plain = facilityLocation(denseCoverage(sim, 240, 240), 30);
    const weighted = facilityLocation(denseCoverage(sim, 240, 240, ones), 30);
    expect(Array.from(weighted.picks)).toEqual(Array.from(plain.picks));
    const g = transposeCsr(
      knnGraph(knn(m, 20, { metric: 'cosine', includeSelf: true }), (v) => Math.max(0, v)),
    );
    const sp = facilityLocation(sparseCoverage(g), 30);
    const spw = facilityLocation(sparseCoverage(g, ones), 30);
    expect(Array.from(spw.picks)).toEqual(Array.from(sp.picks));
  });

  it('keeps the objective non-decreasing and gains non-increasing, lazy = naive', () => {
    const w = densityWeights(Float32Array.from({ length: 240 }, (_, i) => (i * 7919) % 101)).weights;
    const src = denseCoverage(sim, 240, 240, w);
    const lazy = facilityLocation(src, 40, { optimizer: 'lazy' });
    const naive = facilityLocation(src, 40, { optimizer: 'naive' });
    expect(Array.from(lazy.picks)).toEqual(Array.from(naive.picks));
    for (let t = 1; t < 40; t++) {
      expect(lazy.objective[t]!).toBeGreaterThanOrEqual(lazy.objective[t - 1]! - 1e-9);
      expect(lazy.gains[t]!).toBeLessThanOrEqual(lazy.gains[t - 1]! + 1e-4);
    }
    expect(lazy.objective[39]).toBeCloseTo(facilityObjective(src, lazy.picks), 2);
  });

  it('the sparse block path gives the same radii as the dense one', () => {
    const k = subzeroK(240, 24, 0.6);
    const dense = subzeroBlock(m, { k, graph: 'dense', neighbours: 30 });
    const sparse = subzeroBlock(m, { k, graph: 'knn', neighbours: 30 });
    expect(sparse.graphKind).toBe('knn');
    expect(dense.graphKind).toBe('dense');
    for (let i = 0; i < 240; i++) expect(sparse.radii[i]).toBeCloseTo(dense.radii[i]!, 5);
  });
});

describe('SubZeroCore method', () => {
  const s = syntheticSignals({ n: 600, numClasses: 3, dim: 6, seed: 5, classWeights: [3, 2, 1] });

  it('keeps exactly the budget, unique in-range rows, proportional per class, deterministically', async () => {
    const a = await subzeroMethod.select(s, params(), testContext(60, s.n, 9));
    const b = await subzeroMethod.select(s, params(), testContext(60, s.n, 9));
    expect(a.indices.length).toBe(60);
    expect(new Set(a.indices).size).toBe(60);
    expect(a.indices.every((r) => r >= 0 && r < s.n)).toBe(true);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(a.perClassCounts).toEqual(proportionalBudgets(classCounts(s.labels, 3), 60));
    const kinds = a.diagnostics.map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['curves', 'histogram', 'classBars', 'table']));
    const gk = a.diagnostics.find((d) => d.kind === 'curves' && d.title.startsWith('γ → K'));
    expect(gk?.kind === 'curves' && gk.markers?.[0]?.y).toBe(subzeroK(600, 60, 0.6));
  });

  it('stops with AbortError when cancelled', async () => {
    const ctx = { ...testContext(60, s.n), signal: { aborted: true } };
    await expect(async () => subzeroMethod.select(s, params(), ctx)).rejects.toThrow(AbortError);
  });

  it('runs globally for unlabeled data and through the sparse graph', async () => {
    const g = await subzeroMethod.select(
      s,
      params({ balance: 'global', graph: 'knn', neighbours: 16 }),
      testContext(45, s.n),
    );
    expect(g.indices.length).toBe(45);
    expect(new Set(g.indices).size).toBe(45);
    expect(defaultParams(subzeroMethod.params).embedding).toBe('pixels');
  });
});

describe('SubZeroCore on MNIST', () => {
  it('covers 2000 real digits better than random subsets of the same size', async () => {
    const p = parseIdxPair(
      readFileSync(join(DATA_DIR, 'mnist-train-images.idx')),
      readFileSync(join(DATA_DIR, 'mnist-train-labels.idx')),
      'mnist',
    );
    const n = 2000;
    const dim = 784;
    const pixels = p.pixels.subarray(0, n * dim);
    const labels = p.labels.slice(0, n);
    const emb = pca(pixels, dim, 32, createRng(1), { scale: 1 / 255 });
    const signals: Signals = {
      n,
      numClasses: 10,
      labels,
      classNames: Array.from({ length: 10 }, (_, c) => String(c)),
      embeddings: { data: emb.projected, dim: 32, source: 'pca-32 of pixels' },
    };
    const budget = 100;
    const sel = await subzeroMethod.select(signals, params({ balance: 'global' }), testContext(budget, n));
    expect(sel.indices.length).toBe(budget);
    // Every digit is represented although the selection was global.
    expect(sel.perClassCounts.every((c) => c > 0)).toBe(true);
    const m: Matrix = { data: emb.projected, rows: n, dim: 32 };
    const block = subzeroBlock(m, { k: subzeroK(n, budget, 0.6), graph: 'dense', neighbours: 64 });
    const f = facilityObjective(block.source, sel.indices);
    const rng = createRng(77);
    for (let t = 0; t < 5; t++)
      expect(f).toBeGreaterThan(facilityObjective(block.source, rng.sample(n, budget)));
  }, 60_000);
});
