import { useEffect, useMemo, useState } from 'react';
import { ImageGridView } from '../../charts/react/ImageGridView';
import type { DataSummary } from '../../state/types';
import { ExportableChart } from '../common/ExportableChart';
import { useJobs } from '../context';

const GRID = 24;

/** Evenly spaced picks, so a long list shows every class rather than its first rows. */
function spread(rows: Int32Array, count: number): number[] {
  if (rows.length <= count) return Array.from(rows);
  return Array.from({ length: count }, (_, i) => rows[Math.floor((i * rows.length) / count)]!);
}

/** The images only A kept beside those only B kept (pixels fetched from the worker). */
export function DiffGrids({
  onlyA,
  onlyB,
  nameA,
  nameB,
  summary,
}: {
  onlyA: Int32Array;
  onlyB: Int32Array;
  nameA: string;
  nameB: string;
  summary: DataSummary;
}) {
  const jobs = useJobs();
  const [h, w, channels = 1] = summary.shape as [number, number, number?];
  const a = useMemo(() => spread(onlyA, GRID), [onlyA]);
  const b = useMemo(() => spread(onlyB, GRID), [onlyB]);
  const [pixels, setPixels] = useState<{ a: number[]; b: number[]; data: Uint8Array }>();
  useEffect(() => {
    let live = true;
    void jobs.images([...a, ...b]).then((data) => live && setPixels({ a, b, data }));
    return () => {
      live = false;
    };
  }, [jobs, a, b]);
  const ready = pixels?.a === a && pixels.b === b;
  const cell = (rows: number[], offset: number) => ({
    pixels: ready ? pixels.data : new Uint8Array(0),
    width: w,
    height: h,
    channels,
    rows: rows.map((_, i) => i + offset),
    ids: rows,
    captions: rows.map((r) => summary.classNames[summary.labels[r]!] ?? ''),
  });
  if (!ready) return <p className="empty">Loading images…</p>;
  return (
    <div className="panel-grid">
      <div data-testid="diff.onlyAGrid">
        <h3>
          Only in A · {nameA} ({onlyA.length.toLocaleString('en')}
          {onlyA.length > GRID ? `, ${GRID} shown` : ''})
        </h3>
        {a.length ? (
          <ExportableChart name={`Only in ${nameA}`}>
            <ImageGridView data={cell(a, 0)} options={{ title: `Kept only by ${nameA}` }} />
          </ExportableChart>
        ) : (
          <p className="empty">None: B kept everything A kept.</p>
        )}
      </div>
      <div data-testid="diff.onlyBGrid">
        <h3>
          Only in B · {nameB} ({onlyB.length.toLocaleString('en')}
          {onlyB.length > GRID ? `, ${GRID} shown` : ''})
        </h3>
        {b.length ? (
          <ExportableChart name={`Only in ${nameB}`}>
            <ImageGridView data={cell(b, a.length)} options={{ title: `Kept only by ${nameB}` }} />
          </ExportableChart>
        ) : (
          <p className="empty">None: A kept everything B kept.</p>
        )}
      </div>
    </div>
  );
}
