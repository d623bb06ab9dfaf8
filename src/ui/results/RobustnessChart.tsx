import { useMemo } from 'react';
import { DiagnosticView } from '../../charts/react/DiagnosticView';
import type { ClassBarsDiagnostic } from '../../core/methods/diagnostics';
import { runLabel } from '../../state/exports';
import type { RunRecord } from '../../state/types';
import { useApp } from '../context';

/** Clean vs FGSM vs PGD accuracy of every finished run that measured an attack, in run order. */
export function robustnessBars(runs: readonly RunRecord[]): ClassBarsDiagnostic | null {
  const measured = runs.filter((r) => r.status === 'done' && r.adversarial && r.metrics);
  if (!measured.length) return null;
  const eps = [...new Set(measured.map((r) => r.adversarial!.epsilon))];
  const seen = new Map<string, number>();
  const names = measured.map((r) => {
    const base = `${runLabel(r)}${r.trades ? ' TRADES' : ''} s${r.seed}`;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k > 1 ? `${base} (${k})` : base;
  });
  // A series is drawn only where every run measured it: bar charts take no gaps (NaN heights).
  const all = (get: (r: RunRecord) => number | undefined) =>
    measured.every((r) => get(r) !== undefined) ? measured.map((r) => 100 * get(r)!) : null;
  const series = [
    { name: 'clean', values: all((r) => r.metrics!.accuracy) },
    { name: 'FGSM', values: all((r) => r.adversarial!.fgsm) },
    { name: 'PGD', values: all((r) => r.adversarial!.pgd) },
  ].flatMap((x) => (x.values ? [{ name: x.name, values: x.values }] : []));
  return {
    kind: 'classBars',
    title: `Clean vs adversarial accuracy (ε = ${eps.join(', ')})`,
    classNames: names,
    yLabel: 'test accuracy (%)',
    series,
  };
}

/** Shown under the results table once any run measured an attack. */
export function RobustnessChart() {
  const runs = useApp((s) => s.runs);
  const bars = useMemo(() => robustnessBars(runs), [runs]);
  if (!bars) return null;
  return <DiagnosticView diagnostic={bars} testId="results.robustness" />;
}
