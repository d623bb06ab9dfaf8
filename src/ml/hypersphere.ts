/**
 * HyperCore's per-class hypersphere models (Moser et al., 2025; docs/methods-decisions.md "HyperCore").
 * For each class c: positives = rows labeled c, negatives = an equal-size seeded sample of the
 * other classes' rows. φ_c is a small MLP d → 128 (ReLU) → 32 with no bias in the last layer,
 * so the centre stays fixed at 0; radius r(x) = sqrt(‖φ_c(x)‖² + 1) − 1 (pseudo-Huber);
 * loss = mean r over positives − mean log(1 − e^{−r} + 1e-9) over negatives. A few epochs of
 * Adam; the score is ‖φ_c(x)‖ for every positive and negative.
 *
 * Inputs are standardized per dimension over the whole dataset first (pixel PCA and penultimate
 * features come in very different scales; Adam and the fixed centre want unit scale).
 * Weights are drawn from seeded glorot-uniform streams, so the same seed gives the same scores
 * on a given backend. One tidy per step, results read with async data(), and every tensor,
 * variable and optimizer is freed whether the run finishes, throws or is cancelled.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../core/math/rng';
import type {
  HypersphereClassResult,
  HypersphereRequest,
  HypersphereResult,
} from '../core/methods/hypercore/hypersphereTrainer';
import { AbortError, type AbortSignalLike } from '../core/methods/types';
import { nextMacrotask } from './train';

const LOG_EPS = 1e-9;
const SCORE_BATCH = 2048;

interface Net {
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
}

/** Column z-scores over all rows (a constant column becomes 0). */
export function standardize(x: Float32Array, dim: number): Float32Array {
  const n = dim > 0 ? x.length / dim : 0;
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let q = 0; q < dim; q++) {
      const v = x[i * dim + q]!;
      mean[q]! += v;
      sq[q]! += v * v;
    }
  const inv = new Float64Array(dim);
  for (let q = 0; q < dim; q++) {
    mean[q] = mean[q]! / Math.max(1, n);
    const variance = sq[q]! / Math.max(1, n) - mean[q]! * mean[q]!;
    inv[q] = variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
  }
  const out = new Float32Array(x.length);
  for (let i = 0; i < n; i++)
    for (let q = 0; q < dim; q++) out[i * dim + q] = (x[i * dim + q]! - mean[q]!) * inv[q]!;
  return out;
}

function glorot(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.next() - 1) * limit);
}

function createNet(dim: number, hidden: number, out: number, rng: Rng): Net {
  // tf.variable does not take ownership of its initial tensor (docs/tfjs-notes.md): tidy frees it.
  return tf.tidy(() => ({
    w1: tf.variable(tf.tensor2d(glorot(rng.fork('w1'), dim, hidden), [dim, hidden])),
    b1: tf.variable(tf.zeros([hidden])),
    w2: tf.variable(tf.tensor2d(glorot(rng.fork('w2'), hidden, out), [hidden, out])),
  }));
}

function disposeNet(net: Net | undefined): void {
  if (net) tf.dispose([net.w1, net.b1, net.w2]);
}

function embed(net: Net, x: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(tf.relu(tf.add(tf.matMul(x, net.w1), net.b1)), net.w2);
}

/** r = sqrt(‖z‖² + 1) − 1, per row. */
function radius(z: tf.Tensor2D): tf.Tensor1D {
  return tf.sub(tf.sqrt(tf.add(tf.sum(tf.square(z), 1), 1)), 1);
}

function lossOf(net: Net, pos: tf.Tensor2D, neg: tf.Tensor2D | undefined): tf.Scalar {
  const inside = tf.mean(radius(embed(net, pos)));
  if (!neg) return inside as tf.Scalar;
  const r = radius(embed(net, neg));
  const outside = tf.neg(tf.mean(tf.log(tf.add(tf.sub(1, tf.exp(tf.neg(r))), LOG_EPS))));
  return tf.add(inside, outside);
}

function gather(
  x: Float32Array,
  dim: number,
  rows: ArrayLike<number>,
  start: number,
  end: number,
): tf.Tensor2D {
  const buf = new Float32Array((end - start) * dim);
  for (let i = start; i < end; i++)
    buf.set(x.subarray(rows[i]! * dim, (rows[i]! + 1) * dim), (i - start) * dim);
  return tf.tensor2d(buf, [end - start, dim]);
}

/** ‖φ(x)‖ for `rows`, batch by batch, read back asynchronously. */
async function scoreRows(net: Net, x: Float32Array, dim: number, rows: Int32Array): Promise<Float32Array> {
  const out = new Float32Array(rows.length);
  for (let s = 0; s < rows.length; s += SCORE_BATCH) {
    const e = Math.min(rows.length, s + SCORE_BATCH);
    const norms = tf.tidy(() => tf.norm(embed(net, gather(x, dim, rows, s, e)), 'euclidean', 1));
    try {
      out.set(await norms.data(), s);
    } finally {
      norms.dispose();
    }
  }
  return out;
}

/** The seeded negatives of class c: min(|positives|, |others|) rows of other classes, ascending. */
export function sampleNegatives(labels: Uint8Array, cls: number, count: number, rng: Rng): Int32Array {
  const others: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== cls) others.push(i);
  const m = Math.min(count, others.length);
  return Int32Array.from(rng.sample(others.length, m), (j) => others[j]!).sort();
}

