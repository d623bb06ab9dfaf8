/**
 * The semi-supervised training loop RETRIEVE runs inside, with its baselines in the same loop:
 * - retrieve: optional warm start on the full pool for κ of the epochs, then every R epochs a
 *   RETRIEVE round picks k = f·|U| rows and the next R epochs train on them;
 * - random: the same, with a uniform draw of k rows re-drawn every R epochs;
 * - full: every epoch runs over the whole pool;
 * - supervised: the labeled CE only.
 * An epoch is one pass over the unlabeled rows trained on (⌈k / B_U⌉ steps; ⌈|U| / B_U⌉ for
 * full), so total unlabeled iterations scale with f: that is where the speed-up comes from.
 * Supervised takes the subset runs' step count. Each step pairs a weak-augmented labeled batch
 * (cycled) with an unlabeled batch. Lean-loop style of ml/train.ts: one tidy per step, losses
 * read back in groups, cooperative cancel between steps, everything freed however it ends.
 */
import * as tf from '@tensorflow/tfjs';
import { classMix, type SslData } from '../../core/data/sslSplit';
import type { SslEpochReport, SslRoundReport, SslRunResult, SslSpec } from '../../core/experiment/sslSpec';
import { validateSslSpec } from '../../core/experiment/sslSpec';
import type { ClassificationMetrics } from '../../core/experiment/metrics';
import { createRng, type Rng } from '../../core/math/rng';
import { AbortError, type AbortSignalLike } from '../../core/methods/abort';
import { allRows, batchInputs, batchLabels } from '../batches';
import { evaluate } from '../evaluate';
import { buildModel, modelVariables } from '../models';
import { nextMacrotask } from '../train';
import type { SslAlgorithmOptions } from './algorithm';
import { weakAugment } from './augment';
import { createAlgorithm } from './create';
import { retrieveRound } from './round';

export interface SslProgress {
  phase: 'selection' | 'training' | 'evaluation';
  /** Overall share of the run done, in [0, 1]. */
  done: number;
  message?: string;
}

export interface SslHooks {
  signal?: AbortSignalLike;
  onProgress?: (p: SslProgress) => void;
  onEpoch?: (e: SslEpochReport) => void;
  onRound?: (r: SslRoundReport) => void;
  algorithmOptions?: Partial<SslAlgorithmOptions>;
}

/** Endless reshuffled stream of rows: every row once per pass. */
function rowStream(rows: Int32Array, rng: Rng): (count: number) => Int32Array {
  const order = Int32Array.from(rows);
  let at = order.length;
  return (count) => {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      if (at >= order.length) {
        rng.shuffle(order);
        at = 0;
      }
      out[i] = order[at++]!;
    }
    return out;
  };
}

interface Pending {
  parts: tf.Tensor1D;
  ms: number;
}

