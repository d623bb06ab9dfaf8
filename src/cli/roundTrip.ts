/**
 * The PyTorch round trip on the CLI: embeddings and scores in (`--embeddings FILE`, `--scores
 * FILE`, `.npy` or CSV in the dataset's own numbering), selections out (`sourceIndices` in the
 * JSON, `--indices-out kept.npy|kept.txt`, `--scores-out scores.npy|scores.csv`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UsageError, takeString, type ParsedArgs } from './args';
import type { PreparedData } from '../core/data/prepare';
import {
  ImportedSignalError,
  checkRowsMatch,
  parseSignalFile,
  rowsForRun,
  type ImportedKind,
} from '../core/data/importedSignals';
import { KEPT_ROWS_NOTE, keptSourceRows, sourceNumberingOf } from '../core/data/sourceNumbering';
import type { ExperimentSpec } from '../core/experiment/spec';
import {
  indicesNpyBytes,
  indicesText,
  scoresCsv,
  scoresNpyBytes,
  type SelectionExport,
} from '../core/experiment/exportFormats';
import { DEFAULT_SPEC } from '../core/experiment/spec';
import { getMethod } from '../core/methods/registry';
import type { ImportedForRun } from '../ml/signals';

export const ROUND_TRIP_HELP = `select: PyTorch round trip (rows are in the dataset's own numbering: MNIST = rows of train-images-idx3-ubyte)
  --embeddings FILE             .npy (float32/float64, N × d) or CSV with one row per row of the whole training
                                file; geometric methods use it (their embedding param defaults to "file" then)
  --scores FILE                 .npy (N,) or CSV of one score per row of the training file; --method file-score ranks by it
  --indices-out FILE.npy|.txt   also write the kept rows (sourceIndices) as int64 .npy or one per line
  --scores-out FILE.npy|.csv    also write the method's score by source row (.npy: NaN outside the training subset)
`;

export interface RoundTripFlags {
  embeddings?: string;
  scores?: string;
  indicesOut?: string;
  scoresOut?: string;
}

function embeddingParam(method: string) {
  return getMethod(method).params.find(
    (p) => p.name === 'embedding' && p.type === 'enum' && p.options.includes('file'),
  );
}

/**
 * Reads the round-trip flags. Call before specFromArgs: with --embeddings, a method whose
 * `embedding` param offers "file" uses the file unless the user chose another source.
 */
export function takeRoundTripFlags(args: ParsedArgs): RoundTripFlags {
  const flags: RoundTripFlags = {
    embeddings: takeString(args, 'embeddings'),
    scores: takeString(args, 'scores'),
    indicesOut: takeString(args, 'indices-out'),
    scoresOut: takeString(args, 'scores-out'),
  };
  const method = args.flags.get('method')?.[0] ?? DEFAULT_SPEC.method;
  const chosen =
    args.flags.has('embedding') || (args.flags.get('param') ?? []).some((p) => p.startsWith('embedding='));
  if (flags.embeddings !== undefined) {
    if (!embeddingParam(method))
      throw new UsageError(
        `--embeddings: method ${method} does not read embeddings (k-center, herding, facility location, Moderate-DS, SubZeroCore and intra-class do)`,
      );
    if (!chosen) args.flags.set('param', [...(args.flags.get('param') ?? []), 'embedding=file']);
  }
  if (flags.scores !== undefined && method !== 'file-score')
    throw new UsageError('--scores is read by --method file-score (it ranks by the imported score)');
  if (flags.indicesOut !== undefined && !/\.(npy|txt)$/i.test(flags.indicesOut))
    throw new UsageError(`--indices-out: name a .npy or .txt file, got "${flags.indicesOut}"`);
  if (flags.scoresOut !== undefined && !/\.(npy|csv)$/i.test(flags.scoresOut))
    throw new UsageError(`--scores-out: name a .npy or .csv file, got "${flags.scoresOut}"`);
  return flags;
}

