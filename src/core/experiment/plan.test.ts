import { describe, expect, it } from 'vitest';
import {
  expandPlan,
  formatFraction,
  planCost,
  planFromSpec,
  unavailableReason,
  type ExperimentPlan,
} from './plan';
import { PRESETS, getPreset } from './presets';
import { DEFAULT_SPEC, SpecError } from './spec';

const plan: ExperimentPlan = planFromSpec(DEFAULT_SPEC, {
  datasets: [
    { dataset: 'mnist', trainSize: 1000 },
    { dataset: 'toy', trainSize: 1000, toy: { shape: 'moons', n: 300, noise: 0.2 } },
  ],
  corruptions: [DEFAULT_SPEC.corruption, { ...DEFAULT_SPEC.corruption, noise: 0.2 }],
  methods: [{ id: 'random' }, { id: 'el2n' }, { id: 'ccs', params: { beta: '0.2' } }],
  fractions: [0.1, 0.3],
  seeds: [1, 2],
});

describe('expandPlan', () => {
  it('keeps imported data: a plan from a spec on dataset custom carries its id into every cell', () => {
    const spec = { ...DEFAULT_SPEC, dataset: 'custom' as const, customId: 'ef8138c9' };
    const p = planFromSpec(spec, { methods: [{ id: 'random' }, { id: 'el2n' }], fractions: [0.1] });
    expect(p.datasets).toEqual([expect.objectContaining({ dataset: 'custom', customId: 'ef8138c9' })]);
    const { cells } = expandPlan(p);
    expect(cells.map((c) => c.spec.customId)).toEqual(['ef8138c9', 'ef8138c9']);
    // Two imports are two groups (each its own reference), even at the same size.
    const other = expandPlan({
      ...p,
      datasets: [...p.datasets, { ...p.datasets[0]!, customId: '0badf00d' }],
    });
    expect(new Set(other.cells.map((c) => c.group)).size).toBe(2);
    // Other data does not get an id.
    expect(planFromSpec(DEFAULT_SPEC, {}).datasets[0]).not.toHaveProperty('customId');
  });

  it('expands datasets × corruptions × seeds × methods × fractions in a fixed order', () => {
    const { cells, skipped } = expandPlan(plan);
    expect(skipped).toEqual([]);
    expect(cells).toHaveLength(2 * 2 * 2 * 3 * 2);
    expect(cells.map((c) => c.index)).toEqual(cells.map((_, i) => i));
    const head = cells.slice(0, 6).map((c) => [c.spec.dataset, c.spec.seed, c.spec.method, c.spec.fraction]);
    expect(head).toEqual([
      ['mnist', 1, 'random', 0.1],
      ['mnist', 1, 'random', 0.3],
      ['mnist', 1, 'el2n', 0.1],
      ['mnist', 1, 'el2n', 0.3],
      ['mnist', 1, 'ccs', 0.1],
      ['mnist', 1, 'ccs', 0.3],
    ]);
    expect(cells[6]!.spec.seed).toBe(2);
    expect(cells[12]!.spec.corruption.noise).toBe(0.2);
    expect(cells[24]!.spec.dataset).toBe('toy');
    // Validated specs: string params coerced, defaults filled in.
    expect(cells[4]!.spec.params.beta).toBe(0.2);
    expect(cells[0]!.spec.params.balance).toBe('proportional');
    // The same plan gives the same cells.
    expect(JSON.stringify(expandPlan(plan).cells)).toBe(JSON.stringify(cells));
  });

  it('groups cells by (dataset, corruption, seed): contiguous, one reference each', () => {
    const { cells } = expandPlan(plan);
    const order: string[] = [];
    for (const c of cells) if (order.at(-1) !== c.group) order.push(c.group);
    expect(new Set(order).size).toBe(order.length);
    expect(planCost(expandPlan(plan))).toEqual({ cells: 48, references: 8 });
    expect(cells[0]!.label).toBe('random 10% (mnist 1000 · clean · seed 1)');
    expect(cells[12]!.label).toContain('20% symmetric noise');
  });

  it('runs in-training methods beside the rest and skips unknown ones with a reason', () => {
    const p = {
      ...plan,
      methods: [{ id: 'random' }, { id: 'no-such-method' }, { id: 'swast' }, { id: 'retrieve' }],
    };
    const { cells, skipped } = expandPlan(p);
    expect([...new Set(cells.map((c) => c.spec.method))]).toEqual(['random', 'swast', 'retrieve']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ id: 'no-such-method' });
    expect(skipped[0]!.reason).toMatch(/not registered/);
    expect(unavailableReason('random')).toBeUndefined();
    expect(unavailableReason('swast')).toBeUndefined();
  });

  it('rejects bad values naming the field', () => {
    const bad = (patch: Partial<ExperimentPlan>) => () => expandPlan({ ...plan, ...patch });
    expect(bad({ fractions: [0] })).toThrow(SpecError);
    expect(bad({ fractions: [0.1, 0.1] })).toThrow(/fractions repeat/);
    expect(bad({ seeds: [] })).toThrow(/seeds/);
    expect(bad({ epochs: 0 })).toThrow(/epochs/);
    expect(bad({ methods: [{ id: 'random' }, { id: 'random' }] })).toThrow(/label "random" appears twice/);
    expect(bad({ methods: [{ id: 'random', params: { nope: 1 } }] })).toThrow(/unknown parameter "nope"/);
    expect(bad({ datasets: [{ dataset: 'cifar', trainSize: 10 }] })).toThrow(/dataset must be one of/);
  });

  it('formats fractions as percentages', () => {
    expect([0.1, 0.05, 0.025, 0.005, 1].map(formatFraction)).toEqual(['10%', '5%', '2.5%', '0.50%', '100%']);
  });
});

describe('presets', () => {
  it('every preset expands; the methods it cannot run are named with a reason', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      const { cells, skipped } = expandPlan(p.plan);
      expect(cells.length, p.id).toBeGreaterThan(0);
      expect(p.claim.length).toBeGreaterThan(40);
      for (const s of skipped) expect(s.reason.length).toBeGreaterThan(10);
      // Sized for a 2-core CPU: at most 72 coreset trainings (3 seeds, the comparison protocol).
      expect(cells.length, p.id).toBeLessThanOrEqual(72);
      expect(p.plan.seeds.length, p.id).toBeGreaterThanOrEqual(3);
      expect(p.plan.trainBudget, p.id).toBe('steps');
    }
    expect(() => getPreset('nope')).toThrow(/available: ccs-high-pruning/);
  });
});
