import { useEffect, useMemo, useState } from 'react';
import { DiagnosticView } from '../../charts/react/DiagnosticView';
import type { Diagnostic } from '../../core/methods/diagnostics';
import type { DataSummary } from '../../state/types';
import { useJobs } from '../context';
import { ExportableChart } from '../common/ExportableChart';
import { exportName, toCsv } from '../../core/experiment/exportFormats';

const tableFile = (title: string, columns: string[], rows: (string | number)[][]) => ({
  name: exportName([title], 'csv'),
  type: 'text/csv',
  text: toCsv(columns, rows),
});

const RANKING_COUNT = 12;

/** Rows an image ranking shows: both ends of the order. */
function rankingRows(d: Diagnostic): number[] {
  if (d.kind !== 'imageRanking') return [];
  const n = d.rows.length;
  const k = Math.min(RANKING_COUNT, n);
  const ends = new Set<number>();
  for (let i = 0; i < k; i++) ends.add(i);
  for (let i = Math.max(k, n - RANKING_COUNT); i < n; i++) ends.add(i);
  return [...ends].map((i) => d.rows[i]!);
}

/**
 * A diagnostic with what it needs from the worker: image rankings fetch the pixels of the rows
 * they show, and hovering an image or a point names the sample with its numbers.
 */
export function DiagnosticPanel({
  diagnostic,
  summary,
  kept,
  scores,
}: {
  diagnostic: Diagnostic;
  summary?: DataSummary;
  kept?: Set<number>;
  scores?: Float32Array;
}) {
  const jobs = useJobs();
  // Only images have pixels to fetch; toy points and radio sequences get the ranking's row table.
  const wanted = useMemo(
    () => (summary?.points || (summary && summary.shape.length !== 3) ? [] : rankingRows(diagnostic)),
    [diagnostic, summary],
  );
  const [pixels, setPixels] = useState<{ rows: number[]; data: Uint8Array }>();
  const [hover, setHover] = useState<number | null>(null);
  useEffect(() => {
    if (!wanted.length) return;
    let live = true;
    void jobs.images(wanted).then((data) => live && setPixels({ rows: wanted, data }));
    return () => {
      live = false;
    };
  }, [jobs, wanted]);
  const ready = pixels?.rows === wanted;
  const ctx = useMemo(() => {
    const [h, w, c = 1] = (summary?.shape ?? [28, 28, 1]) as [number, number, number?];
    const offset = new Map((ready ? pixels.rows : []).map((r, i) => [r, i]));
    return {
      rankingCount: RANKING_COUNT,
      isKept: kept ? (r: number) => kept.has(r) : undefined,
      onHoverRow: setHover,
      getImages: (rows: Int32Array) => {
        if (!ready) return undefined;
        const dim = h * w * c;
        const out = new Uint8Array(rows.length * dim);
        for (let i = 0; i < rows.length; i++) {
          const at = offset.get(rows[i]!);
          if (at === undefined) return undefined;
          out.set(pixels.data.subarray(at * dim, (at + 1) * dim), i * dim);
        }
        return { pixels: out, width: w, height: h, channels: c };
      },
    };
  }, [ready, pixels, summary, kept]);
  if (wanted.length && !ready) return <p className="empty">Loading images…</p>;
  return (
    <div>
      <ExportableChart
        name={diagnostic.title}
        csv={
          diagnostic.kind === 'table'
            ? () => tableFile(diagnostic.title, diagnostic.columns, diagnostic.rows)
            : undefined
        }
      >
        <DiagnosticView diagnostic={diagnostic} ctx={ctx} />
      </ExportableChart>
      {diagnostic.kind === 'imageRanking' && kept && (
        <p className="legend-note border-legend" data-testid="run.borderLegend">
          <span className="swatch kept" aria-hidden="true" /> kept{' '}
          <span className="swatch pruned" aria-hidden="true" /> pruned (image border)
        </p>
      )}
      {hover !== null && summary && (
        <p className="legend-note" data-testid="run.hover">
          row {hover} · label {summary.classNames[summary.labels[hover]!]}
          {scores ? ` · score ${scores[hover]!.toPrecision(3)}` : ''}
          {kept ? ` · ${kept.has(hover) ? 'kept' : 'pruned'}` : ''}
          {summary.truth.noisyMask?.[hover] ? ' · injected label noise' : ''}
          {summary.truth.oodMask?.[hover] ? ' · OOD image' : ''}
        </p>
      )}
    </div>
  );
}
