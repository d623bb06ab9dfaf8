/**
 * A lean custom training loop (one tidy per step, no model.fit): cooperative cancellation
 * between batches, hooks for live charts and for in-training methods, and no tensor left
 * behind whether it finishes, throws or is cancelled.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import { createRng } from '../core/math/rng';
import { AbortError, type AbortSignalLike } from '../core/methods/types';
import { createAdam } from './adam';
import { allRows, batchInputs, batchLabels } from './batches';
import { chainVariables, denseChain, denseGrads } from './denseStep';
import { convChain, convGrads, convVariables } from './convStep';
import { correctMask, modelVariables } from './models';

export interface BatchReport {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  loss: number;
  accuracy: number;
  samplesPerSecond: number;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  accuracy: number;
  ms: number;
}

/**
 * Another objective for the same loop (TRADES, ml/trades.ts). `prepare` runs before the step,
 * outside the gradient tape (an adversarial input), `loss` inside it given the clean logits.
 * Both run inside the step's tidy.
 */
export interface TrainObjective {
  prepare(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor1D): tf.Tensor;
  loss(model: tf.LayersModel, logits: tf.Tensor2D, y: tf.Tensor1D, prepared: tf.Tensor): tf.Scalar;
}

/** Stop when validation stops improving (checked after every pass); the best weights are restored. */
export interface EarlyStoppingOptions {
  /** Validation accuracy (higher is better) of the model as it is now. */
  validate: (model: tf.LayersModel) => Promise<number>;
  /** Checks without improvement before stopping. */
  patience: number;
}

export interface TrainOptions {
  /** Passes over the rows at most. */
  epochs: number;
  /** Optimizer steps at most: the loop stops mid-pass once it has taken them. */
  maxSteps?: number;
  earlyStopping?: EarlyStoppingOptions;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Rows of `data` to train on (a coreset); all rows when absent. */
  rows?: Int32Array;
  signal?: AbortSignalLike;
  /** Cross-entropy when absent. */
  objective?: TrainObjective;
  /** Random crop (pad 4) + horizontal flip of every training batch; image data only. */
  augment?: boolean;
  onBatch?: (r: BatchReport) => void;
  /** Awaited after every epoch: the place for records and re-selection. */
  onEpoch?: (r: EpochReport, model: tf.LayersModel) => void | Promise<void>;
}

export interface TrainResult {
  epochs: EpochReport[];
  ms: number;
  samplesPerSecond: number;
  /** Optimizer steps taken (with early stopping: up to the restored best checkpoint's pass end, all steps counted). */
  steps: number;
  /** Early stopping: the step of the restored checkpoint and its validation accuracy. */
  bestStep?: number;
  validationAccuracy?: number;
}

