/** What the export buttons write: a run's selection and the results table, as files' text. */
import {
  exportName,
  indicesNpyBytes,
  indicesText,
  scoresCsv,
  scoresNpyBytes,
  selectionCsv,
  selectionJson,
  toCsv,
  type SelectionExport,
} from '../core/experiment/exportFormats';
import { getMethod } from '../core/methods/registry';
import type { RunRecord } from './types';

export interface TextFile {
  name: string;
  type: string;
  text: string;
}

export interface BinaryFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export type ExportFile = TextFile | BinaryFile;

function pctLabel(f: number | undefined): string {
  return `${((f ?? 1) * 100).toFixed(f !== undefined && f < 0.1 ? 1 : 0)}pct`;
}

export function runLabel(r: RunRecord): string {
  if (r.kind === 'full') return 'Full data';
  const name = r.method ? getMethod(r.method).name : '?';
  // Adaptive methods (HyperCore) choose their own size: the fraction asked for is not what ran.
  if (r.status === 'done' && r.requestedSize !== undefined && r.size !== r.requestedSize)
    return `${name} adaptive`;
  return `${name} ${((r.fraction ?? 1) * 100).toFixed((r.fraction ?? 1) < 0.1 ? 1 : 0)}%`;
}

function selectionOf(run: RunRecord): SelectionExport {
  if (run.kind !== 'coreset' || !run.indices)
    throw new Error('only a finished coreset run has a selection to export');
  return {
    method: run.method ?? '',
    methodName: run.method ? getMethod(run.method).name : '',
    dataKey: run.dataKey,
    dataName: run.dataName,
    fraction: run.fraction ?? 1,
    seed: run.seed,
    params: run.params ?? {},
    indices: run.indices,
    labels: run.keptLabels,
    classNames: run.classNames,
    scores: run.scores,
    noisy: run.keptNoisy,
    ood: run.keptOod,
    source: run.source,
    sourceRows: run.sourceRows,
    sourcePaths: run.keptPaths,
  };
}

function baseName(run: RunRecord, what: string): string[] {
  return [what, run.method ?? '', pctLabel(run.fraction), `seed${run.seed}`, run.dataName];
}

/**
 * The kept rows alone, in the dataset's own numbering when the run knows it: one per line, or an
 * int64 `.npy` for `torch.utils.data.Subset(dataset, np.load(...).tolist())`.
 */
export function indicesFile(run: RunRecord, format: 'txt' | 'npy'): ExportFile {
  const x = selectionOf(run);
  const name = exportName(baseName(run, 'kept'), format);
  return format === 'txt'
    ? { name, type: 'text/plain', text: indicesText(x) }
    : { name, type: 'application/octet-stream', bytes: indicesNpyBytes(x) };
}

/** The method's score for every training row, by row of the dataset's own numbering. */
export function scoresFile(run: RunRecord, format: 'npy' | 'csv'): ExportFile {
  const x = selectionOf(run);
  const name = exportName(baseName(run, 'scores'), format);
  return format === 'csv'
    ? { name, type: 'text/csv', text: scoresCsv(x) }
    : { name, type: 'application/octet-stream', bytes: scoresNpyBytes(x) };
}

export function selectionFile(run: RunRecord, format: 'json' | 'csv'): TextFile {
  const x = selectionOf(run);
  const name = exportName(
    ['selection', x.method, pctLabel(run.fraction), `seed${run.seed}`, run.dataName],
    format,
  );
  return format === 'json'
    ? { name, type: 'application/json', text: selectionJson(x) }
    : { name, type: 'text/csv', text: selectionCsv(x) };
}

const RUN_COLUMNS = [
  'run',
  'status',
  'data',
  'model',
  'epochs',
  'method',
  'fraction',
  'kept',
  'seed',
  'accuracy',
  'balanced_accuracy',
  'macro_f1',
  'worst_class_accuracy',
  'delta_vs_full',
  'signals_ms',
  'selection_ms',
  'training_ms',
  'evaluation_ms',
  'samples_per_s',
  'noisy_kept',
  'ood_kept',
  'backend',
  'started',
  'error',
] as const;

/** Every run as one CSV line; accuracy gaps against the latest full-data run on the same data. */
export function runsTableFile(runs: readonly RunRecord[]): TextFile {
  const fullByData = new Map<string, RunRecord>();
  for (const r of runs)
    if (r.kind === 'full' && r.status === 'done' && r.metrics) fullByData.set(r.dataKey, r);
  const rows = runs.map((r) => {
    const full = fullByData.get(r.dataKey);
    const m = r.metrics;
    const t = r.timings;
    return [
      runLabel(r),
      r.status,
      r.dataName,
      r.model,
      r.epochs,
      r.method ?? 'full',
      r.fraction ?? 1,
      r.size,
      r.seed,
      m?.accuracy,
      m?.balancedAccuracy,
      m?.macroF1,
      m?.worstClassAccuracy,
      m && full && full !== r ? m.accuracy - full.metrics!.accuracy : undefined,
      t?.signalsMs,
      t?.selectionMs,
      t?.trainingMs,
      t?.evaluationMs,
      r.samplesPerSecond,
      r.noisyKept,
      r.oodKept,
      r.backend,
      new Date(r.startedAt).toISOString(),
      r.error,
    ];
  });
  return {
    name: exportName(['coreset-workbench-runs', new Date().toISOString().slice(0, 10)], 'csv'),
    type: 'text/csv',
    text: toCsv(RUN_COLUMNS, rows),
  };
}
