import { describe, expect, it } from 'vitest';
import { syntheticSignals, testContext } from '../../../test/coreFixtures';
import type { Matrix } from '../../math/distances';
import { createRng } from '../../math/rng';
import { balancedBudgets, classCounts, proportionalBudgets } from '../../budget/budgets';
import { resolveParams } from '../params';
import { AbortError } from '../types';
import {
  centroidDistances,
  chooseClusterCount,
  clusterAllocation,
  intraClassMethod,
  pickInCluster,
} from './intraClass';

const params = (given: Record<string, unknown> = {}) =>
  resolveParams(intraClassMethod.params, given, 'Intra-class diversity');

/** `k` tight, far-apart Gaussian blobs in `d` dims, sizes differing. */
function blobs(k: number, d: number, seed: number, n = 400): Matrix {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: k * d }, () => 20 * rng.normal());
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = Math.min(i % (k + 1), k - 1); // the last blob twice the size
    for (let q = 0; q < d; q++) data[i * d + q] = centres[c * d + q]! + 0.5 * rng.normal();
  }
  return { data, rows: n, dim: d };
}

describe('per-cluster allocation', () => {
  it('sums to the class budget with at least one per non-empty cluster and never more than a cluster holds', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 200; trial++) {
      const sizes = Array.from({ length: 1 + rng.int(10) }, () => (rng.next() < 0.15 ? 0 : 1 + rng.int(60)));
      const total = sizes.reduce((a, b) => a + b, 0);
      const nonEmpty = sizes.filter((s) => s > 0).length;
      const budget = nonEmpty + rng.int(Math.max(1, total - nonEmpty + 1));
      if (budget > total) continue;
      const alloc = clusterAllocation(sizes, budget);
      expect(alloc.reduce((a, b) => a + b, 0)).toBe(budget);
      sizes.forEach((s, i) => {
        expect(alloc[i]!).toBeLessThanOrEqual(s);
        if (s > 0) expect(alloc[i]!).toBeGreaterThanOrEqual(1);
      });
    }
  });

  it('splits by size, and gives the largest clusters one each when picks are scarce', () => {
    expect(clusterAllocation([60, 30, 10], 10)).toEqual([6, 3, 1]);
    expect(clusterAllocation([100, 1, 1], 4)).toEqual([2, 1, 1]);
    expect(clusterAllocation([97, 2, 1], 5)).toEqual([3, 1, 1]);
    expect(clusterAllocation([5, 0, 9, 7], 2)).toEqual([0, 0, 1, 1]);
    expect(() => clusterAllocation([2, 2], 5)).toThrow(RangeError);
  });
});

describe('cluster count by silhouette', () => {
  it('finds the true number of well-separated blobs', () => {
    for (const [k, seed] of [
      [3, 1],
      [4, 2],
      [6, 3],
    ] as const) {
      const choice = chooseClusterCount(blobs(k, 5, seed), createRng(seed), { sampleSize: 300 });
      expect(choice.k).toBe(k);
      expect(choice.tried.map((t) => t.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('nearest-to-centroid picks are the closest members', () => {
    const m = blobs(2, 3, 5, 50);
    const centroids = new Float32Array(3);
    const assign = new Int32Array(50);
    const dist = centroidDistances(m, centroids, assign);
    const members = Array.from({ length: 50 }, (_, i) => i);
    const picked = pickInCluster(members, 5, 'centroid', dist, createRng(1));
    const sorted = [...members].sort((a, b) => dist[a]! - dist[b]!).slice(0, 5);
    expect(picked).toEqual(sorted);
    expect(new Set(pickInCluster(members, 20, 'random', dist, createRng(1))).size).toBe(20);
  });
});

describe('intra-class diversity method', () => {
  const s = syntheticSignals({
    n: 700,
    numClasses: 4,
    dim: 6,
    seed: 11,
    classWeights: [8, 4, 2, 1],
    projection: true,
  });

  it('keeps exactly the budget, unique in-range rows, proportional per class, deterministically', async () => {
    const a = await intraClassMethod.select(s, params(), testContext(70, s.n, 4));
    const b = await intraClassMethod.select(s, params(), testContext(70, s.n, 4));
    expect(a.indices.length).toBe(70);
    expect(new Set(a.indices).size).toBe(70);
    expect(a.indices.every((r) => r >= 0 && r < s.n)).toBe(true);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(a.perClassCounts).toEqual(proportionalBudgets(classCounts(s.labels, 4), 70));
    // Every non-empty cluster is represented (budget ≥ clusters here).
    const table = a.diagnostics.find((d) => d.kind === 'table');
    expect(table?.kind).toBe('table');
    if (table?.kind === 'table')
      for (const row of table.rows) expect(Number(row[3])).toBeGreaterThanOrEqual(1);
    const scatter = a.diagnostics.find((d) => d.kind === 'scatter');
    const clusters = table?.kind === 'table' ? table.rows.length : -1;
    expect(scatter?.kind === 'scatter' && Math.max(...Array.from(scatter.group)) + 1).toBe(clusters);
    expect(scatter?.kind === 'scatter' && scatter.groupNames.length).toBe(clusters <= 12 ? clusters : 0);
    expect(a.diagnostics.some((d) => d.kind === 'curves' && d.title.includes('silhouette'))).toBe(true);
  });

  it('stops with AbortError when cancelled', async () => {
    const ctx = { ...testContext(70, s.n), signal: { aborted: true } };
    await expect(async () => intraClassMethod.select(s, params(), ctx)).rejects.toThrow(AbortError);
  });

  it('balanced budgets follow min(N_c, k/C) with the leftover spread, and fixed counts / centroid picks work', async () => {
    const budget = 120;
    const sel = await intraClassMethod.select(
      s,
      params({ classBudget: 'balanced', clusters: 3, pick: 'centroid' }),
      testContext(budget, s.n),
    );
    expect(sel.perClassCounts).toEqual(balancedBudgets(classCounts(s.labels, 4), budget));
    expect(sel.indices.length).toBe(budget);
    const table = sel.diagnostics.find((d) => d.kind === 'table');
    expect(table?.kind === 'table' && table.rows.length).toBe(12);
  });
});
