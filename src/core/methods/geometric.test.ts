import { describe, it, expect } from 'vitest';
import { syntheticSignals, testContext } from '../../test/coreFixtures';
import { gatherRows, type Matrix } from '../math/distances';
import { createRng } from '../math/rng';
import { rowsByClass } from '../budget/budgets';
import { ccsBlock } from './ccs/ccs';
import { herding } from './herding/herding';
import { coveringRadius } from './kcenter/kcenter';
import { distanceToClassPrototype } from './moderate/moderate';
import { getMethod, methodParams } from './registry';
import { tieKeys } from './ranking';
import { aum } from '../signals/scores';

function meanGap(m: Matrix, rows: ArrayLike<number>): number {
  const d = m.dim;
  let gap = 0;
  for (let q = 0; q < d; q++) {
    let all = 0;
    for (let i = 0; i < m.rows; i++) all += m.data[i * d + q]!;
    let sub = 0;
    for (let s = 0; s < rows.length; s++) sub += m.data[rows[s]! * d + q]!;
    gap += (sub / rows.length - all / m.rows) ** 2;
  }
  return Math.sqrt(gap);
}

describe('k-center method', () => {
  it('per-class covering radius never grows with the budget', async () => {
    const s = syntheticSignals({ n: 400, numClasses: 2, dim: 5, seed: 4 });
    const emb: Matrix = { data: s.embeddings!.data, rows: s.n, dim: 5 };
    const byClass = rowsByClass(s.labels, 2);
    let prev = [Infinity, Infinity];
    for (const budget of [4, 10, 20, 40, 80, 160]) {
      const sel = await getMethod('kcenter').select(s, methodParams('kcenter'), testContext(budget, s.n));
      const radii = byClass.map((rows, c) => {
        const m = gatherRows(emb, rows);
        const local = Array.from(rows.keys()).filter((i) => sel.indices.includes(rows[i]!));
        expect(local.length).toBe(sel.perClassCounts[c]);
        return coveringRadius(m, local);
      });
      radii.forEach((r, c) => expect(r).toBeLessThanOrEqual(prev[c]! + 1e-9));
      prev = radii;
    }
  });
});

describe('herding', () => {
  it('keeps the selected mean closer to the full mean than random subsets in > 90 % of seeds', () => {
    let wins = 0;
    const seeds = 40;
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = createRng(seed);
      const n = 300;
      const d = 6;
      const data = Float32Array.from({ length: n * d }, () => rng.normal() * (1 + rng.next()));
      const m: Matrix = { data, rows: n, dim: d };
      const k = 15;
      const res = herding(m, k);
      const random = rng.fork('random').sample(n, k);
      if (meanGap(m, res.picks) < meanGap(m, random)) wins++;
      expect(res.gap[k - 1]).toBeCloseTo(meanGap(m, res.picks), 4);
    }
    expect(wins / seeds).toBeGreaterThan(0.9);
  });

  it('picks what a plain argmin over ‖μ − (s + x)/(t + 1)‖ picks', () => {
    const rng = createRng(21);
    const n = 90;
    const d = 5;
    const m: Matrix = { data: Float32Array.from({ length: n * d }, () => rng.normal()), rows: n, dim: d };
    const mu = Array.from(
      { length: d },
      (_, q) => Array.from({ length: n }, (_, i) => m.data[i * d + q]!).reduce((a, b) => a + b) / n,
    );
    const sum = new Array<number>(d).fill(0);
    const want: number[] = [];
    for (let t = 0; t < 20; t++) {
      let best = -1;
      let bestGap = Infinity;
      for (let i = 0; i < n; i++) {
        if (want.includes(i)) continue;
        let g = 0;
        for (let q = 0; q < d; q++) g += (mu[q]! - (sum[q]! + m.data[i * d + q]!) / (t + 1)) ** 2;
        if (g < bestGap) {
          bestGap = g;
          best = i;
        }
      }
      want.push(best);
      for (let q = 0; q < d; q++) sum[q]! += m.data[best * d + q]!;
    }
    expect(Array.from(herding(m, 20).picks)).toEqual(want);
  });

  it('the method does it per class', async () => {
    const s = syntheticSignals({ n: 300, numClasses: 3, dim: 4, seed: 8 });
    const sel = await getMethod('herding').select(s, methodParams('herding'), testContext(30, s.n));
    const emb: Matrix = { data: s.embeddings!.data, rows: s.n, dim: 4 };
    rowsByClass(s.labels, 3).forEach((rows) => {
      const m = gatherRows(emb, rows);
      const local = Array.from(rows.keys()).filter((i) => sel.indices.includes(rows[i]!));
      const random = createRng(1).sample(rows.length, local.length);
      expect(meanGap(m, local)).toBeLessThan(meanGap(m, random));
    });
  });
});

