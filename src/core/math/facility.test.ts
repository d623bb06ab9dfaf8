import { describe, it, expect } from 'vitest';
import { coverageFor } from './coverage';
import { gramMatrix, l2Normalize, type Matrix } from './distances';
import { denseCoverage, facilityLocation, facilityObjective, sparseCoverage } from './facility';
import { knn, knnGraph, transposeCsr } from './knn';
import { createRng } from './rng';

function blobs(n: number, dim: number, seed: number): Matrix {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: 6 * dim }, () => 2 * rng.normal());
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++)
    for (let q = 0; q < dim; q++) data[i * dim + q] = centres[(i % 6) * dim + q]! + rng.normal();
  return { data, rows: n, dim };
}

function cosineSim(m: Matrix): Float32Array {
  return gramMatrix(l2Normalize(m), { clipNegative: true });
}

describe('facility location', () => {
  it.each([1, 2, 3, 4, 5])(
    'lazy greedy returns the same set as naive greedy (dense, N ≤ 300, seed %i)',
    (seed) => {
      const n = 120 + 40 * seed;
      const m = blobs(n, 5, seed);
      const src = denseCoverage(cosineSim(m), n, n);
      const naive = facilityLocation(src, 30, { optimizer: 'naive' });
      const lazy = facilityLocation(src, 30, { optimizer: 'lazy' });
      expect(Array.from(lazy.picks)).toEqual(Array.from(naive.picks));
      expect(Array.from(lazy.gains)).toEqual(Array.from(naive.gains));
      expect(lazy.evaluations).toBeLessThan(naive.evaluations);
    },
  );

  it('lazy = naive with per-candidate weights, on a sparse graph, and with exact ties', () => {
    const m = blobs(200, 4, 9);
    const rng = createRng(2);
    const w = Float32Array.from({ length: 200 }, () => 0.2 + rng.next());
    const nn = knn(m, 12, { metric: 'cosine', includeSelf: true });
    const sparse = sparseCoverage(transposeCsr(knnGraph(nn, (v) => Math.max(0, v))), w);
    expect(Array.from(facilityLocation(sparse, 40, { optimizer: 'lazy' }).picks)).toEqual(
      Array.from(facilityLocation(sparse, 40, { optimizer: 'naive' }).picks),
    );
    // Duplicated rows give exactly equal gains: both must take the lowest index.
    const dup = new Float32Array(100 * 4);
    dup.set(m.data.subarray(0, 200));
    dup.set(m.data.subarray(0, 200), 200);
    const dm: Matrix = { data: dup, rows: 100, dim: 4 };
    const src = denseCoverage(
      cosineSim(dm),
      100,
      100,
      w.subarray(0, 100).map((_, i) => (i < 50 ? 1 : 1)),
    );
    const a = facilityLocation(src, 20, { optimizer: 'lazy' });
    const b = facilityLocation(src, 20, { optimizer: 'naive' });
    expect(Array.from(a.picks)).toEqual(Array.from(b.picks));
    expect(Math.max(...a.picks)).toBeLessThan(50);
  });

  it('objective is non-decreasing, gains are non-increasing, and the trace matches F(S)', () => {
    const m = blobs(250, 6, 4);
    const src = denseCoverage(cosineSim(m), 250, 250);
    const res = facilityLocation(src, 60, { optimizer: 'lazy' });
    for (let t = 1; t < 60; t++) {
      expect(res.objective[t]!).toBeGreaterThanOrEqual(res.objective[t - 1]!);
      expect(res.gains[t]!).toBeLessThanOrEqual(res.gains[t - 1]!);
    }
    expect(res.objective[59]!).toBeCloseTo(facilityObjective(src, res.picks), 2);
    expect(new Set(res.picks).size).toBe(60);
  });

  it('stochastic greedy is seeded, unique, and close to lazy', () => {
    const m = blobs(300, 5, 6);
    const src = denseCoverage(cosineSim(m), 300, 300);
    const lazy = facilityLocation(src, 30, { optimizer: 'lazy' });
    const s1 = facilityLocation(src, 30, { optimizer: 'stochastic', rng: createRng(1) });
    const s2 = facilityLocation(src, 30, { optimizer: 'stochastic', rng: createRng(1) });
    expect(Array.from(s1.picks)).toEqual(Array.from(s2.picks));
    expect(new Set(s1.picks).size).toBe(30);
    expect(s1.objective[29]!).toBeGreaterThan(0.95 * lazy.objective[29]!);
    // (N/k)·ln(1/ε) = 10 · 4.6 → 47 candidates a step instead of 300.
    expect(s1.evaluations).toBeLessThan(30 * 48);
    expect(() => facilityLocation(src, 3, { optimizer: 'stochastic' })).toThrow(/rng/);
  });

  it('coverageFor: a wide kNN graph gives (nearly) the dense result; small blocks stay dense', () => {
    const small = blobs(60, 3, 8);
    expect(coverageFor(small, { similarity: 'cosine', graph: 'knn', neighbours: 59 }).kind).toBe('dense');
    const big = blobs(400, 3, 8);
    for (const similarity of ['cosine', 'euclidean'] as const) {
      const g = coverageFor(big, { similarity, graph: 'knn', neighbours: 200 });
      const d = coverageFor(big, { similarity, graph: 'dense', neighbours: 0 });
      expect(g.kind).toBe('knn');
      const fg = facilityLocation(g, 15);
      const fd = facilityLocation(d, 15);
      // Score the graph's picks on the dense objective: within 2 % of dense greedy.
      expect(facilityObjective(d, fg.picks)).toBeGreaterThan(0.98 * fd.objective[14]!);
    }
  });
});
