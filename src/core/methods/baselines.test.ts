/**
 * The sanity properties every baseline must satisfy (docs/methods-decisions.md, "Sanity
 * properties"): exactly k unique in-range indices, class counts matching the budget mode, same seed → same indices, scores of
 * length N, the shared diagnostics, and cancellation.
 */
import { describe, it, expect } from 'vitest';
import { syntheticSignals, testContext } from '../../test/coreFixtures';
import { classCounts, proportionalBudgets } from '../budget/budgets';
import { METHODS, getMethod, getPreTrainingMethod, methodParams } from './registry';
import { AbortError } from './types';

const BASELINES = [
  'forgetting',
  'el2n',
  'grand',
  'aum',
  'kcenter',
  'herding',
  'moderate',
  'ccs',
  'facility-location',
];
const GEOMETRIC = new Set(['kcenter', 'herding', 'moderate', 'facility-location']);

const signals = syntheticSignals({
  n: 600,
  numClasses: 4,
  dim: 6,
  classWeights: [5, 3, 1.5, 0.5],
  projection: true,
});

describe('baseline registry', () => {
  it('registers every baseline after random, with the contract fields filled in', () => {
    expect(METHODS.map((m) => m.id).slice(0, BASELINES.length + 1)).toEqual(['random', ...BASELINES]);
    expect(new Set(METHODS.map((m) => m.id)).size).toBe(METHODS.length);
    for (const id of BASELINES) {
      const m = getMethod(id);
      expect(m.kind).toBe('pre-training');
      expect(m.needs).toEqual(GEOMETRIC.has(id) ? ['embeddings'] : ['record']);
      expect(m.paper.length).toBeGreaterThan(10);
      expect(m.summary).toMatch(/Decision/);
      expect(m.params.find((p) => p.name === 'balance')).toBeDefined();
    }
  });
});

describe.each(BASELINES)('%s', (id) => {
  const method = getPreTrainingMethod(id);
  const balances = (method.params.find((p) => p.name === 'balance') as { options: readonly string[] })
    .options;

  it.each(balances.map((b) => [b]))(
    'balance=%s: exactly k unique in-range rows, class counts match the mode',
    async (balance) => {
      for (const budget of [1, 37, 150, 599]) {
        const sel = await method.select(
          signals,
          methodParams(id, { balance }),
          testContext(budget, signals.n),
        );
        expect(sel.indices.length).toBe(budget);
        expect(new Set(sel.indices).size).toBe(budget);
        expect(sel.indices.every((r) => r >= 0 && r < signals.n)).toBe(true);
        expect(sel.perClassCounts.reduce((a, b) => a + b, 0)).toBe(budget);
        if (balance === 'proportional') {
          expect(sel.perClassCounts).toEqual(proportionalBudgets(classCounts(signals.labels, 4), budget));
        }
        expect(sel.scores?.length).toBe(signals.n);
      }
    },
  );

  it('is deterministic for a seed', async () => {
    const params = methodParams(id);
    const a = await method.select(signals, params, testContext(90, signals.n, 7));
    const b = await method.select(signals, params, testContext(90, signals.n, 7));
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(a.scores).toEqual(b.scores);
  });

  it('returns the shared diagnostics', async () => {
    const sel = await method.select(signals, methodParams(id), testContext(60, signals.n));
    const kinds = sel.diagnostics.map((d) => d.kind);
    expect(kinds).toContain('histogram');
    const bars = sel.diagnostics.find((d) => d.kind === 'classBars' && d.title === 'Kept per class');
    expect(bars).toBeDefined();
    if (GEOMETRIC.has(id)) {
      const scatter = sel.diagnostics.find((d) => d.kind === 'scatter');
      expect(scatter && scatter.kind === 'scatter' && scatter.highlight?.length).toBe(60);
    }
    // Diagnostics must survive structured clone (they cross worker boundaries).
    expect(() => structuredClone(sel.diagnostics)).not.toThrow();
  });

  it('stops with AbortError when cancelled and names a missing signal', async () => {
    const ctx = testContext(60, signals.n);
    const controller = new AbortController();
    controller.abort();
    await expect(async () =>
      method.select(signals, methodParams(id), { ...ctx, signal: controller.signal }),
    ).rejects.toThrow(AbortError);
    const bare = { ...signals, embeddings: undefined, record: undefined };
    await expect(async () => method.select(bare, methodParams(id), ctx)).rejects.toThrow(/needs/);
  });
});
