/**
 * SWaST's views as diagnostics (docs/methods-decisions.md "SWaST": accuracy and density over epochs, FLOPs bar,
 * with / without state preservation). Several runs of the same setup (with SP, without SP,
 * coreset-only) overlay in one chart each; the UI renders them by kind like any method's.
 */
import type { ClassBarsDiagnostic, CurvesDiagnostic, Diagnostic, TableDiagnostic } from '../diagnostics';
import type { SwastRunResult } from './swastSchedule';

export interface NamedSwastRun {
  name: string;
  result: SwastRunResult;
}

const pct = (v: number) => Math.round(v * 1000) / 10;

/** Test accuracy after every epoch, one curve per run; markers at the selection rounds of the first run. */
export function accuracyCurves(runs: readonly NamedSwastRun[]): CurvesDiagnostic {
  const first = runs[0]?.result;
  return {
    kind: 'curves',
    title: 'Test accuracy per epoch',
    xLabel: 'epoch',
    yLabel: 'accuracy',
    series: runs.map(({ name, result }) => ({
      name,
      x: result.history.map((e) => e.epoch + 1),
      y: result.history.map((e) => e.testAccuracy),
    })),
    markers: first?.rounds.map((r) => ({
      x: r.epoch + 1,
      y: first.history[r.epoch]?.testAccuracy ?? 0,
      label: `round ${r.round + 1}`,
    })),
  };
}

/** Overall weight density (active kernel entries / all) per epoch, one curve per run. */
export function densityCurves(runs: readonly NamedSwastRun[]): CurvesDiagnostic {
  return {
    kind: 'curves',
    title: 'Weight density per epoch',
    xLabel: 'epoch',
    yLabel: 'active share of kernel weights',
    series: runs.map(({ name, result }) => ({
      name,
      x: result.history.map((e) => e.epoch + 1),
      y: result.history.map((e) => e.density),
    })),
  };
}

/** Active kernel entries over all kernel entries, weighted by layer size. */
export function overallDensity(result: Pick<SwastRunResult, 'layers'>, densities: readonly number[]): number {
  let active = 0;
  let total = 0;
  result.layers.forEach((l, i) => {
    active += l.weights * (densities[i] ?? 1);
    total += l.weights;
  });
  return total > 0 ? active / total : 1;
}

/** Relative FLOPs per run beside dense full-data training (1 by definition). */
export function flopsBars(runs: readonly NamedSwastRun[]): ClassBarsDiagnostic {
  return {
    kind: 'classBars',
    title: 'Training FLOPs relative to dense full-data training',
    classNames: [...runs.map((r) => r.name), 'dense full data'],
    series: [
      { name: 'training', values: [...runs.map((r) => r.result.flops.relativeTraining), 1] },
      { name: 'training + selection passes', values: [...runs.map((r) => r.result.flops.relative), 1] },
    ],
    yLabel: 'FLOPs / dense full data',
  };
}

/** Per layer: kernel size and final density, one column per run. */
export function densityTable(runs: readonly NamedSwastRun[]): TableDiagnostic {
  const layers = runs[0]?.result.layers ?? [];
  return {
    kind: 'table',
    title: 'Final density per layer',
    columns: ['layer', 'weights', ...runs.map((r) => r.name)],
    rows: layers.map((l, i) => [
      l.name,
      l.weights,
      ...runs.map((r) => pct(r.result.history.at(-1)?.densities[i] ?? 1) + '%'),
    ]),
  };
}

/** Per selection round of one run: epoch, size, score bar, turnover, time. */
export function roundsTable(run: NamedSwastRun): TableDiagnostic {
  return {
    kind: 'table',
    title: `Selection rounds (${run.name})`,
    columns: ['round', 'before epoch', 'size', 'mean score', 'lowest kept', 'new rows', 'ms'],
    empty: 'none: every epoch was warm-up on all the data',
    rows: run.result.rounds.map((r) => [
      r.round + 1,
      r.epoch + 1,
      r.size,
      Number(r.scoreMean.toFixed(4)),
      Number(r.threshold.toFixed(4)),
      r.changed,
      Math.round(r.ms),
    ]),
  };
}

/** Summary table: accuracy, FLOPs and time per phase for every run. */
export function summaryTable(runs: readonly NamedSwastRun[]): TableDiagnostic {
  return {
    kind: 'table',
    title: 'Runs',
    columns: [
      'run',
      'final accuracy',
      'FLOPs (rel.)',
      'warm-up ms',
      'selection ms',
      'subset ms',
      'mask ms',
      'eval ms',
    ],
    rows: runs.map(({ name, result: r }) => [
      name,
      pct(r.finalAccuracy) + '%',
      Number(r.flops.relative.toFixed(3)),
      Math.round(r.timings.warmupMs),
      Math.round(r.timings.selectionMs),
      Math.round(r.timings.subsetMs),
      Math.round(r.timings.maskMs),
      Math.round(r.timings.evaluationMs),
    ]),
  };
}

export function swastDiagnostics(runs: readonly NamedSwastRun[]): Diagnostic[] {
  if (runs.length === 0) return [];
  return [
    accuracyCurves(runs),
    densityCurves(runs),
    flopsBars(runs),
    summaryTable(runs),
    densityTable(runs),
    roundsTable(runs[0]!),
  ];
}
