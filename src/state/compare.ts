/**
 * The comparison slice: a plan (the form's methods × fractions × seeds over the app's data and
 * model, or a paper preset) runs in the worker; each finished record and reference is folded
 * into the store as it arrives, so curves and the table fill in live. Cancel stops the plan and
 * keeps what finished.
 */
import { errorMessage, type JobRunner } from './runJob';
import { expandPlan, planFromSpec, type ExperimentPlan, type SkippedMethod } from '../core/experiment/plan';
import { getPreset } from '../core/experiment/presets';
import { SpecError, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import type { PlanProgressDto } from '../workers/api/types';
import type { AppStore } from './store';
import type { CompareSetup, ComparisonState } from './compareTypes';

export const DEFAULT_COMPARE_SETUP: CompareSetup = {
  methods: ['random', 'el2n', 'moderate'],
  fractions: [0.1, 0.3],
  seeds: 1,
};

const IDLE: ComparisonState = {
  status: 'idle',
  setup: DEFAULT_COMPARE_SETUP,
  records: [],
  references: [],
  skipped: [],
  errors: [],
};

/** The slice, or one shared idle value (a stable reference, so React selectors do not loop). */
export function comparisonOf(s: { comparison?: ComparisonState }): ComparisonState {
  return s.comparison ?? IDLE;
}

export function setCompareSetup(store: AppStore, patch: Partial<CompareSetup>): void {
  store.setState((s) => {
    const cur = comparisonOf(s);
    return { comparison: { ...cur, setup: { ...cur.setup, ...patch } } };
  });
}

/** The form's plan: its methods, fractions and seeds over the app's current setup. */
export function planFromSetup(store: AppStore): ExperimentPlan {
  return planOf(store.getState().spec, comparisonOf(store.getState()).setup);
}

/** The plan of a setup over a spec (the form's summary computes it per change, not per render). */
export function planOf(spec: ExperimentSpec, setup: CompareSetup): ExperimentPlan {
  const checked = validateSpec(spec);
  if (!setup.methods.length) throw new SpecError('methods', 'choose at least one method to compare');
  if (!setup.fractions.length) throw new SpecError('fractions', 'give at least one fraction');
  return planFromSpec(checked, {
    methods: setup.methods.map((id) => ({ id })),
    fractions: [...setup.fractions].sort((a, b) => a - b),
    seeds: Array.from({ length: setup.seeds }, (_, i) => checked.seed + i),
  });
}

export function createCompareJobs(store: AppStore, jobs: JobRunner) {
  const patch = (f: (c: ComparisonState) => Partial<ComparisonState>) =>
    store.setState((s) => ({ comparison: { ...comparisonOf(s), ...f(comparisonOf(s)) } }));

  async function start(plan: ExperimentPlan, presetId?: string): Promise<void> {
    if (jobs.running('compare')) return;
    let cells: number;
    let skipped: SkippedMethod[];
    try {
      const expanded = expandPlan(plan);
      skipped = expanded.skipped;
      cells = expanded.cells.length;
      if (!cells)
        throw new Error(
          `nothing to run: ${expanded.skipped.map((s) => `${s.label} (${s.reason})`).join('; ')}`,
        );
    } catch (e) {
      patch(() => ({ status: 'failed', error: errorMessage(e), presetId, plan }));
      return;
    }
    const t0 = performance.now();
    patch(() => ({
      status: 'running',
      presetId,
      plan,
      cells,
      records: [],
      references: [],
      skipped,
      errors: [],
      progress: undefined,
      error: undefined,
      startedAt: Date.now(),
      totalMs: undefined,
    }));
    const onProgress = (p: PlanProgressDto) => {
      if (p.record) patch((c) => ({ records: [...c.records, p.record!] }));
      if (p.reference) patch((c) => ({ references: [...c.references, p.reference!] }));
      if (p.progress) patch(() => ({ progress: p.progress }));
    };
    const end = await jobs.runJob('compare', 'runPlan', plan, onProgress);
    patch(() => {
      if (end.status === 'cancelled')
        return { status: 'cancelled', progress: undefined, totalMs: performance.now() - t0 };
      if (end.status === 'failed') return { status: 'failed', error: end.error, progress: undefined };
      const r = end.result;
      return {
        status: 'done',
        records: r.records,
        references: r.references,
        skipped: r.skipped,
        errors: r.errors,
        totalMs: r.totalMs,
        progress: undefined,
      };
    });
  }

  return {
    /** Runs the form's plan over the app's current data, model and corruption. */
    runComparison(): Promise<void> {
      let plan: ExperimentPlan;
      try {
        plan = planFromSetup(store);
      } catch (e) {
        patch(() => ({ status: 'failed', error: errorMessage(e) }));
        return Promise.resolve();
      }
      return start(plan);
    },
    /** Runs a paper preset's plan as it stands (its own data, model and seeds). */
    runPreset(presetId: string): Promise<void> {
      return start(structuredClone(getPreset(presetId).plan), presetId);
    },
    async cancelComparison(): Promise<void> {
      await jobs.cancel('compare');
    },
  };
}