function load(path: string, kind: ImportedKind, spec: ExperimentSpec, data: PreparedData) {
  const flag = kind === 'embeddings' ? '--embeddings' : '--scores';
  if (!existsSync(path)) throw new UsageError(`${flag}: ${path} does not exist`);
  try {
    const t = parseSignalFile(new Uint8Array(readFileSync(path)), basename(path), kind);
    checkRowsMatch(t, sourceNumberingOf(spec, data));
    return { t, values: rowsForRun(t, data.truth.sourceRows) };
  } catch (e) {
    if (e instanceof ImportedSignalError) throw new UsageError(`${flag}: ${e.message}`);
    throw e;
  }
}

/** The imported files mapped to this run's training rows. */
export function importedForRun(
  flags: RoundTripFlags,
  spec: ExperimentSpec,
  data: PreparedData,
): ImportedForRun | undefined {
  if (flags.embeddings === undefined && flags.scores === undefined) return undefined;
  const out: ImportedForRun = {};
  if (flags.embeddings !== undefined) {
    const { t, values } = load(flags.embeddings, 'embeddings', spec, data);
    out.embeddings = {
      data: values,
      dim: t.dim,
      source: `file ${t.name} (${t.rows.toLocaleString('en')} × ${t.dim}, ${t.format})`,
    };
  }
  if (flags.scores !== undefined) {
    const { t, values } = load(flags.scores, 'scores', spec, data);
    out.scores = { values, name: t.name };
  }
  return out;
}

/** What `select` JSON says about the kept rows in the dataset's own numbering. */
export function sourceFields(
  spec: ExperimentSpec,
  data: PreparedData,
  indices: Int32Array,
): Record<string, unknown> {
  const numbering = sourceNumberingOf(spec, data);
  const kept = keptSourceRows(indices, data);
  return {
    note: KEPT_ROWS_NOTE,
    source: { id: numbering.id, numbering: numbering.numbering, size: numbering.size },
    sourceIndices: Array.from(kept.sourceIndices),
    ...(kept.sourcePaths ? { sourcePaths: kept.sourcePaths } : {}),
  };
}

/** The selection as the export builders want it (the same files the app's buttons write). */
export function selectionExportOf(
  spec: ExperimentSpec,
  data: PreparedData,
  indices: Int32Array,
  scores: Float32Array | undefined,
): SelectionExport {
  const numbering = sourceNumberingOf(spec, data);
  return {
    method: spec.method,
    methodName: getMethod(spec.method).name,
    dataKey: numbering.id,
    dataName: data.train.name,
    fraction: spec.fraction,
    seed: spec.seed,
    params: {},
    indices,
    scores,
    source: { numbering: numbering.numbering, size: numbering.size },
    sourceRows: data.truth.sourceRows,
  };
}

/** Writes --indices-out / --scores-out; returns one line per file written. */
export function writeRoundTripFiles(flags: RoundTripFlags, x: SelectionExport): string[] {
  const said: string[] = [];
  if (flags.indicesOut) {
    const npy = extname(flags.indicesOut).toLowerCase() === '.npy';
    writeFileSync(flags.indicesOut, npy ? indicesNpyBytes(x) : indicesText(x));
    said.push(
      `wrote ${flags.indicesOut}: ${x.indices.length} kept rows (sourceIndices, ${npy ? 'int64 .npy' : 'one per line'})`,
    );
  }
  if (flags.scoresOut) {
    if (!x.scores) throw new UsageError(`--scores-out: ${x.methodName} ranks by no score`);
    const npy = extname(flags.scoresOut).toLowerCase() === '.npy';
    writeFileSync(flags.scoresOut, npy ? scoresNpyBytes(x) : scoresCsv(x));
    said.push(`wrote ${flags.scoresOut}: ${x.scores.length} scores by source row`);
  }
  return said;
}