function check(signal: AbortSignalLike): void {
  if (signal.aborted) throw new AbortError();
}

interface ClassJob {
  cls: number;
  positives: Int32Array;
  negatives: Int32Array;
}

async function trainClass(
  x: Float32Array,
  req: HypersphereRequest,
  job: ClassJob,
  rng: Rng,
  onStep: (epoch: number, stepsDone: number) => void,
): Promise<{ net: Net; epochLoss: number[] }> {
  const { dim, batchSize, signal } = req;
  const net = createNet(dim, req.hidden ?? 128, req.out ?? 32, rng.fork('init'));
  const optimizer = tf.train.adam(req.learningRate);
  const order = rng.fork('batches');
  const pos = Int32Array.from(job.positives);
  const neg = Int32Array.from(job.negatives);
  const steps = Math.ceil(pos.length / batchSize);
  const negPerStep = Math.ceil(neg.length / steps);
  const vars = [net.w1, net.b1, net.w2];
  const epochLoss: number[] = [];
  let pending: tf.Scalar[] = [];
  let lastYield = performance.now();
  try {
    for (let epoch = 0; epoch < req.epochs; epoch++) {
      order.shuffle(pos);
      order.shuffle(neg);
      for (let s = 0; s < steps; s++) {
        check(signal);
        const p0 = s * batchSize;
        const p1 = Math.min(pos.length, p0 + batchSize);
        const n0 = Math.min(neg.length, s * negPerStep);
        const n1 = Math.min(neg.length, n0 + negPerStep);
        const loss = tf.tidy(() => {
          const xp = gather(x, dim, pos, p0, p1);
          const xn = n1 > n0 ? gather(x, dim, neg, n0, n1) : undefined;
          return optimizer.minimize(() => lossOf(net, xp, xn), true, vars)!;
        });
        pending.push(loss);
        onStep(epoch, s + 1);
        if (performance.now() - lastYield > 30) {
          await nextMacrotask();
          lastYield = performance.now();
        }
      }
      // One readback per epoch: the mean of its step losses.
      const mean = tf.tidy(() => tf.mean(tf.stack(pending)));
      const group = pending;
      pending = [];
      tf.dispose(group);
      try {
        epochLoss.push((await mean.data())[0]!);
      } finally {
        mean.dispose();
      }
    }
    return { net, epochLoss };
  } catch (e) {
    disposeNet(net);
    throw e;
  } finally {
    tf.dispose(pending);
    optimizer.dispose();
  }
}

/** Trains φ_c for every class and returns the positives' and negatives' distances. */
export async function trainHyperspheres(req: HypersphereRequest): Promise<HypersphereResult> {
  const { dim, labels, numClasses, signal } = req;
  const n = labels.length;
  if (req.features.length !== n * dim)
    throw new RangeError(`hypersphere: ${req.features.length} feature values for ${n} rows × ${dim}`);
  if (!(req.epochs >= 1 && req.batchSize >= 1))
    throw new RangeError('hypersphere: epochs and batch size must be ≥ 1');
  const t0 = performance.now();
  const x = standardize(req.features, dim);
  const t1 = performance.now();
  const rng = createRng(req.seed);
  const jobs: ClassJob[] = [];
  for (let c = 0; c < numClasses; c++) {
    const positives = Int32Array.from(labels.keys()).filter((i) => labels[i] === c);
    jobs.push({
      cls: c,
      positives,
      negatives: sampleNegatives(labels, c, positives.length, rng.fork(`negatives:${c}`)),
    });
  }
  const stepsOf = (j: ClassJob) => Math.ceil(j.positives.length / req.batchSize) * req.epochs;
  const totalSteps = jobs.reduce((a, j) => a + stepsOf(j), 0) || 1;
  let doneSteps = 0;
  let trainMs = 0;
  let scoreMs = 0;
  const classes: HypersphereClassResult[] = [];
  for (const job of jobs) {
    check(signal);
    const tc = performance.now();
    if (job.positives.length === 0) {
      classes.push({
        ...job,
        positiveScores: new Float32Array(0),
        negativeScores: new Float32Array(0),
        epochLoss: [],
        ms: 0,
      });
      continue;
    }
    const steps = Math.ceil(job.positives.length / req.batchSize);
    const before = doneSteps;
    const { net, epochLoss } = await trainClass(x, req, job, rng.fork(`class:${job.cls}`), (epoch, s) => {
      doneSteps = before + epoch * steps + s;
      if (s === steps || s % 16 === 0)
        req.onProgress?.(
          doneSteps / totalSteps,
          `hypersphere class ${job.cls + 1}/${numClasses}: epoch ${epoch + 1}/${req.epochs}`,
        );
    });
    const ts = performance.now();
    try {
      const positiveScores = await scoreRows(net, x, dim, job.positives);
      const negativeScores = await scoreRows(net, x, dim, job.negatives);
      const te = performance.now();
      trainMs += ts - tc;
      scoreMs += te - ts;
      classes.push({ ...job, positiveScores, negativeScores, epochLoss, ms: te - tc });
    } finally {
      disposeNet(net);
    }
  }
  req.onProgress?.(1);
  return { classes, timings: { standardizeMs: t1 - t0, trainMs, scoreMs } };
}
