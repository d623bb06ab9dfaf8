/**
 * `scores`: one recorded training run → every per-sample score as JSON, with the ground truth
 * of any injected corruption and how well each score finds it (AUROC), for offline analysis:
 *
 *   npm run cli -- scores --dataset mnist --train-size 3000 --model mlp --epochs 6 --seed 1 \
 *     --noise 0.2 [--input-grads] [--raw] [--early-epochs 3] [--no-cache] --out scores.json
 *
 * The run is the same shared training-dynamics run the methods use (ml/signals.ts), cached in
 * `.cache/signals/` so a second call with the same flags does not retrain.
 */
import { writeFileSync } from 'node:fs';
import { UsageError, takeNumber, takeString, type ParsedArgs } from './args';
import { toJson } from './json';
import { nodeSplitProvider } from './nodeData';
import { rejectLeftovers, specFromArgs } from './spec';
import { fileSignalCache } from './fileSignalCache';
import { prepareData } from '../core/data/prepare';
import { auroc } from '../core/signals/auroc';
import {
  aign,
  aum,
  dataMap,
  earlyEpochs,
  el2nScores,
  forgettingEvents,
  grandScores,
  neverLearned,
} from '../core/signals/scores';
import type { TrainingRecord } from '../core/signals/types';
import { BACKENDS, type BackendName } from '../ml/backend';

/** Flags of `scores` that take no value: main.ts must pass them to parseArgs as booleans. */
export const SCORES_BOOLEAN_FLAGS: readonly string[] = ['input-grads', 'raw', 'no-cache'];

export const SCORES_HELP = `scores flags (plus the dataset, corruption and training flags of select):
  --input-grads                 also record input-gradient norms (AIGN; one extra backward pass per epoch)
  --early-epochs E              epochs averaged for EL2N and GraNd (default 3, capped at --epochs)
  --raw                         include the raw N × T record arrays (epoch-major: [t * n + i])
  --no-cache                    retrain even if .cache/signals holds this run (the result is still stored)
  --backend wasm|cpu|webgl|webgpu   tfjs backend (default wasm)
  --out FILE                    write JSON there instead of stdout
`;

/** Six significant digits: float32 noise beyond that only bloats the file. */
function round(a: ArrayLike<number>): number[] {
  return Array.from(a, (v) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v));
}

function rawArrays(r: TrainingRecord): Record<string, number[]> {
  const out: Record<string, number[]> = {
    correct: Array.from(r.correct),
    trueProb: round(r.trueProb),
    margin: round(r.margin),
    loss: round(r.loss),
    el2n: round(r.el2n),
    grand: round(r.grand),
  };
  if (r.inputGradNorm) out.inputGradNorm = round(r.inputGradNorm);
  return out;
}

/** AUROC of each score against a mask, oriented so that 1 means "the score finds the masked rows". */
function detection(scores: Record<string, Float32Array>, mask: Uint8Array): Record<string, number> {
  // Low AUM / confidence / correctness mark suspicious rows; high values of the rest do.
  const lowMeansPositive = new Set(['aum', 'confidence', 'correctness']);
  const out: Record<string, number> = {};
  for (const [name, s] of Object.entries(scores)) {
    const oriented = lowMeansPositive.has(name) ? s.map((v) => -v) : s;
    out[name] = Number(auroc(oriented, mask).toFixed(4));
  }
  return out;
}

