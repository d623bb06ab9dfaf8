import { describe, it, expect } from 'vitest';
import {
  balancedBudgets,
  budgetFor,
  classCounts,
  largestRemainder,
  proportionalBudgets,
  rowsByClass,
  stratifiedBudgets,
} from './budgets';

describe('largestRemainder', () => {
  it('sums to the total exactly and hands remainders to the largest fractions', () => {
    // Exact shares 3.33, 3.33, 3.33 → floors 3,3,3, one unit left → lowest index on the tie.
    expect(largestRemainder([1, 1, 1], 10)).toEqual([4, 3, 3]);
    // 0.7·7 = 4.9, 0.2·7 = 1.4, 0.1·7 = 0.7 → 4,1,0 + two units to 0.9 and 0.7 remainders.
    expect(largestRemainder([7, 2, 1], 7)).toEqual([5, 1, 1]);
    for (const total of [0, 1, 17, 100]) {
      expect(largestRemainder([5, 3, 9, 1], total).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('respects caps and redistributes the overflow by weight', () => {
    const out = largestRemainder([10, 1, 1], 6, [2, 10, 10]);
    expect(out[0]).toBe(2);
    expect(out.reduce((a, b) => a + b, 0)).toBe(6);
    expect(out[1]! + out[2]!).toBe(4);
  });
});

describe('proportionalBudgets', () => {
  it('gives each class f·N_c within one unit, summing to k, never above N_c', () => {
    const counts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    for (const k of [1, 10, 599, 6000, 59999, 60000]) {
      const b = proportionalBudgets(counts, k);
      expect(b.reduce((x, y) => x + y, 0)).toBe(k);
      const total = counts.reduce((x, y) => x + y, 0);
      b.forEach((v, c) => {
        expect(v).toBeLessThanOrEqual(counts[c]!);
        expect(Math.abs(v - (k * counts[c]!) / total)).toBeLessThan(1);
      });
    }
    expect(() => proportionalBudgets([3, 3], 7)).toThrow(/exceeds/);
  });
});

describe('stratifiedBudgets', () => {
  it('fills the smallest strata first and splits the rest evenly', () => {
    expect(stratifiedBudgets([2, 100, 100], 50)).toEqual([2, 24, 24]);
    // 60 over 4 strata: the empty one takes 0, the 5-stratum takes all 5, 55 left for two → 28 + 27.
    const b = stratifiedBudgets([0, 5, 100, 100], 60);
    expect(b.slice(0, 2)).toEqual([0, 5]);
    expect(b[2]! + b[3]!).toBe(55);
    expect(Math.abs(b[2]! - b[3]!)).toBe(1);
  });

  it('is as equal as capacity allows: non-full strata differ by at most one and beat every full one', () => {
    const sizes = [3, 50, 7, 0, 120, 18, 40, 1];
    for (const budget of [0, 5, 40, 100, 200, 239]) {
      const b = stratifiedBudgets(sizes, budget);
      expect(b.reduce((x, y) => x + y, 0)).toBe(Math.min(budget, 239));
      const open = b.filter((v, i) => v < sizes[i]!);
      if (open.length > 0) {
        expect(Math.max(...open) - Math.min(...open)).toBeLessThanOrEqual(1);
        b.forEach((v, i) => {
          if (v === sizes[i]) expect(v).toBeLessThanOrEqual(Math.max(...open));
        });
      }
    }
    expect(stratifiedBudgets([2, 3], 10)).toEqual([2, 3]);
  });

  it('balancedBudgets gives min(N_c, k/C) with the spare going to classes with room', () => {
    expect(balancedBudgets([1000, 20, 1000], 90)).toEqual([35, 20, 35]);
  });
});

describe('class helpers', () => {
  it('classCounts, rowsByClass and budgetFor', () => {
    const labels = Uint8Array.from([2, 0, 2, 1, 2]);
    expect(classCounts(labels, 3)).toEqual([1, 1, 3]);
    expect(rowsByClass(labels, 3).map((r) => Array.from(r))).toEqual([[1], [3], [0, 2, 4]]);
    expect(budgetFor(0.1, 60000)).toBe(6000);
    expect(budgetFor(0.0001, 100)).toBe(1);
    expect(() => budgetFor(0, 10)).toThrow(RangeError);
  });
});
