/**
 * Files a user takes away: a selection (indices, labels, scores) as JSON or CSV, and any table as
 * RFC 4180 CSV. Pure text builders; the browser wraps them in a Blob, the CLI writes them to disk.
 */
import { indicesNpy, writeNpy } from '../data/npy';
import { KEPT_ROWS_NOTE } from '../data/sourceNumbering';

export interface SelectionExport {
  method: string;
  methodName: string;
  dataKey: string;
  dataName: string;
  fraction: number;
  seed: number;
  params: Readonly<Record<string, string | number | boolean>>;
  /** Dataset rows kept (ascending). */
  indices: ArrayLike<number>;
  /** Label of each kept row (aligned with indices), as the run saw it (after any injected noise). */
  labels?: ArrayLike<number>;
  classNames?: readonly string[];
  /** The method's per-row score over the whole dataset (length N), when it ranks by one. */
  scores?: ArrayLike<number>;
  /** Ground truth for kept rows when corruption was injected (aligned with indices). */
  noisy?: ArrayLike<number>;
  ood?: ArrayLike<number>;
  /** The dataset's own numbering (core/data/sourceNumbering.ts), when the run knows it. */
  source?: { numbering: string; size: number };
  /** Every training row's row in that numbering (length N); kept rows map through it. */
  sourceRows?: ArrayLike<number>;
  /** Each kept row's own name (imported file path), aligned with indices. */
  sourcePaths?: readonly string[];
}

/** A cell as CSV needs it: quoted when it holds a comma, quote or line break. */
export function csvCell(v: string | number | boolean | undefined | null): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined | null)[])[],
): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The kept rows in the dataset's own numbering (aligned with indices); undefined when unknown. */
export function sourceIndicesOf(x: Pick<SelectionExport, 'indices' | 'sourceRows'>): number[] | undefined {
  const rows = x.sourceRows;
  if (!rows) return undefined;
  return Array.from(x.indices, (r) => {
    const s = rows[r];
    if (s === undefined)
      throw new Error(`selection export: kept row ${r} has no source row (${rows.length} known)`);
    return s;
  });
}

function check(x: SelectionExport): void {
  const k = x.indices.length;
  if (x.sourcePaths && x.sourcePaths.length !== k)
    throw new Error(`selection export: sourcePaths has ${x.sourcePaths.length} entries for ${k} kept rows`);
  for (const [name, arr] of [
    ['labels', x.labels],
    ['noisy', x.noisy],
    ['ood', x.ood],
  ] as const)
    if (arr && arr.length !== k)
      throw new Error(`selection export: ${name} has ${arr.length} entries for ${k} kept rows`);
}

/** One line per kept row: its rank in the file, dataset row, label, class name, score, truth flags. */
export function selectionCsv(x: SelectionExport): string {
  check(x);
  const source = sourceIndicesOf(x);
  const header = ['row', 'label', 'class'];
  if (source) header.push('source_index');
  if (x.sourcePaths) header.push('source_path');
  if (x.scores) header.push('score');
  if (x.noisy) header.push('noisy');
  if (x.ood) header.push('ood');
  const rows: (string | number)[][] = [];
  for (let i = 0; i < x.indices.length; i++) {
    const r = x.indices[i]!;
    const label = x.labels?.[i];
    const line: (string | number)[] = [
      r,
      label ?? '',
      label === undefined ? '' : (x.classNames?.[label] ?? String(label)),
    ];
    if (source) line.push(source[i]!);
    if (x.sourcePaths) line.push(x.sourcePaths[i]!);
    if (x.scores) line.push(x.scores[r] ?? '');
    if (x.noisy) line.push(x.noisy[i]!);
    if (x.ood) line.push(x.ood[i]!);
    rows.push(line);
  }
  return toCsv(header, rows);
}

/** The whole selection with its provenance, so the file alone says what it is. */
export function selectionJson(x: SelectionExport): string {
  check(x);
  const kept = Array.from(x.indices);
  return JSON.stringify(
    {
      format: 'coreset-workbench/selection@1',
      method: x.method,
      methodName: x.methodName,
      data: { key: x.dataKey, name: x.dataName },
      fraction: x.fraction,
      seed: x.seed,
      params: x.params,
      size: kept.length,
      note: KEPT_ROWS_NOTE,
      source: x.source,
      sourceIndices: sourceIndicesOf(x),
      sourcePaths: x.sourcePaths,
      indices: kept,
      labels: x.labels ? Array.from(x.labels) : undefined,
      classNames: x.classNames,
      scores: x.scores ? kept.map((r) => x.scores![r] ?? null) : undefined,
      noisy: x.noisy ? Array.from(x.noisy) : undefined,
      ood: x.ood ? Array.from(x.ood) : undefined,
    },
    null,
    1,
  );
}

/**
 * The kept rows, one per line, for `np.loadtxt(..., dtype=int)`: rows in the dataset's own
 * numbering when known, else rows of the training subset.
 */
export function indicesText(x: SelectionExport): string {
  return (sourceIndicesOf(x) ?? Array.from(x.indices)).join('\n') + '\n';
}

/** The kept rows as an int64 `.npy` (the dataset's own numbering when known). */
export function indicesNpyBytes(x: SelectionExport): Uint8Array {
  return indicesNpy(sourceIndicesOf(x) ?? Array.from(x.indices));
}

/**
 * The method's per-row score indexed by the dataset's own numbering: a float32 array as long as
 * the whole training file, NaN for rows outside the run's training subset (`np.isnan` tells them
 * apart). Without a known numbering, one value per training row.
 */
export function scoresBySource(x: SelectionExport): Float32Array {
  const s = x.scores;
  if (!s) throw new Error('selection export: this method ranks by no score');
  if (!x.sourceRows || !x.source) return Float32Array.from(s);
  const out = new Float32Array(x.source.size).fill(NaN);
  for (let i = 0; i < s.length; i++) out[x.sourceRows[i]!] = s[i]!;
  return out;
}

export function scoresNpyBytes(x: SelectionExport): Uint8Array {
  return writeNpy(scoresBySource(x));
}

/** One line per training row: its row in the dataset's numbering, its score and whether it was kept. */
export function scoresCsv(x: SelectionExport): string {
  const s = x.scores;
  if (!s) throw new Error('selection export: this method ranks by no score');
  const kept = new Set(Array.from(x.indices));
  const rows: (number | string)[][] = [];
  for (let i = 0; i < s.length; i++)
    rows.push([x.sourceRows ? x.sourceRows[i]! : i, s[i]!, kept.has(i) ? 1 : 0]);
  rows.sort((a, b) => (a[0] as number) - (b[0] as number));
  return toCsv([x.sourceRows ? 'source_index' : 'row', 'score', 'kept'], rows);
}

/** A file name that sorts and says what is in it: `el2n-30pct-seed1-mnist-1k.csv`. */
export function exportName(parts: readonly (string | number)[], ext: string): string {
  const base = parts
    .map((p) =>
      String(p)
        .toLowerCase()
        .replace(/[^a-z0-9.]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `${base || 'export'}.${ext}`;
}