export async function runSsl(data: SslData, rawSpec: SslSpec, hooks: SslHooks = {}): Promise<SslRunResult> {
  const spec = validateSslSpec(rawSpec);
  const { labeled, unlabeled, test } = data;
  const C = labeled.numClasses;
  const nU = unlabeled.labels.length;
  const subsetRun = spec.method === 'retrieve' || spec.method === 'random';
  const k = spec.method === 'full' ? nU : Math.max(1, Math.round(spec.fraction * nU));
  const stepsPerEpoch = Math.ceil(k / spec.unlabeledBatch);
  const totalSteps = spec.epochs * stepsPerEpoch;
  const warmEpochs = subsetRun ? Math.round(spec.warmStart * spec.epochs) : 0;
  const rng = createRng(spec.seed);
  const augRng = rng.fork('augment');
  const shape = { inputShape: labeled.shape, numClasses: C };
  const model = buildModel(spec.model, shape, spec.seed);
  const algo = createAlgorithm(
    spec.algorithm,
    model,
    () => buildModel(spec.model, shape, spec.seed),
    hooks.algorithmOptions,
  );
  const optimizer = tf.train.adam(spec.learningRate);
  const varList = modelVariables(model);
  const nextLabeled = rowStream(allRows(labeled), rng.fork('labeled'));
  let nextUnlabeled = rowStream(allRows(unlabeled), rng.fork('pool'));
  const epochs: SslEpochReport[] = [];
  const rounds: SslRoundReport[] = [];
  const all = Int32Array.from({ length: nU }, (_, i) => i);
  let trainingMs = 0;
  let selectionMs = 0;
  let evaluationMs = 0;
  let finalMetrics: ClassificationMetrics | undefined;
  let step = 0;
  const tStart = performance.now();
  const progress = (phase: SslProgress['phase'], done: number, message?: string) =>
    hooks.onProgress?.({ phase, done: Math.min(1, done), message });
  try {
    for (let epoch = 0; epoch < spec.epochs; epoch++) {
      if (subsetRun && epoch >= warmEpochs && (epoch - warmEpochs) % spec.roundsEvery === 0) {
        if (hooks.signal?.aborted) throw new AbortError();
        progress('selection', epoch / spec.epochs, `round ${rounds.length + 1}`);
        const tSel = performance.now();
        const roundRng = rng.fork(`round-${rounds.length}`);
        let picks: Int32Array;
        const report: SslRoundReport = {
          round: rounds.length,
          epoch,
          size: k,
          oodShare: 0,
          classMix: [],
          gradientsMs: 0,
          greedyMs: 0,
        };
        if (spec.method === 'retrieve') {
          const r = await retrieveRound(model, algo, labeled, unlabeled, {
            budget: k,
            eta: spec.learningRate,
            epsilon: spec.epsilon,
            lastLayer: spec.gradients === 'lastLayer',
            rng: roundRng,
            batchSize: 256,
            signal: hooks.signal,
          });
          picks = r.result.picks;
          Object.assign(report, {
            gains: r.result.gains,
            poolMaskRate: r.stats.mask.reduce((a, b) => a + b, 0) / nU,
            labeledLossBefore: r.result.labeledLossBefore,
            labeledLossAfter: r.result.labeledLossAfter,
            gradientsMs: r.gradientsMs,
            greedyMs: r.greedyMs,
          });
        } else {
          picks = roundRng.sample(nU, k);
          report.greedyMs = performance.now() - tSel;
        }
        report.oodShare = picks.reduce((a, j) => a + (data.oodMask[j] ?? 0), 0) / picks.length;
        report.classMix = classMix(data.unlabeledClass, picks, C);
        nextUnlabeled = rowStream(picks, roundRng.fork('stream'));
        selectionMs += performance.now() - tSel;
        rounds.push(report);
        hooks.onRound?.(report);
      }
      // Training: stepsPerEpoch steps, losses read back in groups.
      const tEpoch = performance.now();
      let lastYield = tEpoch;
      let lastFlush = tEpoch;
      let pending: Pending[] = [];
      const sums = { labeled: 0, unlabeled: 0, mask: 0, n: 0 };
      const flush = async () => {
        if (!pending.length) return;
        const group = pending;
        pending = [];
        const all3 = tf.tidy(() => tf.stack(group.map((g) => g.parts)));
        try {
          const v = await all3.data();
          group.forEach((_, j) => {
            sums.labeled += v[3 * j]!;
            sums.unlabeled += v[3 * j + 1]!;
            sums.mask += v[3 * j + 2]!;
            sums.n++;
          });
        } finally {
          all3.dispose();
          tf.dispose(group.map((g) => g.parts));
        }
      };
      try {
        for (let s = 0; s < stepsPerEpoch; s++, step++) {
          if (hooks.signal?.aborted) throw new AbortError();
          const lRows = nextLabeled(Math.min(spec.labeledBatch, labeled.labels.length));
          const uRows = spec.method === 'supervised' ? undefined : nextUnlabeled(spec.unlabeledBatch);
          const weight = algo.weight(step / Math.max(1, totalSteps));
          const parts = tf.tidy(() => {
            const xl = weakAugment(batchInputs(labeled, lRows, 0, lRows.length) as tf.Tensor4D, augRng);
            const yl = batchLabels(labeled, lRows, 0, lRows.length);
            const terms = uRows
              ? algo.terms(model, batchInputs(unlabeled, uRows, 0, uRows.length) as tf.Tensor4D, augRng)
              : undefined;
            let kept: tf.Tensor1D | undefined;
            optimizer.minimize(
              () => {
                const zl = model.apply(xl, { training: true }) as tf.Tensor2D;
                const ls = tf.losses.softmaxCrossEntropy(tf.oneHot(yl, C), zl) as tf.Scalar;
                if (!terms) {
                  kept = tf.keep(tf.stack([ls, tf.scalar(0), tf.scalar(0)]) as tf.Tensor1D);
                  return ls;
                }
                const zu = model.apply(terms.studentInput, { training: true }) as tf.Tensor2D;
                const lu = tf.mean(terms.loss(zu)) as tf.Scalar;
                kept = tf.keep(tf.stack([ls, lu, tf.mean(terms.mask)]) as tf.Tensor1D);
                return tf.add(ls, tf.mul(lu, weight)) as tf.Scalar;
              },
              false,
              varList,
            );
            return kept!;
          });
          algo.afterStep?.(model);
          pending.push({ parts, ms: performance.now() });
          const now = performance.now();
          if (now - lastFlush > 200 || s === stepsPerEpoch - 1) {
            await flush();
            lastFlush = performance.now();
            progress(
              'training',
              (epoch + (s + 1) / stepsPerEpoch) / spec.epochs,
              `epoch ${epoch + 1}/${spec.epochs}`,
            );
          }
          if (performance.now() - lastYield > 30) {
            await nextMacrotask();
            lastYield = performance.now();
          }
        }
      } finally {
        tf.dispose(pending.map((g) => g.parts));
      }
      const trainMs = performance.now() - tEpoch;
      trainingMs += trainMs;
      progress('evaluation', (epoch + 1) / spec.epochs, `epoch ${epoch + 1}: test accuracy`);
      const tEval = performance.now();
      const metrics = await evaluate(model, test);
      finalMetrics = metrics;
      evaluationMs += performance.now() - tEval;
      const report: SslEpochReport = {
        epoch,
        testAccuracy: metrics.accuracy,
        elapsedMs: trainingMs + selectionMs,
        trainMs,
        labeledLoss: sums.labeled / Math.max(1, sums.n),
        unlabeledLoss: sums.unlabeled / Math.max(1, sums.n),
        maskRate: sums.mask / Math.max(1, sums.n),
        steps: stepsPerEpoch,
      };
      epochs.push(report);
      hooks.onEpoch?.(report);
    }
  } finally {
    optimizer.dispose();
    algo.dispose();
    model.dispose();
  }
  const oodInPool = data.oodMask.reduce((a, b) => a + b, 0);
  if (!finalMetrics) throw new RangeError('the semi-supervised run trained no epoch');
  return {
    spec,
    labeledSize: labeled.labels.length,
    unlabeledSize: nU,
    oodInPool,
    poolMix: classMix(data.unlabeledClass, all, C),
    epochs,
    rounds,
    finalAccuracy: finalMetrics.accuracy,
    metrics: finalMetrics,
    timings: { trainingMs, selectionMs, evaluationMs, totalMs: performance.now() - tStart },
  };
}
