import { useEffect, useMemo, useState } from 'react';
import { ImageGridView } from '../../charts/react/ImageGridView';
import { ScatterView } from '../../charts/react/ScatterView';
import { pointColumns } from '../common/points';
import { getMethod } from '../../core/methods/registry';
import type { DataSummary, RunRecord } from '../../state/types';
import { useApp, useJobs } from '../context';
import { pct } from './format';
import { DiagnosticPanel } from './DiagnosticPanel';
import { KeptPrunedConstellations, StrataAccuracy } from './SignalRunViews';
import { AdversarialStats } from './AdversarialStats';
import { SelectionExports } from './SelectionExports';
import { ExportableChart } from '../common/ExportableChart';

const GRID = 24;

/** Evenly spaced picks from a sorted row list, so the grid shows every class, not the first rows. */
function spread(rows: number[], count: number): number[] {
  if (rows.length <= count) return rows;
  return Array.from({ length: count }, (_, i) => rows[Math.floor((i * rows.length) / count)]!);
}

function KeptPrunedGrids({ run, summary }: { run: RunRecord; summary: DataSummary }) {
  const jobs = useJobs();
  const [h, w, channels = 1] = summary.shape as [number, number, number?];
  const { kept, pruned } = useMemo(() => {
    const keptSet = new Set(run.indices);
    const k: number[] = [];
    const p: number[] = [];
    for (let r = 0; r < summary.n; r++) (keptSet.has(r) ? k : p).push(r);
    return { kept: spread(k, GRID), pruned: spread(p, GRID) };
  }, [run.indices, summary.n]);
  const [pixels, setPixels] = useState<{ key: string; data: Uint8Array }>();
  const key = `${run.id}`;
  useEffect(() => {
    let live = true;
    void jobs.images([...kept, ...pruned]).then((data) => live && setPixels({ key, data }));
    return () => {
      live = false;
    };
  }, [jobs, kept, pruned, key]);
  const grids = useMemo(() => {
    if (!pixels || pixels.key !== key) return undefined;
    const cell = (rows: number[], offset: number) => ({
      pixels: pixels.data,
      width: w,
      height: h,
      channels,
      rows: rows.map((_, i) => i + offset),
      ids: rows,
      captions: rows.map((r) => summary.classNames[summary.labels[r]!]!),
    });
    return { kept: cell(kept, 0), pruned: cell(pruned, kept.length) };
  }, [pixels, key, kept, pruned, w, h, channels, summary]);
  if (!grids) return <p className="empty">Loading images…</p>;
  return (
    <div className="panel-grid">
      <div data-testid="run.keptGrid">
        <h3>Kept (sample of {run.size.toLocaleString('en')})</h3>
        <ExportableChart name="Kept samples">
          <ImageGridView data={grids.kept} options={{ title: 'Kept samples' }} />
        </ExportableChart>
      </div>
      <div data-testid="run.prunedGrid">
        <h3>Pruned (sample of {(summary.n - run.size).toLocaleString('en')})</h3>
        <ExportableChart name="Pruned samples">
          <ImageGridView data={grids.pruned} options={{ title: 'Pruned samples' }} />
        </ExportableChart>
      </div>
    </div>
  );
}

function ToyKept({ run, summary }: { run: RunRecord; summary: DataSummary }) {
  const data = useMemo(() => {
    return {
      ...pointColumns(summary.points!),
      group: summary.labels,
      groupNames: summary.classNames,
      keptRows: run.indices,
      highlight: run.indices,
      highlightLabel: 'kept',
    };
  }, [run.indices, summary]);
  return (
    <div data-testid="run.toyScatter">
      <h3>
        {run.size.toLocaleString('en')} kept · {(summary.n - run.size).toLocaleString('en')} pruned (grey)
      </h3>
      <ExportableChart name="Kept and pruned points">
        <ScatterView
          data={data}
          className="chart tall"
          options={{ xLabel: 'x₁', yLabel: 'x₂', legend: true, title: 'Kept and pruned points' }}
        />
      </ExportableChart>
    </div>
  );
}

/** Why a coreset looks the way it does: its numbers, the method's diagnostics, what it kept. */
export function RunDetails() {
  const run = useApp((s) => s.runs.find((r) => r.id === s.selectedRunId));
  const summary = useApp((s) => s.data.summary);
  if (!run || run.kind !== 'coreset' || run.status !== 'done' || !run.indices) return null;
  const sameData = summary?.key === run.dataKey;
  const kept = sameData ? new Set(run.indices) : undefined;
  const method = getMethod(run.method!);
  // Adaptive methods (HyperCore) choose their own size; the stats show what they kept.
  const adaptive = run.requestedSize !== undefined && run.size !== run.requestedSize;
  return (
    <section className="panel" aria-labelledby="details-h" data-testid="run.details">
      <h2 id="details-h">
        {method.name} ·{' '}
        {adaptive
          ? `adaptive size (asked ${(run.fraction! * 100).toFixed(run.fraction! < 0.1 ? 1 : 0)}%)`
          : `keep ${(run.fraction! * 100).toFixed(run.fraction! < 0.1 ? 1 : 0)}%`}{' '}
        · {run.dataName}
      </h2>
      <div className="stats">
        <div className="stat">
          <b>{run.size.toLocaleString('en')}</b>
          <span>kept</span>
        </div>
        <div className="stat">
          <b>{pct(run.metrics?.accuracy)}</b>
          <span>test accuracy</span>
        </div>
        <div className="stat">
          <b>{pct(run.metrics?.balancedAccuracy)}</b>
          <span>balanced accuracy</span>
        </div>
        <div className="stat">
          <b>{pct(run.metrics?.macroF1)}</b>
          <span>macro-F1</span>
        </div>
        <AdversarialStats run={run} />
        {run.noisyKept !== undefined && (
          <div className="stat">
            <b>{run.noisyKept.toLocaleString('en')}</b>
            <span>noisy labels kept (of {summary?.noisyCount.toLocaleString('en')})</span>
          </div>
        )}
        {run.noisyKept !== undefined && (
          <div className="stat" data-testid="run.cleanKept">
            <b>{(run.size - run.noisyKept).toLocaleString('en')}</b>
            <span>
              clean labels kept
              {summary ? ` (of ${(summary.n - summary.noisyCount).toLocaleString('en')})` : ''}
            </span>
          </div>
        )}
        {run.oodKept !== undefined && (
          <div className="stat">
            <b>{run.oodKept.toLocaleString('en')}</b>
            <span>OOD images kept (of {summary?.oodCount.toLocaleString('en')})</span>
          </div>
        )}
      </div>
      <SelectionExports run={run} />
      <div className="panel-grid">
        <StrataAccuracy run={run} />
        {run.diagnostics?.map((d, i) => (
          <DiagnosticPanel
            key={`${run.id}-${d.kind}-${i}`}
            diagnostic={d}
            summary={sameData ? summary : undefined}
            kept={kept}
            scores={run.scores}
          />
        ))}
      </div>
      {sameData && summary ? (
        summary.points ? (
          <ToyKept run={run} summary={summary} />
        ) : summary.shape.length === 2 ? (
          <KeptPrunedConstellations run={run} summary={summary} />
        ) : (
          <KeptPrunedGrids run={run} summary={summary} />
        )
      ) : (
        <p className="legend-note">Load this run's data again to see which samples it kept.</p>
      )}
    </section>
  );
}
