/**
 * The SWaST training loop (core/methods/swast/swast.ts has the paper, the schedule and the rule):
 * warm-up on full data, then re-selection every R epochs with the current pruned model, online
 * drop-and-regrow pruning every ΔT steps, and the state-preservation KL term. Lean like
 * ml/train.ts: a custom step (no fit), cooperative cancel between batches, no tensor left
 * behind. State preservation is fixed at construction: with it off no logits are stored and no
 * KL term is built, so "SP with λ = 0" and "plain coreset + pruning" are two real code paths.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import { flopsSummary, type FlopsEntry } from '../core/experiment/flops';
import type { ClassificationMetrics } from '../core/experiment/metrics';
import { createRng } from '../core/math/rng';
import { budgetFor, classCounts } from '../core/budget/budgets';
import {
  maskUpdateEvery,
  cosineDropFraction,
  layerPruneRates,
  maskUpdateEnd,
  swastPick,
  swastSchedule,
  warmupEpochs,
  type SwastConfig,
  type SwastEpochReport,
  type SwastRoundReport,
  type SwastRunResult,
  type SwastTrainer,
} from '../core/methods/swast/swastSchedule';
import { overallDensity } from '../core/methods/swast/swastDiagnostics';
import { AbortError, type AbortSignalLike } from '../core/methods/types';
import { allRows, batchInputs, batchLabels } from './batches';
import { evaluate } from './evaluate';
import { buildModel, correctMask, modelVariables } from './models';
import type { ModelKind } from '../core/experiment/spec';
import { prunableLayers, WeightPruner } from './pruning';
import { scoreTrainingSet } from './swastScore';
import { nextMacrotask } from './train';

export interface SwastLoopOptions {
  config: SwastConfig;
  fraction: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  signal?: AbortSignalLike;
  /** Progress in [0, 1] over all optimizer steps, with the phase as message. */
  onProgress?: (done: number, message?: string) => void;
  onEpoch?: (r: SwastEpochReport) => void;
  onRound?: (r: SwastRoundReport) => void;
}

/** mean_i KL(softmax(target_i) ‖ softmax(logits_i)); call inside a tidy. */
export function meanKl(target: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  const logP = tf.logSoftmax(target);
  const logQ = tf.logSoftmax(logits);
  return tf.mean(tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), 1));
}

function gatherRows(
  values: Float32Array,
  width: number,
  rows: ArrayLike<number>,
  start: number,
  end: number,
): tf.Tensor2D {
  const out = new Float32Array((end - start) * width);
  for (let i = start; i < end; i++)
    out.set(values.subarray(rows[i]! * width, (rows[i]! + 1) * width), (i - start) * width);
  return tf.tensor2d(out, [end - start, width]);
}

/**
 * Forward + backward of one batch (call inside a tidy): dense gradients of every variable and a
 * [loss, kl, correct] stats vector. With `preserve`, the loss is CE + λ · mean KL against the
 * stored logits of the batch's rows; without it, CE alone (no KL term is built at all).
 */
function lossAndGrads(
  model: tf.LayersModel,
  vars: tf.Variable[],
  train: Dataset,
  order: Int32Array,
  start: number,
  end: number,
  preserve?: { logits: Float32Array; lambda: number },
): { stats: tf.Tensor1D; grads: tf.NamedTensorMap } {
  const xb = batchInputs(train, order, start, end);
  const yb = batchLabels(train, order, start, end);
  const target = preserve ? gatherRows(preserve.logits, train.numClasses, order, start, end) : undefined;
  let correct: tf.Scalar | undefined;
  let kl: tf.Scalar | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(xb, { training: true }) as tf.Tensor2D;
    correct = tf.keep(tf.sum(correctMask(logits, yb)));
    const ce = tf.losses.softmaxCrossEntropy(tf.oneHot(yb, logits.shape[1]), logits) as tf.Scalar;
    if (!target || !preserve) return ce;
    kl = tf.keep(meanKl(target, logits));
    return tf.add(ce, tf.mul(preserve.lambda, kl)) as tf.Scalar;
  }, vars);
  const stats = tf.stack([value, kl ?? tf.scalar(0), correct!]) as tf.Tensor1D;
  tf.dispose([kl, correct]);
  return { stats, grads };
}

