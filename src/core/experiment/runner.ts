/**
 * Runs an experiment plan cell by cell, the same loop in the browser worker and the CLI. Core
 * cannot train, so the runner is handed an executor (ml/executor.ts implements it over
 * ml/pipeline.ts) and only orders the work: one full-data reference per (dataset, corruption,
 * seed) group, computed before that group's first cell and attached to each of its records;
 * then select + train + evaluate per cell, with progress, cooperative cancel between and within
 * cells, and a record streamed as each cell finishes. A cell that fails is recorded as failed
 * and the plan goes on; a cancel stops the plan.
 */
import type { ClassificationMetrics } from './metrics';
import { corruptionLabel, expandPlan, type ExperimentPlan, type PlanCell, type SkippedMethod } from './plan';
import type { AdversarialScores, ReferenceRecord, ResultRecord } from './records';
import type { ExperimentSpec } from './spec';
import type { TrainBudget } from './budget';
import { healthWarnings, type SelectionHealth } from './health';
import { AbortError, type AbortSignalLike } from '../methods/types';

export type CellPhase = 'loading' | 'signals' | 'selection' | 'training' | 'evaluation';

export interface ExecutionHooks {
  onPhase(phase: CellPhase, done: number, message?: string): void;
}

export interface EvalResult {
  metrics: ClassificationMetrics;
  adversarial?: AdversarialScores;
  trainingMs: number;
  evaluationMs: number;
  /** Rows of the prepared training set. */
  trainSize: number;
  /** The budget the model trained under ('epochs' for the full-data reference) and its optimizer steps. */
  trainBudget: TrainBudget;
  steps: number;
}

export interface CellResult extends EvalResult {
  coresetSize: number;
  /** What the record's health warnings are computed from (absent: none are). */
  health?: SelectionHealth;
  signalsMs: number;
  selectionMs: number;
  noisyKept?: number;
  noisyTotal?: number;
  oodKept?: number;
  oodTotal?: number;
  /** In-training methods: the setting the run trained in (InTrainingOutcome.setting). */
  setting?: string;
}

/** What the runner needs from ml: both calls prepare (or reuse) the spec's data themselves. */
export interface ExperimentExecutor {
  /** Trains spec.model on every training row (method and fraction are ignored) and evaluates it. */
  reference(spec: ExperimentSpec, hooks: ExecutionHooks): Promise<EvalResult>;
  /**
   * Selects with spec.method at spec.fraction, trains on the coreset and evaluates it; an
   * in-training method runs its own loop instead and reports the same columns.
   */
  cell(spec: ExperimentSpec, hooks: ExecutionHooks): Promise<CellResult>;
  /** The runner is done with a group's data: the executor may free it. */
  release?(spec: ExperimentSpec): void;
}

export interface PlanProgress {
  /** Cell running now (0-based), or the number of cells when finished. */
  cell: number;
  cells: number;
  /** What runs: a cell label, or "full-data reference (...)". */
  label: string;
  phase: CellPhase;
  /** Within the phase, [0, 1]. */
  done: number;
  /** Whole plan, [0, 1] (references count as one unit each, like cells). */
  overall: number;
  message?: string;
}

export interface RunPlanOptions {
  signal?: AbortSignalLike;
  onProgress?: (p: PlanProgress) => void;
  onRecord?: (r: ResultRecord) => void;
  onReference?: (r: ReferenceRecord) => void;
  /** Train the full-data reference per group (default true). */
  reference?: boolean;
  now?: () => number;
}

export interface PlanResult {
  records: ResultRecord[];
  references: ReferenceRecord[];
  skipped: SkippedMethod[];
  /** References that failed (their group's records have no reference). */
  errors: string[];
  totalMs: number;
}

/** Rough share of a unit's wall time before each phase starts (for the overall bar only). */
const PHASE_START: Record<CellPhase, [number, number]> = {
  loading: [0, 0.05],
  signals: [0.05, 0.3],
  selection: [0.35, 0.05],
  training: [0.4, 0.55],
  evaluation: [0.95, 0.05],
};

