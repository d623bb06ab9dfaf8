/**
 * TRADES — Zhang et al., "Theoretically Principled Trade-off between Robustness and Accuracy",
 * ICML 2019 — as an objective for the lean training loop (train.ts TrainObjective).
 * Loss = CE(f(x), y) + β · mean_i KL(p(x_i) ‖ p(x'_i)), with x' found by L∞ PGD on the KL
 * starting from x + 0.001·N(0, 1) (the reference code's start), projected on the ε-ball and the
 * valid input range. Decisions: β fixed at 6 (the paper's MNIST / CIFAR setting); the inner
 * attack uses the spec's PGD steps and step size; noise is seeded per batch.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainObjective } from './train';

export const TRADES_BETA = 6;

export interface TradesOptions {
  epsilon: number;
  steps: number;
  stepSize: number;
  /** Valid input range ([0, 1] for images), or null for unbounded vectors. */
  clip: readonly [number, number] | null;
  seed: number;
  beta?: number;
}

/** Σ over classes of KL(p ‖ q) per row, from logits (log-softmax for stability). */
function klRows(pLogits: tf.Tensor2D, qLogits: tf.Tensor2D): tf.Tensor1D {
  const logP = tf.logSoftmax(pLogits);
  const logQ = tf.logSoftmax(qLogits);
  return tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), 1);
}

export function tradesObjective(opts: TradesOptions): TrainObjective {
  const beta = opts.beta ?? TRADES_BETA;
  const { epsilon: eps, steps, stepSize, clip } = opts;
  let batch = 0;
  const bound = (t: tf.Tensor) => (clip ? tf.clipByValue(t, clip[0], clip[1]) : t);
  return {
    prepare(model, x) {
      // prepare runs before the optimizer's tape: these logits are a constant target.
      const natural = model.apply(x, { training: false }) as tf.Tensor2D;
      const lo = tf.sub(x, eps);
      const hi = tf.add(x, eps);
      let adv = bound(tf.add(x, tf.randomNormal(x.shape, 0, 0.001, 'float32', opts.seed * 7919 + batch++)));
      const klOf = (xa: tf.Tensor) =>
        tf.sum(klRows(natural, model.apply(xa, { training: false }) as tf.Tensor2D));
      for (let s = 0; s < steps; s++) {
        const prev = adv;
        // One tidy per step: only the new iterate survives, so memory stays flat in `steps`.
        adv = tf.tidy(() => {
          const g = tf.grad(klOf)(prev);
          return bound(tf.minimum(tf.maximum(tf.add(prev, tf.mul(tf.sign(g), stepSize)), lo), hi));
        });
        prev.dispose();
      }
      return adv;
    },
    loss(model, logits, y, adv) {
      const ce = tf.losses.softmaxCrossEntropy(tf.oneHot(y, logits.shape[1]), logits);
      const advLogits = model.apply(adv, { training: true }) as tf.Tensor2D;
      return tf.add(ce, tf.mul(tf.mean(klRows(logits, advLogits)), beta)) as tf.Scalar;
    },
  };
}
