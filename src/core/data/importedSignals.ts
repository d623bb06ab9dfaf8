/**
 * Embeddings and scores computed elsewhere (CLIP / DINO / a ResNet's features, a cluster's
 * per-sample scores) brought in as `.npy` (float32 / float64; N × d or N) or CSV, one row per row
 * of the dataset's own numbering (core/data/sourceNumbering.ts) — so features for the whole
 * training file apply to any subset. Every bad file is refused with what is wrong and where.
 */
import { utf8 } from './import/utf8';
import { readNpy } from './npy';
import { gatherSourceRows, type SourceNumbering } from './sourceNumbering';

export class ImportedSignalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportedSignalError';
  }
}

export type ImportedKind = 'embeddings' | 'scores';

export interface ImportedTable {
  kind: ImportedKind;
  /** The file's name, for messages and the UI. */
  name: string;
  rows: number;
  /** Values per row (1 for scores). */
  dim: number;
  /** Row-major rows × dim, in the source numbering. */
  values: Float32Array;
  /** What the file held: 'float32', 'float64' or 'csv'. */
  format: string;
}

function isNpy(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && bytes[0] === 0x93 && bytes[1] === 0x4e && bytes[2] === 0x55;
}

const DTYPE_NAMES: Record<string, string> = {
  i1: 'int8',
  u1: 'uint8',
  b1: 'bool',
  i2: 'int16',
  u2: 'uint16',
  i4: 'int32',
  u4: 'uint32',
  i8: 'int64',
  u8: 'uint64',
};

function fromNpy(bytes: Uint8Array, name: string, kind: ImportedKind): ImportedTable {
  let a;
  try {
    a = readNpy(bytes, name);
  } catch (e) {
    throw new ImportedSignalError((e as Error).message);
  }
  if (a.dtype !== 'f4' && a.dtype !== 'f8')
    throw new ImportedSignalError(
      `${name} holds ${DTYPE_NAMES[a.dtype] ?? a.dtype} values; ${kind} must be float32 or float64 (save arr.astype(np.float32))`,
    );
  const shape = a.shape;
  const rows = shape[0] ?? 0;
  let dim: number;
  if (shape.length === 1) dim = 1;
  else if (shape.length === 2) dim = shape[1]!;
  else
    throw new ImportedSignalError(
      `${name} has shape (${shape.join(', ')}); ${kind === 'scores' ? 'scores must be (N,) or (N, 1)' : 'embeddings must be (N, d) or (N,)'} with one row per sample — flatten the other axes first`,
    );
  if (kind === 'scores' && dim !== 1)
    throw new ImportedSignalError(
      `${name} has shape (${shape.join(', ')}); scores must be one value per row: (N,) or (N, 1)`,
    );
  const values = a.data instanceof Float32Array ? a.data : Float32Array.from(a.data as Float64Array);
  return { kind, name, rows, dim, values, format: a.dtype === 'f4' ? 'float32' : 'float64' };
}

function fromCsv(bytes: Uint8Array, name: string, kind: ImportedKind): ImportedTable {
  const text = utf8(bytes);
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new ImportedSignalError(`${name} is empty`);
  const split = (l: string) => l.split(/[,;\t]/).map((c) => c.trim());
  // A first line with any non-number is a header.
  const first = split(lines[0]!);
  const header = first.some((c) => c === '' || (Number.isNaN(Number(c)) && !/^[+-]?nan$/i.test(c)));
  const body = header ? lines.slice(1) : lines;
  const dim = first.length;
  if (kind === 'scores' && dim !== 1)
    throw new ImportedSignalError(
      `${name} has ${dim} columns; a scores CSV has one value per line (one row per sample, in the dataset's numbering)`,
    );
  const values = new Float32Array(body.length * dim);
  for (let i = 0; i < body.length; i++) {
    const cells = split(body[i]!);
    const line = i + (header ? 2 : 1);
    if (cells.length !== dim)
      throw new ImportedSignalError(
        `${name}: line ${line} has ${cells.length} values, line ${header ? 2 : 1} has ${dim}`,
      );
    for (let q = 0; q < dim; q++) {
      const c = cells[q]!;
      const v = c === '' ? NaN : Number(c);
      if (Number.isNaN(v) && !/^[+-]?nan$/i.test(c))
        throw new ImportedSignalError(
          `${name}: line ${line}, column ${q + 1}: "${c.slice(0, 40)}" is not a number`,
        );
      values[i * dim + q] = v;
    }
  }
  return { kind, name, rows: body.length, dim, values, format: 'csv' };
}

/** Parses a `.npy` (by its magic bytes) or CSV file and refuses NaN / ±Inf and empty files. */
export function parseSignalFile(bytes: Uint8Array, name: string, kind: ImportedKind): ImportedTable {
  const t = isNpy(bytes) ? fromNpy(bytes, name, kind) : fromCsv(bytes, name, kind);
  if (t.rows === 0 || t.dim === 0) throw new ImportedSignalError(`${name} holds no values`);
  let bad = 0;
  let firstBad = -1;
  for (let i = 0; i < t.values.length; i++)
    if (!Number.isFinite(t.values[i]!)) {
      if (firstBad < 0) firstBad = i;
      bad++;
    }
  if (bad > 0)
    throw new ImportedSignalError(
      `${name}: ${bad.toLocaleString('en')} value${bad === 1 ? ' is' : 's are'} NaN or infinite (first at row ${Math.floor(firstBad / t.dim)}${t.dim > 1 ? `, column ${firstBad % t.dim}` : ''}); every value must be finite`,
    );
  return t;
}

/** The file must have one row per row of the numbering, in its order. */
export function checkRowsMatch(t: ImportedTable, numbering: SourceNumbering): void {
  if (t.rows !== numbering.size)
    throw new ImportedSignalError(
      `${t.name} has ${t.rows.toLocaleString('en')} rows but the data's numbering has ${numbering.size.toLocaleString('en')} (${numbering.numbering}): give one row per row of the whole training file, in its order`,
    );
}

/** The table's rows for the run's training rows (`sourceRows[i]` is row i's source row). */
export function rowsForRun(t: ImportedTable, sourceRows: Int32Array): Float32Array {
  return gatherSourceRows(t.values, t.dim, sourceRows);
}
