/**
 * Run details for sequence data (the radio set): kept and pruned samples as I/Q constellations
 * instead of image grids, and test accuracy per stratum (accuracy vs SNR).
 */
import { useEffect, useMemo, useState } from 'react';
import { ConstellationGridView } from '../../charts/react/ConstellationGridView';
import { DiagnosticView } from '../../charts/react/DiagnosticView';
import type { StratumAccuracy } from '../../core/experiment/metrics';
import type { CurvesDiagnostic } from '../../core/methods/diagnostics';
import { COLORS } from '../../charts/theme';
import type { DataSummary, RunRecord } from '../../state/types';
import { useApp, useJobs } from '../context';

const GRID = 24;

/** Evenly spaced picks from a sorted row list, so the grid shows every class, not the first rows. */
function spread(rows: number[], count: number): number[] {
  if (rows.length <= count) return rows;
  return Array.from({ length: count }, (_, i) => rows[Math.floor((i * rows.length) / count)]!);
}

export function KeptPrunedConstellations({ run, summary }: { run: RunRecord; summary: DataSummary }) {
  const jobs = useJobs();
  const length = summary.shape[0] ?? 0;
  const { kept, pruned } = useMemo(() => {
    const keptSet = new Set(run.indices);
    const k: number[] = [];
    const p: number[] = [];
    for (let r = 0; r < summary.n; r++) (keptSet.has(r) ? k : p).push(r);
    return { kept: spread(k, GRID), pruned: spread(p, GRID) };
  }, [run.indices, summary.n]);
  const [values, setValues] = useState<{ id: string; data: Float32Array }>();
  useEffect(() => {
    let live = true;
    void jobs.sequences([...kept, ...pruned]).then((data) => live && setValues({ id: run.id, data }));
    return () => {
      live = false;
    };
  }, [jobs, kept, pruned, run.id]);
  const grids = useMemo(() => {
    if (!values || values.id !== run.id) return undefined;
    const caption = (r: number) =>
      `${summary.classNames[summary.labels[r]!]}${summary.strata ? ` ${summary.strata.names[summary.strata.of[r]!]}` : ''}`;
    const cell = (rows: number[], offset: number, border: string) => ({
      values: values.data,
      length,
      rows: rows.map((_, i) => i + offset),
      ids: rows,
      groups: rows.map((r) => summary.labels[r]!),
      captions: rows.map(caption),
      borders: rows.map(() => border),
    });
    return { kept: cell(kept, 0, COLORS.kept), pruned: cell(pruned, kept.length, COLORS.prunedBorder) };
  }, [values, run.id, kept, pruned, length, summary]);
  if (!grids) return <p className="empty">Loading sequences…</p>;
  return (
    <div className="panel-grid">
      <div data-testid="run.keptSignals">
        <h3>Kept (sample of {run.size.toLocaleString('en')})</h3>
        <ConstellationGridView data={grids.kept} options={{ cell: 56, title: 'Kept sequences (I/Q)' }} />
      </div>
      <div data-testid="run.prunedSignals">
        <h3>Pruned (sample of {(summary.n - run.size).toLocaleString('en')})</h3>
        <ConstellationGridView data={grids.pruned} options={{ cell: 56, title: 'Pruned sequences (I/Q)' }} />
      </div>
    </div>
  );
}

/** Accuracy per stratum as a curves view; the x axis is the stratum's number when its names carry one (SNR in dB). */
export function strataCurve(per: StratumAccuracy, label: string): CurvesDiagnostic {
  const parsed = per.names.map((n) => Number.parseFloat(n));
  const numeric = parsed.every((v) => Number.isFinite(v));
  const points = per.accuracy
    .map((a, s) => ({ x: numeric ? parsed[s]! : s, y: a }))
    .filter((p) => Number.isFinite(p.y));
  return {
    kind: 'curves',
    title: `Test accuracy per ${per.name}`,
    xLabel: numeric
      ? `${per.name} (${per.names[0]?.replace(/^[-\d.\s]+/, '') || 'value'})`
      : `${per.name} bin`,
    yLabel: 'test accuracy',
    series: [{ name: label, x: points.map((p) => p.x), y: points.map((p) => p.y) }],
  };
}

export function StrataAccuracy({ run }: { run: RunRecord }) {
  // The full-data reference on the same data, when there is one, drawn beside the coreset.
  const full = useApp((s) =>
    s.runs.find(
      (r) => r.kind === 'full' && r.status === 'done' && r.dataKey === run.dataKey && r.metrics?.perStratum,
    ),
  );
  const per = run.metrics?.perStratum;
  const ref = full?.metrics?.perStratum;
  const diagnostic = useMemo(() => {
    if (!per) return undefined;
    const d = strataCurve(per, run.method ?? run.kind);
    if (ref && full !== run) d.series.push(...strataCurve(ref, 'full data').series);
    return d;
  }, [per, ref, full, run]);
  if (!diagnostic) return null;
  return (
    <div data-testid="run.strataAccuracy">
      <DiagnosticView diagnostic={diagnostic} />
    </div>
  );
}
