/**
 * `select-file`: selection on an embeddings file alone, for data that outgrew the tab (ImageNet
 * features from a cluster): no images, no training, just the selection kernels over the rows of
 * the file, streaming where they stream (k-center's min-distance vector, facility location's
 * sparse kNN graph). Rows out are rows of the file, i.e. the dataset's own numbering.
 *
 *   npm run cli -- select-file --embeddings feats.npy [--labels labels.npy] --method kcenter \
 *     --fraction 0.01 --indices-out kept.npy --out selection.json
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError, takeAll, takeNumber, takeString, type ParsedArgs } from './args';
import { rejectLeftovers } from './spec';
import { toJson } from './json';
import { ImportedSignalError, parseSignalFile } from '../core/data/importedSignals';
import { NpyError, npyNumbers, readNpy } from '../core/data/npy';
import { indicesNpy } from '../core/data/npy';
import { createRng } from '../core/math/rng';
import { budgetFor } from '../core/budget/budgets';
import { parseParamAssignments, resolveParams } from '../core/methods/params';
import { getMethod } from '../core/methods/registry';
import type { Signals } from '../core/signals/types';

export const SELECT_FILE_HELP = `select-file flags (selection on an embeddings file alone; rows = rows of the file):
  --embeddings FILE             .npy (float32/float64, N × d) or CSV: the rows to select from (required)
  --labels FILE                 .npy (integers 0…C−1) or one integer per line; without it every row is class 0
  --scores FILE                 for --method file-score: one score per row
  --method ID                   one that needs only embeddings (kcenter, herding, facility-location, moderate,
                                subzero, intra-class) or file-score / random
  --fraction F --seed N --param name=value   as for select
  --indices-out FILE.npy|.txt   the kept rows (int64 .npy or one per line)
  --out FILE                    JSON (kept rows, per-class counts, time and peak memory)
`;

function readLabels(path: string, n: number): { labels: Uint8Array; numClasses: number } {
  if (!existsSync(path)) throw new UsageError(`--labels: ${path} does not exist`);
  const bytes = new Uint8Array(readFileSync(path));
  const name = basename(path);
  let values: ArrayLike<number>;
  try {
    values =
      bytes[0] === 0x93
        ? npyNumbers(readNpy(bytes, name), name)
        : new TextDecoder()
            .decode(bytes)
            .split(/\r?\n/)
            .filter((l) => l.trim() !== '')
            .map(Number);
  } catch (e) {
    if (e instanceof NpyError) throw new UsageError(`--labels: ${e.message}`);
    throw e;
  }
  if (values.length !== n)
    throw new UsageError(`--labels: ${name} has ${values.length} rows, the embeddings ${n}`);
  const labels = new Uint8Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 255)
      throw new UsageError(`--labels: row ${i} holds ${v}; labels are integers 0…255 (class numbers)`);
    labels[i] = v;
    if (v > max) max = v;
  }
  return { labels, numClasses: max + 1 };
}

function table(path: string, kind: 'embeddings' | 'scores') {
  if (!existsSync(path)) throw new UsageError(`--${kind}: ${path} does not exist`);
  try {
    return parseSignalFile(new Uint8Array(readFileSync(path)), basename(path), kind);
  } catch (e) {
    if (e instanceof ImportedSignalError) throw new UsageError(`--${kind}: ${e.message}`);
    throw e;
  }
}

export async function selectFileCommand(args: ParsedArgs): Promise<void> {
  const embPath = takeString(args, 'embeddings');
  if (embPath === undefined) throw new UsageError('select-file needs --embeddings FILE');
  const labelsPath = takeString(args, 'labels');
  const scoresPath = takeString(args, 'scores');
  const method = getMethod(takeString(args, 'method') ?? 'kcenter');
  const fraction = takeNumber(args, 'fraction') ?? 0.1;
  const seed = takeNumber(args, 'seed') ?? 1;
  const out = takeString(args, 'out');
  const indicesOut = takeString(args, 'indices-out');
  const given = parseParamAssignments(takeAll(args, 'param'));
  rejectLeftovers(args);
  if (!(fraction > 0 && fraction <= 1)) throw new UsageError(`--fraction must be in (0, 1], got ${fraction}`);
  if (indicesOut !== undefined && !/\.(npy|txt)$/i.test(indicesOut))
    throw new UsageError(`--indices-out: name a .npy or .txt file, got "${indicesOut}"`);
  if (method.kind !== 'pre-training' || method.needs.some((s) => s !== 'embeddings'))
    throw new UsageError(
      `select-file runs methods that need only embeddings; ${method.id} needs ${method.needs.join(', ')}`,
    );
  const hasEmbeddingParam = method.params.some((p) => p.name === 'embedding');
  const params = resolveParams(
    method.params,
    hasEmbeddingParam ? { ...given, embedding: 'file' } : given,
    method.name,
  );

  const t0 = performance.now();
  const emb = table(embPath, 'embeddings');
  const n = emb.rows;
  const { labels, numClasses } = labelsPath
    ? readLabels(labelsPath, n)
    : { labels: new Uint8Array(n), numClasses: 1 };
  const signals: Signals = {
    n,
    numClasses,
    labels,
    classNames: Array.from({ length: numClasses }, (_, c) => String(c)),
    embeddings: { data: emb.values, dim: emb.dim, source: `file ${emb.name}` },
  };
  if (scoresPath) {
    const s = table(scoresPath, 'scores');
    if (s.rows !== n) throw new UsageError(`--scores: ${s.name} has ${s.rows} rows, the embeddings ${n}`);
    signals.fileScores = { values: s.values, name: s.name };
  }
  const loadMs = performance.now() - t0;
  const budget = budgetFor(fraction, n);
  const t1 = performance.now();
  const cpu = () => {
    const u = process.resourceUsage();
    return (u.userCPUTime + u.systemCPUTime) / 1000;
  };
  const cpu0 = cpu();
  const selection = await method.select(signals, params, {
    fraction,
    budget,
    rng: createRng(seed).fork(`select-${method.id}`),
    onProgress: (d, m) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${m ?? method.id} ${(d * 100).toFixed(0)}%   `);
    },
    signal: new AbortController().signal,
  });
  const selectionMs = performance.now() - t1;
  // CPU time beside wall time: on a shared machine the wall clock says more about the neighbours.
  const selectionCpuMs = cpu() - cpu0;
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  if (indicesOut)
    writeFileSync(
      indicesOut,
      /\.npy$/i.test(indicesOut)
        ? indicesNpy(selection.indices)
        : Array.from(selection.indices).join('\n') + '\n',
    );
  const result = {
    method: method.id,
    params,
    fraction,
    seed,
    n,
    dim: emb.dim,
    budget: selection.indices.length,
    note: 'indices are the rows KEPT, as rows of the embeddings file (0-based): the dataset’s own numbering when the file was written in it.',
    indices: Array.from(selection.indices),
    perClassCounts: selection.perClassCounts,
    timings: { loadMs, selectionMs, selectionCpuMs },
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  const json = toJson(result);
  if (out) {
    writeFileSync(out, json + '\n');
    console.error(
      `wrote ${out}: ${selection.indices.length} of ${n} rows (${method.id}, ${(selectionMs / 1000).toFixed(1)} s)`,
    );
  } else process.stdout.write(json + '\n');
}