/** Sums of loss, KL (batch means, weighted by batch size) and correct counts over an epoch. */
async function epochSums(perBatch: tf.Tensor[], total: number, batchSize: number): Promise<Float32Array> {
  const all = tf.tidy(() => {
    const weighted = perBatch.map((s, i) => {
      const len = Math.min(batchSize, total - i * batchSize);
      return tf.mul(s, tf.tensor1d([len, len, 1]));
    });
    return tf.sum(tf.stack(weighted), 0);
  });
  try {
    return (await all.data()) as Float32Array;
  } finally {
    all.dispose();
  }
}

/** Runs SWaST on `model` (trained in place; the caller owns and disposes it). */
export async function swastLoop(
  model: tf.LayersModel,
  train: Dataset,
  test: Dataset,
  opts: SwastLoopOptions,
): Promise<SwastRunResult> {
  const { config } = opts;
  const tStart = performance.now();
  const n = train.labels.length;
  const budget = budgetFor(opts.fraction, n);
  const plan = swastSchedule(opts.epochs, opts.fraction, config.every);
  const rng = createRng(opts.seed);
  const batchRng = rng.fork('batches');
  const layers = prunableLayers(model);
  const shapes = layers.map((l) => l.shape);
  const vars = modelVariables(model);
  // Nothing below can throw before the try that disposes the pruner and the optimizer.
  const pruner = await WeightPruner.create(layers, layerPruneRates(config, layers.length));
  const optimizer = tf.train.adam(opts.learningRate);
  const steps = plan.map((p) => Math.ceil((p.phase === 'warmup' ? n : budget) / opts.batchSize));
  const totalSteps = steps.reduce((a, b) => a + b, 0);
  const endStep = maskUpdateEnd(totalSteps);
  const deltaT = maskUpdateEvery(config.deltaT, budget, opts.batchSize);
  const sp = config.statePreservation;
  const stored = sp ? new Float32Array(n * train.numClasses) : undefined;
  const history: SwastEpochReport[] = [];
  const rounds: SwastRoundReport[] = [];
  const trained: FlopsEntry[] = [];
  const scored: FlopsEntry[] = [];
  const timings = { warmupMs: 0, selectionMs: 0, subsetMs: 0, maskMs: 0, evaluationMs: 0, totalMs: 0 };
  let subset: Int32Array | undefined;
  let metrics: ClassificationMetrics | undefined;
  let step = 0;
  let maskUpdates = 0;
  let lastYield = performance.now();
  const check = () => {
    if (opts.signal?.aborted) throw new AbortError();
  };
  try {
    for (const p of plan) {
      check();
      if (p.select) {
        const t0 = performance.now();
        opts.onProgress?.(step / totalSteps, `selection round ${p.round + 1}`);
        const pass = await scoreTrainingSet(model, train, config.selector, { signal: opts.signal });
        scored.push({ samples: n, densities: pruner.densities() });
        const picked = swastPick(
          pass.scores,
          train.labels,
          train.numClasses,
          budget,
          config.balance,
          rng.fork(`round-${p.round}`),
        );
        // State preservation: the selected rows' logits at selection time are the KL targets.
        if (stored)
          for (const r of picked)
            stored.set(
              pass.logits.subarray(r * pass.numClasses, (r + 1) * pass.numClasses),
              r * pass.numClasses,
            );
        const report = roundReport(p, picked, subset, pass.scores, train, performance.now() - t0);
        subset = picked;
        timings.selectionMs += report.ms;
        rounds.push(report);
        opts.onRound?.(report);
      }
      const order = Int32Array.from(p.phase === 'warmup' || !subset ? allRows(train) : subset);
      batchRng.shuffle(order);
      const withKl = stored !== undefined && p.phase === 'subset';
      const tEpoch = performance.now();
      let maskMsEpoch = 0;
      const perBatch: tf.Tensor[] = [];
      try {
        for (let start = 0; start < order.length; start += opts.batchSize) {
          check();
          const end = Math.min(order.length, start + opts.batchSize);
          const out = tf.tidy(() =>
            lossAndGrads(
              model,
              vars,
              train,
              order,
              start,
              end,
              withKl ? { logits: stored!, lambda: config.lambda } : undefined,
            ),
          );
          perBatch.push(out.stats);
          try {
            if (pruner.active && step > 0 && step % deltaT === 0 && step < endStep) {
              const t0 = performance.now();
              await pruner.update(out.grads, cosineDropFraction(config.dropFraction, step, endStep));
              maskUpdates++;
              maskMsEpoch += performance.now() - t0;
            }
            tf.tidy(() => {
              const masked = pruner.maskGradients(out.grads);
              optimizer.applyGradients(Object.entries(masked).map(([name, tensor]) => ({ name, tensor })));
            });
          } finally {
            tf.dispose(out.grads);
          }
          pruner.apply();
          step++;
          opts.onProgress?.(
            step / totalSteps,
            p.phase === 'warmup' ? 'warm-up on full data' : `subset, round ${p.round + 1}`,
          );
          if (performance.now() - lastYield > 30) {
            await nextMacrotask();
            lastYield = performance.now();
          }
        }
        const [lossSum, klSum, correctSum] = await epochSums(perBatch, order.length, opts.batchSize);
        const trainMs = performance.now() - tEpoch - maskMsEpoch;
        timings.maskMs += maskMsEpoch;
        if (p.phase === 'warmup') timings.warmupMs += trainMs;
        else timings.subsetMs += trainMs;
        const densities = pruner.densities();
        trained.push({ samples: order.length, densities });
        const t1 = performance.now();
        metrics = await evaluate(model, test);
        const testAccuracy = metrics.accuracy;
        timings.evaluationMs += performance.now() - t1;
        const report: SwastEpochReport = {
          epoch: p.epoch,
          phase: p.phase,
          samples: order.length,
          loss: lossSum! / order.length,
          klLoss: klSum! / order.length,
          trainAccuracy: correctSum! / order.length,
          testAccuracy,
          densities,
          density: overallDensity({ layers: shapes }, densities),
          ms: trainMs,
        };
        history.push(report);
        opts.onEpoch?.(report);
      } finally {
        tf.dispose(perBatch);
      }
    }
  } finally {
    optimizer.dispose();
    pruner.dispose();
  }
  timings.totalMs = performance.now() - tStart;
  if (!metrics) throw new RangeError('SWaST ran no epoch');
  return {
    config,
    fraction: opts.fraction,
    epochs: opts.epochs,
    warmupEpochs: warmupEpochs(opts.epochs, opts.fraction),
    budget,
    layers: shapes,
    history,
    rounds,
    maskUpdates,
    finalAccuracy: metrics.accuracy,
    metrics,
    steps: step,
    flops: flopsSummary(shapes, trained, scored, { epochs: opts.epochs, samplesPerEpoch: n }),
    timings,
    indices: subset ?? allRows(train),
  };
}