function isAbort(e: unknown, signal: AbortSignalLike | undefined): boolean {
  return signal?.aborted === true || (e instanceof Error && e.name === 'AbortError');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function referenceRecord(cell: PlanCell, r: EvalResult): ReferenceRecord {
  const s = cell.spec;
  return {
    group: cell.group,
    dataset: s.dataset,
    trainSize: r.trainSize,
    corruption: corruptionLabel(s.corruption),
    seed: s.seed,
    accuracy: r.metrics.accuracy,
    balancedAccuracy: r.metrics.balancedAccuracy,
    worstClassAccuracy: r.metrics.worstClassAccuracy,
    macroF1: r.metrics.macroF1,
    adversarial: r.adversarial,
    trainingMs: r.trainingMs,
    steps: r.steps,
  };
}

function baseRecord(cell: PlanCell, reference: ReferenceRecord | undefined) {
  const s = cell.spec;
  return {
    cell: cell.index,
    group: cell.group,
    dataset: s.dataset,
    corruption: corruptionLabel(s.corruption),
    noise: s.corruption.noise,
    imbalance: s.corruption.imbalance,
    ood: s.corruption.ood,
    model: s.model,
    epochs: s.epochs,
    trainBudget: s.trainBudget,
    method: s.method,
    label: cell.methodLabel,
    fraction: s.fraction,
    seed: s.seed,
    reference,
  };
}

function resultRecord(cell: PlanCell, r: CellResult, reference: ReferenceRecord | undefined): ResultRecord {
  const warnings = r.health ? healthWarnings(r.health, reference?.accuracy) : [];
  return {
    ...(warnings.length ? { warnings } : {}),
    ...baseRecord(cell, reference),
    // An in-training run trains under its own schedule: its setting and budget replace the plan's.
    ...(r.setting ? { setting: r.setting, trainBudget: r.trainBudget } : {}),
    status: 'ok',
    trainSize: r.trainSize,
    coresetSize: r.coresetSize,
    steps: r.steps,
    accuracy: r.metrics.accuracy,
    balancedAccuracy: r.metrics.balancedAccuracy,
    worstClassAccuracy: r.metrics.worstClassAccuracy,
    macroF1: r.metrics.macroF1,
    adversarial: r.adversarial,
    noisyKept: r.noisyKept,
    noisyTotal: r.noisyTotal,
    oodKept: r.oodKept,
    oodTotal: r.oodTotal,
    signalsMs: r.signalsMs,
    selectionMs: r.selectionMs,
    trainingMs: r.trainingMs,
    evaluationMs: r.evaluationMs,
  };
}

function failedRecord(cell: PlanCell, error: string, reference: ReferenceRecord | undefined): ResultRecord {
  return {
    ...baseRecord(cell, reference),
    status: 'failed',
    error,
    trainSize: reference?.trainSize ?? NaN,
    coresetSize: 0,
    steps: 0,
    accuracy: NaN,
    balancedAccuracy: NaN,
    worstClassAccuracy: NaN,
    macroF1: NaN,
    signalsMs: NaN,
    selectionMs: NaN,
    trainingMs: NaN,
    evaluationMs: NaN,
  };
}

export async function runPlan(
  plan: ExperimentPlan,
  executor: ExperimentExecutor,
  opts: RunPlanOptions = {},
): Promise<PlanResult> {
  const now = opts.now ?? Date.now;
  const t0 = now();
  const { cells, skipped } = expandPlan(plan);
  const withReference = opts.reference ?? true;
  const groups = [...new Set(cells.map((c) => c.group))];
  const units = cells.length + (withReference ? groups.length : 0);
  let unitsDone = 0;
  const records: ResultRecord[] = [];
  const references: ReferenceRecord[] = [];
  const errors: string[] = [];
  const check = () => {
    if (opts.signal?.aborted) throw new AbortError();
  };
  const hooksFor = (cell: number, label: string): ExecutionHooks => ({
    onPhase(phase, done, message) {
      const [from, share] = PHASE_START[phase];
      const within = Math.min(1, Math.max(0, done));
      opts.onProgress?.({
        cell,
        cells: cells.length,
        label,
        phase,
        done: within,
        overall: Math.min(1, (unitsDone + from + share * within) / Math.max(1, units)),
        message,
      });
    },
  });

  let currentGroup: string | undefined;
  let reference: ReferenceRecord | undefined;
  for (const cell of cells) {
    check();
    if (cell.group !== currentGroup) {
      const previous = cells.find((c) => c.group === currentGroup);
      if (previous) executor.release?.(previous.spec);
      currentGroup = cell.group;
      reference = undefined;
      if (withReference) {
        const label = `full-data reference (${cell.label.replace(/^.*\((.*)\)$/, '$1')})`;
        try {
          const r = await executor.reference(cell.spec, hooksFor(cell.index, label));
          reference = referenceRecord(cell, r);
          references.push(reference);
          opts.onReference?.(reference);
        } catch (e) {
          if (isAbort(e, opts.signal)) throw new AbortError();
          errors.push(`${label}: ${messageOf(e)}`);
        }
        unitsDone++;
      }
    }
    check();
    let record: ResultRecord;
    try {
      const r = await executor.cell(cell.spec, hooksFor(cell.index, cell.label));
      record = resultRecord(cell, r, reference);
    } catch (e) {
      if (isAbort(e, opts.signal)) throw new AbortError();
      record = failedRecord(cell, messageOf(e), reference);
    }
    unitsDone++;
    records.push(record);
    opts.onRecord?.(record);
  }
  const last = cells.at(-1);
  if (last) executor.release?.(last.spec);
  opts.onProgress?.({
    cell: cells.length,
    cells: cells.length,
    label: 'done',
    phase: 'evaluation',
    done: 1,
    overall: 1,
  });
  return { records, references, skipped, errors, totalMs: now() - t0 };
}
