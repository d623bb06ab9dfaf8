/**
 * Files a user takes away: a selection (indices, labels, scores) as JSON or CSV, and any table as
 * RFC 4180 CSV. Pure text builders; the browser wraps them in a Blob, the CLI writes them to disk.
 */

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

function check(x: SelectionExport): void {
  const k = x.indices.length;
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
  const header = ['row', 'label', 'class'];
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