function roundReport(
  p: { round: number; epoch: number },
  picked: Int32Array,
  previous: Int32Array | undefined,
  scores: Float32Array,
  train: Dataset,
  ms: number,
): SwastRoundReport {
  const before = new Set(previous ?? []);
  let sum = 0;
  let threshold = Infinity;
  for (const r of picked) {
    sum += scores[r]!;
    threshold = Math.min(threshold, scores[r]!);
  }
  return {
    round: p.round,
    epoch: p.epoch,
    size: picked.length,
    perClassCounts: classCounts(
      Array.from(picked, (r) => train.labels[r]!),
      train.numClasses,
    ),
    scoreMean: sum / picked.length,
    threshold,
    changed: picked.reduce((a, r) => a + (before.has(r) ? 0 : 1), 0),
    ms,
  };
}

/** What a SWaST run takes from the experiment spec. */
export interface SwastRunSpec {
  model: ModelKind;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/** A fresh model of `spec` (same seed, same initial weights), SWaST on it, disposed afterwards. */
export async function runSwast(
  data: { train: Dataset; test: Dataset },
  spec: SwastRunSpec,
  config: SwastConfig,
  fraction: number,
  hooks: Pick<SwastLoopOptions, 'signal' | 'onProgress' | 'onEpoch' | 'onRound'> = {},
): Promise<SwastRunResult> {
  const model = buildModel(
    spec.model,
    { inputShape: data.train.shape, numClasses: data.train.numClasses },
    spec.seed,
  );
  try {
    return await swastLoop(model, data.train, data.test, { ...spec, ...hooks, config, fraction });
  } finally {
    model.dispose();
  }
}

/** InTrainingContext.trainers.swast for the prepared data and the run's spec. */
export function swastTrainer(data: { train: Dataset; test: Dataset }, spec: SwastRunSpec): SwastTrainer {
  return (config, run) =>
    runSwast(data, spec, config, run.fraction, { onProgress: run.onProgress, signal: run.signal });
}
