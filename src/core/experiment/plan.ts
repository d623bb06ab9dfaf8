/**
 * An experiment plan: datasets × corruptions × methods × fractions × seeds, with one model,
 * training length and optional adversarial attack shared by every cell. `expandPlan` turns it
 * into cells in one fixed order — dataset, corruption, seed, then method, then fraction — so
 * the same plan always gives the same cells, every cell of one (dataset, corruption, seed)
 * group is adjacent (its prepared data, signals and full-data reference are reused), and the
 * first seed fills every curve before the second begins.
 *
 * Both kinds of method run: a pre-training method selects and the cell trains on its coreset,
 * an in-training method runs its own loop (its row names the setting it trained in). A method
 * this build does not register is not an error: `expandPlan` lists it in `skipped` with the
 * reason, and the runner reports it.
 */
import type { ParamValues } from '../methods/params';
import { METHODS } from '../methods/registry';
import { DEFAULT_ATTACK, type AttackSpec } from './attack';
import type { TrainBudget } from './budget';
import {
  DEFAULT_SPEC,
  SpecError,
  validateSpec,
  type CorruptionSpec,
  type ExperimentSpec,
  type ModelKind,
  type ToySpec,
} from './spec';

export interface PlanDataset {
  /** 'mnist' | 'fashion' | 'toy' today; checked by validateSpec so a new source needs no change here. */
  dataset: string;
  /** Training subset size (image datasets). */
  trainSize: number;
  toy?: ToySpec;
  /** dataset 'custom': the imported data's content hash (the spec's customId). */
  customId?: string;
}

export interface PlanMethod {
  id: string;
  /** Overrides of the method's params (defaults otherwise); strings are coerced like CLI flags. */
  params?: ParamValues;
  /** Shown in tables and legends; defaults to the id. Needed when one id appears twice. */
  label?: string;
  /** A baseline the plan's claim is judged against (verdicts.ts); when no method is one, all are. */
  baseline?: boolean;
}

export interface ExperimentPlan {
  datasets: PlanDataset[];
  corruptions: CorruptionSpec[];
  methods: PlanMethod[];
  fractions: number[];
  seeds: number[];
  model: ModelKind;
  epochs: number;
  /** How long each coreset trains (core/experiment/budget.ts); 'steps' when absent. */
  trainBudget?: TrainBudget;
  batchSize: number;
  learningRate: number;
  /** Adversarial evaluation (and TRADES training) of every model, references included; none by default. */
  attack?: AttackSpec;
}

export interface PlanCell {
  /** Position in run order, 0-based. */
  index: number;
  /** Identifies the (dataset, corruption, seed) group whose data and reference the cell shares. */
  group: string;
  label: string;
  methodLabel: string;
  spec: ExperimentSpec;
}

export interface SkippedMethod {
  id: string;
  label: string;
  reason: string;
}

export interface ExpandedPlan {
  cells: PlanCell[];
  skipped: SkippedMethod[];
}

export const NO_CORRUPTION: CorruptionSpec = { ...DEFAULT_SPEC.corruption };

/** A one-cell plan from a spec (the UI's current setup), with `patch` overriding lists. */
export function planFromSpec(spec: ExperimentSpec, patch: Partial<ExperimentPlan>): ExperimentPlan {
  return {
    datasets: [
      {
        dataset: spec.dataset,
        trainSize: spec.trainSize,
        toy: spec.toy,
        // Imported data is named by its hash: without it a comparison on it could not run.
        ...(spec.dataset === 'custom' && { customId: spec.customId }),
      },
    ],
    corruptions: [spec.corruption],
    methods: [{ id: spec.method, params: spec.params }],
    fractions: [spec.fraction],
    seeds: [spec.seed],
    model: spec.model,
    epochs: spec.epochs,
    trainBudget: spec.trainBudget,
    batchSize: spec.batchSize,
    learningRate: spec.learningRate,
    attack: spec.attack,
    ...patch,
  };
}

export function methodLabel(m: PlanMethod): string {
  return m.label ?? m.id;
}