describe('Moderate-DS', () => {
  it('kept distances lie in the central band of each class', async () => {
    const s = syntheticSignals({ n: 600, numClasses: 3, dim: 5, seed: 9 });
    const emb: Matrix = { data: s.embeddings!.data, rows: s.n, dim: 5 };
    const dist = distanceToClassPrototype(emb, s.labels, 3, 'median');
    const sel = await getMethod('moderate').select(s, methodParams('moderate'), testContext(120, s.n));
    expect(sel.scores).toEqual(dist);
    rowsByClass(s.labels, 3).forEach((rows, c) => {
      const sorted = Array.from(rows, (r) => dist[r]!).sort((a, b) => a - b);
      const n = sorted.length;
      const k = sel.perClassCounts[c]!;
      const lo = sorted[Math.round(0.5 * (n - k))]!;
      const hi = sorted[Math.round(0.5 * (n - k)) + k - 1]!;
      const kept = Array.from(rows).filter((r) => sel.indices.includes(r));
      for (const r of kept) {
        expect(dist[r]!).toBeGreaterThanOrEqual(lo);
        expect(dist[r]!).toBeLessThanOrEqual(hi);
      }
      // The band straddles the median distance.
      const median = sorted[n >> 1]!;
      expect(lo).toBeLessThanOrEqual(median);
      expect(hi).toBeGreaterThanOrEqual(median);
    });
  });

  it('center moves the band (0 = nearest the prototype)', async () => {
    const s = syntheticSignals({ n: 300, numClasses: 2, dim: 4, seed: 10 });
    const sel = await getMethod('moderate').select(
      s,
      methodParams('moderate', { center: 0, balance: 'global' }),
      testContext(30, s.n),
    );
    const d = sel.scores!;
    const keptMax = Math.max(...Array.from(sel.indices, (r) => d[r]!));
    const prunedMin = Math.min(...Array.from(d).filter((_, i) => !sel.indices.includes(i)));
    expect(keptMax).toBeLessThanOrEqual(prunedMin);
  });
});

describe('CCS', () => {
  const s = syntheticSignals({ n: 1000, numClasses: 4, epochs: 8, seed: 11 });
  const a = aum(s.record!);

  it('no kept sample below the β-quantile of AUM (global)', async () => {
    for (const beta of [0.1, 0.3]) {
      const sel = await getMethod('ccs').select(s, methodParams('ccs', { beta }), testContext(200, s.n));
      const q = Array.from(a).sort((x, y) => x - y)[Math.floor(beta * s.n)]!;
      for (const r of sel.indices) expect(a[r]!).toBeGreaterThanOrEqual(q);
      expect(sel.scores).toEqual(a);
    }
  });

  it('strata counts are as equal as capacity allows', () => {
    const rows = Int32Array.from({ length: s.n }, (_, i) => i);
    const hard = a.map((v) => -v);
    for (const budget of [50, 200, 600]) {
      const res = ccsBlock(rows, hard, budget, 0.1, 50, createRng(1), tieKeys(s.n, createRng(1)));
      expect(res.kept.length).toBe(budget);
      expect(res.dropped).toBe(100);
      expect(res.strataSizes.reduce((x, y) => x + y, 0)).toBe(900);
      const open = res.strataKept.filter((v, i) => v < res.strataSizes[i]!);
      expect(Math.max(...open) - Math.min(...open)).toBeLessThanOrEqual(1);
      res.strataKept.forEach((v, i) => {
        expect(v).toBeLessThanOrEqual(res.strataSizes[i]!);
        if (v === res.strataSizes[i]) expect(v).toBeLessThanOrEqual(Math.max(...open));
      });
      // Re-bin the kept rows over the range of the rows that survived the cut.
      const survivors = Array.from(hard)
        .sort((x, y) => x - y)
        .slice(0, 900);
      const lo = survivors[0]!;
      const width = (survivors[899]! - lo) / 50;
      const counts = new Array<number>(50).fill(0);
      for (const r of res.kept) counts[Math.min(49, Math.floor((hard[r]! - lo) / width))]! += 1;
      expect(counts).toEqual(res.strataKept);
    }
  });

  it('caps the cut so the budget still fits', () => {
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    const hard = Float32Array.from({ length: 100 }, (_, i) => i);
    const res = ccsBlock(rows, hard, 95, 0.5, 10, createRng(1), tieKeys(100, createRng(1)));
    expect(res.dropped).toBe(5);
    expect(Math.max(...res.kept)).toBeLessThan(95);
  });
});

describe('facility location method', () => {
  const s = syntheticSignals({ n: 400, numClasses: 2, dim: 6, seed: 12 });
  it('lazy and naive give the same selection; gains fall and the objective rises', async () => {
    const m = getMethod('facility-location');
    const lazy = await m.select(s, methodParams('facility-location'), testContext(40, s.n));
    const naive = await m.select(
      s,
      methodParams('facility-location', { optimizer: 'naive' }),
      testContext(40, s.n),
    );
    expect(Array.from(lazy.indices)).toEqual(Array.from(naive.indices));
    const gains = lazy.diagnostics.find((d) => d.kind === 'curves' && d.title.startsWith('Marginal'));
    const obj = lazy.diagnostics.find((d) => d.kind === 'curves' && d.title.startsWith('Objective'));
    if (gains?.kind !== 'curves' || obj?.kind !== 'curves') throw new Error('missing curves');
    for (const series of gains.series)
      for (let t = 1; t < series.y.length; t++) expect(series.y[t]!).toBeLessThanOrEqual(series.y[t - 1]!);
    for (const series of obj.series)
      for (let t = 1; t < series.y.length; t++) expect(series.y[t]!).toBeGreaterThanOrEqual(series.y[t - 1]!);
  });

  it('runs on the kNN graph and with euclidean similarity', async () => {
    const m = getMethod('facility-location');
    for (const params of [
      { graph: 'knn', neighbours: 10 },
      { similarity: 'euclidean' },
      { optimizer: 'stochastic' },
    ]) {
      const sel = await m.select(s, methodParams('facility-location', params), testContext(40, s.n));
      expect(new Set(sel.indices).size).toBe(40);
      expect(sel.perClassCounts.reduce((a, b) => a + b, 0)).toBe(40);
    }
  });
});