export async function scoresCommand(args: ParsedArgs): Promise<void> {
  const spec = specFromArgs(args);
  const out = takeString(args, 'out');
  const backendFlag = takeString(args, 'backend');
  if (backendFlag !== undefined && !(BACKENDS as readonly string[]).includes(backendFlag))
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got "${backendFlag}"`);
  const early = takeNumber(args, 'early-epochs') ?? 3;
  if (!Number.isInteger(early) || early < 1)
    throw new UsageError(`--early-epochs must be a positive integer, got ${early}`);
  const inputGrads = args.booleans.has('input-grads');
  const raw = args.booleans.has('raw');
  const useCache = !args.booleans.has('no-cache');
  rejectLeftovers(args);

  const t0 = performance.now();
  const data = await prepareData(spec, nodeSplitProvider());
  const loadMs = performance.now() - t0;
  const { initNodeBackend } = await import('./nodeBackend');
  const backend = await initNodeBackend(backendFlag as BackendName | undefined);
  const { getRecordedRun } = await import('../ml/signals');
  const progress = (done: number, message?: string) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${(done * 100).toFixed(0)}% ${message ?? ''}`);
  };
  const t1 = performance.now();
  // --no-cache skips the read only: the fresh run still refreshes the store.
  const store = fileSignalCache();
  const { run, cached } = await getRecordedRun(data, spec, {
    inputGrads,
    progress,
    cache: useCache ? store : { get: async () => undefined, set: (k, v) => store.set(k, v) },
  });
  const runMs = performance.now() - t1;
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

  const t2 = performance.now();
  const r = run.record;
  const map = dataMap(r);
  const scores: Record<string, Float32Array> = {
    forgetting: forgettingEvents(r),
    aum: aum(r),
    el2n: el2nScores(r, early),
    grand: grandScores(r, early),
    confidence: map.confidence,
    variability: map.variability,
    correctness: map.correctness,
  };
  if (r.inputGradNorm) scores.aign = aign(r);
  const truth = data.truth;
  const auc: Record<string, Record<string, number>> = {};
  if (truth.noisyMask) auc.noisy = detection(scores, truth.noisyMask);
  if (truth.oodMask) auc.ood = detection(scores, truth.oodMask);
  const scoresMs = performance.now() - t2;

  const last = run.epochs.at(-1);
  const result: Record<string, unknown> = {
    command: 'scores',
    dataset: spec.dataset === 'toy' ? `toy-${spec.toy.shape}` : spec.dataset,
    trainSize: r.n,
    model: spec.model,
    epochs: spec.epochs,
    batchSize: spec.batchSize,
    learningRate: spec.learningRate,
    seed: spec.seed,
    corruption: spec.corruption,
    backend: backend.name,
    inputGrads: run.inputGrads,
    earlyEpochs: earlyEpochs(r, early),
    numClasses: data.train.numClasses,
    classNames: data.train.classNames,
    training: {
      finalLoss: last?.loss,
      finalAccuracy: last?.accuracy,
      perEpoch: run.epochs.map((e) => ({
        loss: Number(e.loss.toFixed(5)),
        accuracy: Number(e.accuracy.toFixed(5)),
      })),
    },
    timings: {
      loadMs: Math.round(loadMs),
      runMs: Math.round(runMs),
      cached,
      // From the run itself (when cached: the run that produced the entry).
      trainMs: Math.round(run.trainMs),
      recordMs: Math.round(run.recordMs),
      scoresMs: Math.round(scoresMs),
    },
    auroc: Object.keys(auc).length
      ? {
          note: 'oriented so 1 = the score ranks masked rows as suspicious (low aum/confidence/correctness, high others)',
          ...auc,
        }
      : undefined,
    labels: Array.from(data.train.labels),
    trueLabels: Array.from(truth.trueLabels),
    sourceRows: Array.from(truth.sourceRows),
    noisyMask: truth.noisyMask ? Array.from(truth.noisyMask) : undefined,
    oodMask: truth.oodMask ? Array.from(truth.oodMask) : undefined,
    neverLearned: Array.from(neverLearned(r)),
    scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, round(v)])),
    raw: raw ? rawArrays(r) : undefined,
  };
  const json = toJson(result);
  const summary = [
    `${r.n} rows × ${r.epochs} epochs (${cached ? 'cached run' : `trained in ${(run.trainMs / 1000).toFixed(1)} s`}, record ${(run.recordMs / 1000).toFixed(1)} s)`,
    ...Object.entries(auc).map(([m, a]) => `AUROC vs ${m}: AUM ${a.aum}, confidence ${a.confidence}`),
  ].join('; ');
  if (out) {
    writeFileSync(out, json + '\n');
    console.error(`wrote ${out}: ${summary}`);
  } else {
    process.stdout.write(json + '\n');
    console.error(summary);
  }
}
