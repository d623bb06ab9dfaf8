import { describe, expect, it } from 'vitest';
import { createRng } from '../../math/rng';
import { budgetFor, classCounts, largestRemainder, proportionalBudgets } from '../../budget/budgets';
import { resolveParams } from '../params';
import { randomMethod } from './random';
import { getMethod, UnknownMethodError } from '../registry';
import type { Signals } from '../../signals/types';

function signals(labels: number[], numClasses: number): Signals {
  return {
    n: labels.length,
    numClasses,
    labels: Uint8Array.from(labels),
    classNames: Array.from({ length: numClasses }, (_, i) => `c${i}`),
  };
}

function run(s: Signals, fraction: number, seed: number, balance = 'proportional') {
  const budget = budgetFor(fraction, s.n);
  return randomMethod.select(
    s,
    { balance },
    {
      fraction,
      budget,
      rng: createRng(seed),
      onProgress: () => {},
      signal: new AbortController().signal,
    },
  ) as ReturnType<typeof randomMethod.select> & { indices: Int32Array; perClassCounts: number[] };
}

describe('budget rounding', () => {
  it('largest remainder sums exactly and favours the largest remainders', () => {
    expect(largestRemainder([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(proportionalBudgets([333, 333, 334], 100)).toEqual([33, 33, 34]);
    const b = proportionalBudgets([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], 6000);
    expect(b.reduce((a, x) => a + x, 0)).toBe(6000);
  });

  it('caps at the class size and rejects budgets beyond the data', () => {
    expect(proportionalBudgets([2, 100], 102)).toEqual([2, 100]);
    expect(() => proportionalBudgets([2, 3], 6)).toThrow(/exceeds/);
  });

  it('fractions outside (0, 1] are errors', () => {
    expect(() => budgetFor(0, 10)).toThrow(RangeError);
    expect(() => budgetFor(1.01, 10)).toThrow(/\(0, 1\]/);
    expect(budgetFor(0.001, 10)).toBe(1);
  });
});

describe('Random', () => {
  const labels = Array.from({ length: 997 }, (_, i) => (i * 7) % 10);
  const s = signals(labels, 10);

  it('returns exactly k unique sorted in-range rows with proportional class counts', () => {
    const sel = run(s, 0.1, 1);
    expect(sel.indices.length).toBe(100);
    expect(new Set(sel.indices).size).toBe(100);
    for (let i = 1; i < sel.indices.length; i++) expect(sel.indices[i]!).toBeGreaterThan(sel.indices[i - 1]!);
    expect(sel.indices.every((r) => r >= 0 && r < 997)).toBe(true);
    expect(sel.perClassCounts).toEqual(proportionalBudgets(classCounts(s.labels, 10), 100));
  });

  it('same seed, same rows; another seed, other rows', () => {
    expect(Array.from(run(s, 0.2, 5).indices)).toEqual(Array.from(run(s, 0.2, 5).indices));
    expect(Array.from(run(s, 0.2, 5).indices)).not.toEqual(Array.from(run(s, 0.2, 6).indices));
  });

  it('global mode ignores labels but still returns k rows', () => {
    const sel = run(s, 0.3, 2, 'global');
    expect(sel.indices.length).toBe(budgetFor(0.3, 997));
    expect(sel.perClassCounts.reduce((a, b) => a + b, 0)).toBe(sel.indices.length);
  });

  it('fraction 1 keeps everything', () => {
    expect(run(s, 1, 3).indices.length).toBe(997);
  });

  it('stops when aborted', () => {
    const ctrl = new AbortController();
    ctrl.abort();
    expect(() =>
      randomMethod.select(
        s,
        { balance: 'proportional' },
        { fraction: 0.5, budget: 10, rng: createRng(1), onProgress: () => {}, signal: ctrl.signal },
      ),
    ).toThrow('cancelled');
  });
});

describe('registry and params', () => {
  it('unknown methods and params are named in the error', () => {
    expect(() => getMethod('nope')).toThrow(UnknownMethodError);
    expect(() => getMethod('nope')).toThrow(/available: random/);
    expect(() => resolveParams(randomMethod.params, { balnce: 'global' }, 'Random')).toThrow(
      /unknown parameter "balnce"/,
    );
    expect(() => resolveParams(randomMethod.params, { balance: 'x' }, 'Random')).toThrow(
      /must be one of proportional, global/,
    );
  });
});