/** Lets queued messages (a cancel, a progress read) through a busy worker. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function train(model: tf.LayersModel, data: Dataset, opts: TrainOptions): Promise<TrainResult> {
  const rows = opts.rows ?? allRows(data);
  if (rows.length === 0) throw new RangeError('cannot train on an empty set');
  // Dense models (linear, MLPs) and the image CNNs take hand-written steps; other models and
  // other objectives the tape.
  const chain = opts.objective ? null : denseChain(model);
  const convs = opts.objective || chain ? null : convChain(model);
  const vars = chain ? chainVariables(chain) : convs ? convVariables(convs) : modelVariables(model);
  const optimizer = createAdam(opts.learningRate, vars);
  const rng = createRng(opts.seed).fork('batches');
  const augment = opts.augment && data.shape.length === 3 ? createRng(opts.seed).fork('augment') : undefined;
  const order = Int32Array.from(rows);
  const batchesPerEpoch = Math.ceil(order.length / opts.batchSize);
  const epochs: EpochReport[] = [];
  const tStart = performance.now();
  let lastYield = tStart;
  let seen = 0;
  let steps = 0;
  const maxSteps = opts.maxSteps ?? Infinity;
  const stop = opts.earlyStopping;
  let best: { acc: number; step: number; weights: tf.Tensor[] } | undefined;
  let sinceBest = 0;
  try {
    for (let epoch = 0; epoch < opts.epochs && steps < maxSteps; epoch++) {
      rng.shuffle(order);
      const tEpoch = performance.now();
      let lossSum = 0;
      let correctSum = 0;
      let epochRows = 0;
      // Loss and accuracy stay on the device and are read back in groups (one sync every
      // ~200 ms instead of per batch: each readback stalls a GPU pipeline).
      let pending: { loss: tf.Scalar; correct: tf.Scalar; n: number; batch: number; ms: number }[] = [];
      const flush = async () => {
        if (!pending.length) return;
        const group = pending;
        pending = [];
        const both = tf.tidy(() => tf.stack(group.flatMap((g) => [g.loss, g.correct])));
        const v = await both.data();
        both.dispose();
        const groupMs = performance.now() - group[0]!.ms;
        group.forEach((g, j) => {
          g.loss.dispose();
          g.correct.dispose();
          const loss = v[2 * j]!;
          const correct = v[2 * j + 1]!;
          lossSum += loss * g.n;
          correctSum += correct;
          opts.onBatch?.({
            epoch,
            batch: g.batch,
            batchesPerEpoch,
            loss,
            accuracy: correct / g.n,
            samplesPerSecond: group.reduce((a, x) => a + x.n, 0) / (groupMs / 1000),
          });
        });
      };
      let lastFlush = performance.now();
      try {
        for (let b = 0; b < batchesPerEpoch && steps < maxSteps; b++) {
          if (opts.signal?.aborted) throw new AbortError();
          steps++;
          const start = b * opts.batchSize;
          const end = Math.min(order.length, start + opts.batchSize);
          const tBatch = performance.now();
          const [lossT, correctT] = tf.tidy(() => {
            const xb = batchInputs(data, order, start, end, augment);
            const yb = batchLabels(data, order, start, end);
            if (chain || convs) {
              const step = chain ? denseGrads(chain, xb, yb) : convGrads(convs!, xb, yb);
              optimizer.apply(step.grads);
              return [step.loss, step.correct] as const;
            }
            let correct: tf.Scalar | undefined;
            const objective = opts.objective;
            const prepared = objective?.prepare(model, xb, yb);
            const { value, grads } = tf.variableGrads(() => {
              const logits = model.apply(xb, { training: true }) as tf.Tensor2D;
              correct = tf.keep(tf.sum(correctMask(logits, yb)));
              if (objective && prepared) return objective.loss(model, logits, yb, prepared);
              return tf.losses.softmaxCrossEntropy(tf.oneHot(yb, logits.shape[1]), logits);
            }, vars);
            optimizer.apply(vars.map((v) => grads[v.name]));
            return [value, correct!] as const;
          });
          pending.push({ loss: lossT, correct: correctT, n: end - start, batch: b, ms: tBatch });
          seen += end - start;
          epochRows += end - start;
          if (performance.now() - lastFlush > 200 || b === batchesPerEpoch - 1 || steps >= maxSteps) {
            await flush();
            lastFlush = performance.now();
          }
          if (performance.now() - lastYield > 30) {
            await nextMacrotask();
            lastYield = performance.now();
          }
        }
      } finally {
        for (const g of pending) tf.dispose([g.loss, g.correct]);
      }
      const report = {
        epoch,
        loss: lossSum / epochRows,
        accuracy: correctSum / epochRows,
        ms: performance.now() - tEpoch,
      };
      epochs.push(report);
      await opts.onEpoch?.(report, model);
      if (stop) {
        const acc = await stop.validate(model);
        if (!best || acc > best.acc) {
          if (best) tf.dispose(best.weights);
          best = { acc, step: steps, weights: model.getWeights().map((w) => w.clone()) };
          sinceBest = 0;
        } else if (++sinceBest >= stop.patience) break;
      }
    }
    if (best) model.setWeights(best.weights);
  } finally {
    optimizer.dispose();
    if (best) tf.dispose(best.weights);
  }
  const ms = performance.now() - tStart;
  return {
    epochs,
    ms,
    samplesPerSecond: seen / (ms / 1000),
    steps,
    ...(best ? { bestStep: best.step, validationAccuracy: best.acc } : {}),
  };
}