/** Labels of the plan's named baselines, or undefined (every method is a candidate) when it names none. */
export function planBaselines(plan: Pick<ExperimentPlan, 'methods'> | undefined): string[] | undefined {
  const named = plan?.methods.filter((m) => m.baseline).map(methodLabel) ?? [];
  return named.length ? named : undefined;
}

/** Why a method cannot run in a comparison, or undefined when it can. */
export function unavailableReason(id: string): string | undefined {
  const def = METHODS.find((m) => m.id === id);
  if (!def)
    return `"${id}" is not registered in this build (available: ${METHODS.map((m) => m.id).join(', ')})`;
  return undefined;
}

export function corruptionLabel(c: CorruptionSpec): string {
  const parts: string[] = [];
  if (c.noise > 0) parts.push(`${Math.round(c.noise * 100)}% ${c.noiseType} noise`);
  if (c.imbalance > 1) parts.push(`imbalance ${c.imbalance}`);
  if (c.ood > 0) parts.push(`${Math.round(c.ood * 100)}% OOD`);
  return parts.length ? parts.join(', ') : 'clean';
}

function checkList(field: string, list: readonly unknown[]): void {
  if (!Array.isArray(list) || list.length === 0)
    throw new SpecError(field, `the plan needs at least one entry in ${field}`);
}

/**
 * Every runnable cell, in run order, each with a validated spec. Throws SpecError for a bad
 * value (naming the field); unknown methods go to `skipped`, not an error.
 */
export function expandPlan(plan: ExperimentPlan): ExpandedPlan {
  for (const f of ['datasets', 'corruptions', 'methods', 'fractions', 'seeds'] as const)
    checkList(f, plan[f]);
  const skipped: SkippedMethod[] = [];
  const runnable: PlanMethod[] = [];
  const labels = new Set<string>();
  for (const m of plan.methods) {
    const label = methodLabel(m);
    if (labels.has(label))
      throw new SpecError('methods', `method label "${label}" appears twice; give one a label`);
    labels.add(label);
    const reason = unavailableReason(m.id);
    if (reason) skipped.push({ id: m.id, label, reason });
    else runnable.push(m);
  }
  const fractions = [...plan.fractions];
  if (new Set(fractions).size !== fractions.length) throw new SpecError('fractions', 'fractions repeat');
  if (new Set(plan.seeds).size !== plan.seeds.length) throw new SpecError('seeds', 'seeds repeat');
  const cells: PlanCell[] = [];
  for (const d of plan.datasets)
    for (const c of plan.corruptions)
      for (const seed of plan.seeds)
        for (const m of runnable)
          for (const fraction of fractions) {
            const spec = validateSpec({
              dataset: d.dataset as ExperimentSpec['dataset'],
              trainSize: d.trainSize,
              toy: d.toy ?? DEFAULT_SPEC.toy,
              ...(d.customId !== undefined && { customId: d.customId }),
              corruption: c,
              model: plan.model,
              epochs: plan.epochs,
              trainBudget: plan.trainBudget ?? 'steps',
              batchSize: plan.batchSize,
              learningRate: plan.learningRate,
              attack: plan.attack ?? DEFAULT_ATTACK,
              method: m.id,
              fraction,
              params: m.params ?? {},
              seed,
            });
            const where = `${d.dataset}${d.dataset === 'toy' ? '' : ` ${d.trainSize}`} · ${corruptionLabel(c)} · seed ${seed}`;
            cells.push({
              index: cells.length,
              group: JSON.stringify([
                d.dataset,
                d.trainSize,
                d.dataset === 'toy' ? d.toy : d.dataset === 'custom' ? d.customId : null,
                c,
                seed,
              ]),
              label: `${methodLabel(m)} ${formatFraction(fraction)} (${where})`,
              methodLabel: methodLabel(m),
              spec,
            });
          }
  return { cells, skipped };
}

export function formatFraction(f: number): string {
  const p = f * 100;
  return `${Number.isInteger(p) ? p.toFixed(0) : p < 1 ? p.toFixed(2) : p.toFixed(1)}%`;
}

/** Total number of training runs a plan costs: one per cell plus one reference per group. */
export function planCost(expanded: ExpandedPlan): { cells: number; references: number } {
  return { cells: expanded.cells.length, references: new Set(expanded.cells.map((c) => c.group)).size };
}
