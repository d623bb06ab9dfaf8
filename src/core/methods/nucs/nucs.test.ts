import { describe, expect, it } from 'vitest';
import { syntheticSignals, testContext } from '../../../test/coreFixtures';
import { classCounts, proportionalBudgets, rowsByClass } from '../../budget/budgets';
import type { CurvesDiagnostic } from '../diagnostics';
import {
  classDifficulty,
  nucsBudgets,
  offsetGrid,
  percentileSorted,
  sortByDifficulty,
  windowRows,
  winsorizedMean,
} from './nucsCore';
import { getMethod, methodParams } from '../registry';
import { MissingTrainerError } from '../types';

describe('NUCS budgets', () => {
  it('the worked example: N = (1000, 1000, 500, 500), S = (0.2, 0.4, 0.6, 1.2), 30% → (120, 240, 180, 360)', () => {
    expect(nucsBudgets([1000, 1000, 500, 500], [0.2, 0.4, 0.6, 1.2], 900)).toEqual([120, 240, 180, 360]);
  });

  it('caps at the class size, redistributes the overflow and sums to the budget', () => {
    // Class 1 would get 454 of 500 but holds only 100.
    const b = nucsBudgets([1000, 100], [0.1, 10], 500);
    expect(b).toEqual([400, 100]);
    const sizes = [50, 7, 300, 3, 120];
    const S = [1, 9, 0.5, 20, 2];
    for (const k of [1, 10, 77, 200, 400, 480]) {
      const bk = nucsBudgets(sizes, S, k);
      expect(bk.reduce((a, x) => a + x, 0)).toBe(k);
      bk.forEach((v, c) => expect(v).toBeLessThanOrEqual(sizes[c]!));
      bk.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
    }
    expect(() => nucsBudgets([5, 5], [1, 1], 11)).toThrow(/exceeds/);
  });

  it('equal difficulties reduce to proportional budgets', () => {
    const sizes = [333, 1000, 17, 250, 401];
    for (const k of [5, 100, 999, 2000])
      expect(nucsBudgets(sizes, [0.3, 0.3, 0.3, 0.3, 0.3], k)).toEqual(proportionalBudgets(sizes, k));
  });

  it('class difficulty: winsorized at the 5th / 95th percentile and shifted above zero', () => {
    const v = Array.from({ length: 101 }, (_, i) => i); // 0..100, percentiles 5 and 95
    expect(percentileSorted(v, 0.05)).toBe(5);
    expect(winsorizedMean(v)).toBeCloseTo(50, 10);
    // One wild outlier barely moves the winsorized mean.
    expect(winsorizedMean([...v.slice(0, 100), 1e9])).toBeLessThan(51);
    const d = Float32Array.from([0, 0, 0, 1, 1, 1]);
    const s = classDifficulty(d, [Int32Array.from([0, 1, 2]), Int32Array.from([3, 4, 5])]);
    expect(s[0]!).toBeGreaterThan(0);
    expect(s[1]!).toBeGreaterThan(s[0]!);
  });
});

describe('NUCS window', () => {
  const d = Float32Array.from([0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8]);
  const ties = new Float64Array(7);
  const sorted = sortByDifficulty(Int32Array.from([0, 1, 2, 3, 4, 5, 6]), d, ties);

  it('offset 0 keeps the easiest, 1 the hardest, 0.5 the middle', () => {
    expect(Array.from(windowRows([sorted], [3], 0))).toEqual([1, 5, 3]);
    expect(Array.from(windowRows([sorted], [3], 1))).toEqual([4, 6, 0]);
    expect(Array.from(windowRows([sorted], [3], 0.5))).toEqual([3, 2, 4]);
    expect(offsetGrid(11)[10]).toBe(1);
    expect(offsetGrid(5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('NUCS method', () => {
  const signals = syntheticSignals({ n: 600, numClasses: 4, epochs: 6, seed: 5, classWeights: [4, 2, 1, 1] });
  const nucs = getMethod('nucs');

  it('keeps exactly k, within the class budgets, and is reproducible', async () => {
    const ctx = () => testContext(120, signals.n, 3);
    const a = await nucs.select(signals, methodParams('nucs'), ctx());
    const b = await nucs.select(signals, methodParams('nucs'), ctx());
    expect(a.indices.length).toBe(120);
    expect(new Set(a.indices).size).toBe(120);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    const sizes = classCounts(signals.labels, 4);
    a.perClassCounts.forEach((c, k) => expect(c).toBeLessThanOrEqual(sizes[k]!));
    const kinds = a.diagnostics.map((x) => x.kind);
    expect(kinds.filter((k) => k === 'classBars').length).toBe(2);
    expect(kinds).toContain('curves');
    const curve = a.diagnostics.find((x) => x.kind === 'curves') as CurvesDiagnostic;
    expect(curve.series[0]!.x.length).toBe(11);
    expect(curve.series[0]!.y.every((y) => y >= 0 && y <= 1)).toBe(true);
  });

  it('budgets: proportional (the ablation) keeps the proportional class counts; nucs moves budget to harder classes', async () => {
    const sizes = classCounts(signals.labels, 4);
    const prop = await nucs.select(
      signals,
      methodParams('nucs', { budgets: 'proportional' }),
      testContext(120, signals.n),
    );
    expect(prop.perClassCounts).toEqual(proportionalBudgets(sizes, 120));
    const sel = await nucs.select(signals, methodParams('nucs'), testContext(120, signals.n));
    const S = classDifficulty(sel.scores!, rowsByClass(signals.labels, 4));
    expect(sel.perClassCounts).toEqual(nucsBudgets(sizes, S, 120));
  });

  it('manual offset 0 keeps the easiest of every class, 1 the hardest', async () => {
    const byClass = rowsByClass(signals.labels, 4);
    for (const offset of [0, 1]) {
      const sel = await nucs.select(
        signals,
        methodParams('nucs', { window: 'manual', offset }),
        testContext(120, signals.n),
      );
      const kept = new Set(sel.indices);
      const d = sel.scores!;
      for (const rows of byClass) {
        const k = Array.from(rows)
          .filter((r) => kept.has(r))
          .map((r) => d[r]!);
        const p = Array.from(rows)
          .filter((r) => !kept.has(r))
          .map((r) => d[r]!);
        if (!k.length || !p.length) continue;
        if (offset === 0) expect(Math.max(...k)).toBeLessThanOrEqual(Math.min(...p));
        else expect(Math.min(...k)).toBeGreaterThanOrEqual(Math.max(...p));
      }
    }
  });

  it('oracle mode scores every grid offset with the trainer, and needs one', async () => {
    const calls: number[] = [];
    const ctx = testContext(120, signals.n);
    ctx.trainers = {
      trainAndScore: async ({ trainRows, valRows }) => {
        calls.push(trainRows.length);
        expect(valRows.length).toBe(120); // 20% of 600
        // Pretend the model likes harder windows: score by the mean difficulty kept.
        const d = signals.record!.el2n;
        return Array.from(trainRows).reduce((s, r) => s + d[r]!, 0) / trainRows.length;
      },
    };
    const sel = await nucs.select(signals, methodParams('nucs', { window: 'oracle', grid: 5 }), ctx);
    expect(calls.length).toBe(5);
    const curve = sel.diagnostics.find((x) => x.kind === 'curves') as CurvesDiagnostic;
    expect(curve.markers![0]!.x).toBe(1);
    await expect(
      Promise.resolve().then(() =>
        nucs.select(signals, methodParams('nucs', { window: 'oracle' }), testContext(120, signals.n)),
      ),
    ).rejects.toBeInstanceOf(MissingTrainerError);
  });
});
