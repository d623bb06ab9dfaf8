/**
 * CSV of `label, v1, v2, …` rows (an optional header line, told apart from data even when
 * numeric: `y,0,1,2,…`). Commas, semicolons or tabs; LF, CRLF or CR line ends. Values are 0–255 integers, or all
 * in [0, 1] (scaled to bytes). A perfect-square column count becomes a square grayscale image;
 * anything else a feature vector. Every problem names its line and column.
 */
import { ImportError, type ImportLimits } from './errors';

export interface CsvTable {
  labels: string[];
  values: Uint8Array;
  width: number;
  /** The 1-based line number of each row in the file. */
  lines: number[];
}

export function parseCsv(text: string, name: string, limits: ImportLimits): CsvTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new ImportError('empty', `${name} is empty`);
  const sep = separatorOf(lines[0]!);
  const cells = (line: string) => line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const first = isHeader(
    cells(lines[0]!),
    lines.slice(1, 200).map((l) => cells(l)[0]),
  )
    ? 1
    : 0;
  const rows = lines.length - first;
  if (rows === 0) throw new ImportError('empty', `${name} has a header but no data rows`);
  if (rows > limits.maxImages)
    throw new ImportError('too-many', `${name} has ${rows} rows; at most ${limits.maxImages} are accepted`);
  const width = cells(lines[first]!).length - 1;
  if (width < 1)
    throw new ImportError(
      'bad-csv',
      `${name} line ${first + 1}: a label and at least one value are needed per row`,
    );
  if (rows * width > limits.maxBytes)
    throw new ImportError('too-large', `${name} holds ${rows}×${width} values; too many to load`);
  const raw = new Float32Array(rows * width);
  const labels: string[] = [];
  let unit = true;
  for (let r = 0; r < rows; r++) {
    const lineNo = first + r + 1;
    const c = cells(lines[first + r]!);
    if (c.length - 1 !== width)
      throw new ImportError(
        'bad-csv',
        `${name} line ${lineNo}: ${c.length} columns, expected ${width + 1} like line ${first + 1}`,
      );
    if (c[0] === '')
      throw new ImportError('bad-csv', `${name} line ${lineNo}: the label (first column) is empty`);
    labels.push(c[0]!);
    for (let j = 0; j < width; j++) {
      const v = Number(c[j + 1]);
      if (c[j + 1] === '' || !Number.isFinite(v))
        throw new ImportError(
          'bad-csv',
          `${name} line ${lineNo}, column ${j + 2}: "${c[j + 1]}" is not a number`,
        );
      if (v < 0 || v > 255)
        throw new ImportError('bad-csv', `${name} line ${lineNo}, column ${j + 2}: ${v} is outside 0–255`);
      if (v > 1) unit = false;
      raw[r * width + j] = v;
    }
  }
  const values = new Uint8Array(raw.length);
  for (let q = 0; q < raw.length; q++) {
    const v = unit ? raw[q]! * 255 : raw[q]!;
    if (!unit && !Number.isInteger(v))
      throw new ImportError(
        'bad-csv',
        `${name}: value ${v} (row ${Math.floor(q / width) + 1}) is not an integer; use 0–255 integers or all values in [0, 1]`,
      );
    values[q] = Math.round(v);
  }
  return { labels, values, width, lines: labels.map((_, r) => first + r + 1) };
}

/** The most frequent of tab, semicolon and comma in the first line (a comma when none). */
function separatorOf(line: string): string {
  const count = (c: string) => line.split(c).length - 1;
  return ['\t', ';', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

/**
 * A first line is a header when a value column holds a word, or when the value columns are
 * numbered (0, 1, 2, … or 1, 2, 3, …) and its label cell is not a label of the rows below:
 * `y,0,1,2,…` names the columns; `3,0,1,2,…` is a sample of class 3 that happens to count up.
 */
function isHeader(head: string[], nextLabels: (string | undefined)[]): boolean {
  const values = head.slice(1);
  if (values.some((c) => c !== '' && !Number.isFinite(Number(c)))) return true;
  const start = Number(values[0]);
  const numbered =
    values.length > 1 && (start === 0 || start === 1) && values.every((c, j) => Number(c) === start + j);
  return numbered && !nextLabels.includes(head[0]);
}
