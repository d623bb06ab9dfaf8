/**
 * Embeddings and scores the user imported beside the data (core/data/importedSignals.ts), kept in
 * the worker per numbering (a file for the MNIST training file serves every MNIST subset). A file
 * that fails its checks changes nothing: what was loaded before stays. Results come back as data
 * (Comlink would drop the error class).
 */
import {
  ImportedSignalError,
  checkRowsMatch,
  parseSignalFile,
  rowsForRun,
  type ImportedKind,
  type ImportedTable,
} from '../../core/data/importedSignals';
import type { DataSpec, PreparedData } from '../../core/data/prepare';
import { sourceNumberingOf } from '../../core/data/sourceNumbering';
import type { ImportedForRun } from '../../ml/signals';

export interface SignalFileInfo {
  kind: ImportedKind;
  name: string;
  rows: number;
  dim: number;
  format: string;
  /** The numbering the file's rows are in (SourceNumbering.id). */
  numberingId: string;
}

export type SignalFileResultDto = ({ ok: true } & SignalFileInfo) | { ok: false; message: string };

export function createSignalFileStore() {
  const files = new Map<ImportedKind, { table: ImportedTable; numberingId: string }>();
  return {
    add(
      bytes: Uint8Array,
      name: string,
      kind: ImportedKind,
      spec: DataSpec,
      data: PreparedData,
    ): SignalFileResultDto {
      try {
        const table = parseSignalFile(bytes, name, kind);
        const numbering = sourceNumberingOf(spec, data);
        checkRowsMatch(table, numbering);
        files.set(kind, { table, numberingId: numbering.id });
        return {
          ok: true,
          kind,
          name,
          rows: table.rows,
          dim: table.dim,
          format: table.format,
          numberingId: numbering.id,
        };
      } catch (e) {
        if (e instanceof ImportedSignalError) return { ok: false, message: e.message };
        return { ok: false, message: `${name}: ${(e as Error).message}` };
      }
    },
    remove(kind: ImportedKind): void {
      files.delete(kind);
    },
    /** The files in this data's numbering, mapped to its training rows. */
    forRun(spec: DataSpec, data: PreparedData): ImportedForRun | undefined {
      const id = sourceNumberingOf(spec, data).id;
      const out: ImportedForRun = {};
      const e = files.get('embeddings');
      if (e && e.numberingId === id) {
        const t = e.table;
        out.embeddings = {
          data: rowsForRun(t, data.truth.sourceRows),
          dim: t.dim,
          source: `file ${t.name} (${t.rows} × ${t.dim})`,
        };
      }
      const s = files.get('scores');
      if (s && s.numberingId === id)
        out.scores = { values: rowsForRun(s.table, data.truth.sourceRows), name: s.table.name };
      return out.embeddings || out.scores ? out : undefined;
    },
  };
}
