import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { expandPlan } from '../core/experiment/plan';
import { DEFAULT_SPEC } from '../core/experiment/spec';
import { comparisonOf, planFromSetup, setCompareSetup } from './compare';
import { initialState } from './store';
import type { AppState } from './types';

describe('comparison slice', () => {
  it('an untouched store gives one stable idle value (React selectors must not loop)', () => {
    const store = createStore<AppState>(() => initialState());
    expect(comparisonOf(store.getState())).toBe(comparisonOf(store.getState()));
    expect(comparisonOf(store.getState()).status).toBe('idle');
  });

  it("the form's plan: its methods, sorted fractions and seeds over the app's data, model and corruption", () => {
    const store = createStore<AppState>(() =>
      initialState({
        ...DEFAULT_SPEC,
        seed: 7,
        epochs: 4,
        corruption: { ...DEFAULT_SPEC.corruption, noise: 0.2 },
      }),
    );
    setCompareSetup(store, { methods: ['random', 'ccs'], fractions: [0.3, 0.05], seeds: 3 });
    const plan = planFromSetup(store);
    expect(plan.methods).toEqual([{ id: 'random' }, { id: 'ccs' }]);
    expect(plan.fractions).toEqual([0.05, 0.3]);
    expect(plan.seeds).toEqual([7, 8, 9]);
    expect(plan.epochs).toBe(4);
    expect(plan.corruptions).toEqual([{ ...DEFAULT_SPEC.corruption, noise: 0.2 }]);
    expect(expandPlan(plan).cells).toHaveLength(2 * 2 * 3);
    setCompareSetup(store, { methods: [] });
    expect(() => planFromSetup(store)).toThrow(/at least one method/);
  });
});
