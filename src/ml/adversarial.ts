/**
 * Adversarial accuracy for EasyCore's evaluation: FGSM (Goodfellow et al. 2015) and L∞ PGD
 * (Madry et al. 2018) on [0, 1] pixels. Gradients come from one tf.grad of the summed batch
 * loss w.r.t. the input batch (separable in inference mode), so each step is one backward pass.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import { AbortError, type AbortSignalLike } from '../core/methods/types';
import { allRows, batchInputs, batchLabels } from './batches';
import { correctMask } from './models';
import { nextMacrotask } from './train';

export interface AttackOptions {
  /** L∞ radius, in input units ([0, 1] pixels for images). MNIST: 0.1–0.3. */
  epsilon: number;
  /** PGD iterations (FGSM is a single step of size ε). Default 10. */
  steps?: number;
  /** PGD step size α; default 2.5·ε/steps (Madry et al.). */
  stepSize?: number;
  /** PGD: start at a uniform random point of the ε-ball (seeded). Default false. */
  randomStart?: boolean;
  seed?: number;
  /** Valid input range; default [0, 1] for images, unbounded for vector data. */
  clip?: readonly [number, number] | null;
  rows?: Int32Array;
  batchSize?: number;
  signal?: AbortSignalLike;
  onProgress?: (done: number) => void;
}

export type AttackKind = 'fgsm' | 'pgd';

export interface AdversarialResult {
  attack: AttackKind;
  epsilon: number;
  /** Share of rows still classified correctly under attack. */
  accuracy: number;
  /** 1 where the attacked sample was still classified correctly, in row order. */
  correct: Uint8Array;
}

function clipRange(ds: Dataset, opts: AttackOptions): readonly [number, number] | null {
  if (opts.clip !== undefined) return opts.clip;
  return ds.shape.length === 3 ? [0, 1] : null;
}

/** sign(∇ₓ Σᵢ ℓᵢ) for a batch; call inside a tidy. */
function gradSign(model: tf.LayersModel, x: tf.Tensor, onehot: tf.Tensor2D): tf.Tensor {
  const g = tf.grad((xb: tf.Tensor) => {
    const z = model.apply(xb, { training: false }) as tf.Tensor2D;
    return tf.losses.softmaxCrossEntropy(onehot, z, undefined, undefined, tf.Reduction.SUM);
  })(x);
  return tf.sign(g);
}

function attackBatch(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor1D,
  kind: AttackKind,
  opts: AttackOptions,
  clip: readonly [number, number] | null,
  batchSeed: number,
): tf.Tensor {
  const eps = opts.epsilon;
  const numClasses = model.outputs[0]?.shape[1];
  if (typeof numClasses !== 'number') throw new Error('the model must output N × C logits');
  const onehot = tf.oneHot(y, numClasses) as tf.Tensor2D;
  const bound = (t: tf.Tensor) => (clip ? tf.clipByValue(t, clip[0], clip[1]) : t);
  let adv: tf.Tensor;
  if (kind === 'fgsm') {
    adv = bound(tf.add(x, tf.mul(gradSign(model, x, onehot), eps)));
  } else {
    const steps = opts.steps ?? 10;
    const alpha = opts.stepSize ?? (2.5 * eps) / steps;
    adv = opts.randomStart ? bound(tf.add(x, tf.randomUniform(x.shape, -eps, eps, 'float32', batchSeed))) : x;
    const lo = tf.sub(x, eps);
    const hi = tf.add(x, eps);
    for (let s = 0; s < steps; s++) {
      // Each step in its own tidy: only the new iterate survives, so memory stays flat in `steps`.
      const prev = adv;
      adv = tf.tidy(() =>
        bound(tf.minimum(tf.maximum(tf.add(prev, tf.mul(gradSign(model, prev, onehot), alpha)), lo), hi)),
      );
      if (prev !== x) prev.dispose();
    }
  }
  const z = model.apply(adv, { training: false }) as tf.Tensor2D;
  return correctMask(z, y);
}

/** Accuracy of `model` on `ds` under an FGSM or PGD attack; batched, leak-free, cancellable. */
export async function adversarialAccuracy(
  model: tf.LayersModel,
  ds: Dataset,
  kind: AttackKind,
  opts: AttackOptions,
): Promise<AdversarialResult> {
  if (!(opts.epsilon >= 0)) throw new RangeError(`epsilon must be ≥ 0, got ${opts.epsilon}`);
  if (kind === 'pgd' && opts.steps !== undefined && !(Number.isInteger(opts.steps) && opts.steps >= 1))
    throw new RangeError(`PGD steps must be a positive integer, got ${opts.steps}`);
  const rows = opts.rows ?? allRows(ds);
  const batchSize = opts.batchSize ?? 256;
  const clip = clipRange(ds, opts);
  const correct = new Uint8Array(rows.length);
  let hits = 0;
  for (let start = 0, b = 0; start < rows.length; start += batchSize, b++) {
    if (opts.signal?.aborted) throw new AbortError();
    const end = Math.min(rows.length, start + batchSize);
    const ok = tf.tidy(() =>
      attackBatch(
        model,
        batchInputs(ds, rows, start, end),
        batchLabels(ds, rows, start, end),
        kind,
        opts,
        clip,
        (opts.seed ?? 0) * 7919 + b,
      ),
    );
    try {
      const v = await ok.data();
      for (let i = 0; i < v.length; i++) {
        correct[start + i] = v[i]! > 0.5 ? 1 : 0;
        hits += correct[start + i]!;
      }
    } finally {
      ok.dispose();
    }
    opts.onProgress?.(end / rows.length);
    await nextMacrotask();
  }
  return { attack: kind, epsilon: opts.epsilon, accuracy: rows.length ? hits / rows.length : NaN, correct };
}

export function fgsmAccuracy(
  model: tf.LayersModel,
  ds: Dataset,
  opts: AttackOptions,
): Promise<AdversarialResult> {
  return adversarialAccuracy(model, ds, 'fgsm', opts);
}

export function pgdAccuracy(
  model: tf.LayersModel,
  ds: Dataset,
  opts: AttackOptions,
): Promise<AdversarialResult> {
  return adversarialAccuracy(model, ds, 'pgd', opts);
}
