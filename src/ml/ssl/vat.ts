/**
 * VAT (Miyato et al., TPAMI 2018): the adversarial direction is found by one power iteration —
 * d ~ N(0, I) normalised per image, g = ∇_r KL(p(x) ‖ p(x + ξd)) at r = ξd, r_adv = ε·g/‖g‖ —
 * and the loss is KL(p(x) ‖ p(x + r_adv)) with p(x) held fixed. Every example counts (m_j = 1).
 * ξ = 1e-6 as in the paper. Decision: ε = 2.0, an L2 norm over the 28×28 image with pixels in
 * [0, 1] (the paper's MNIST setting; about 0.07 per pixel RMS).
 * In float32 the ξ-sized difference sits near rounding level, so the direction is partly noise
 * on some inputs; an all-zero g gives r_adv = 0 (that example's loss is then 0).
 */
import * as tf from '@tensorflow/tfjs';
import { tidyKeep, type SslAlgorithm, type SslAlgorithmOptions } from './algorithm';

function normalizePerImage(t: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(
    () => tf.div(t, tf.add(tf.sqrt(tf.sum(tf.square(t), [1, 2, 3], true)), 1e-12)) as tf.Tensor4D,
  );
}

function klRows(p: tf.Tensor2D, logitsQ: tf.Tensor2D): tf.Tensor1D {
  // KL(p ‖ q) = Σ p (log p − log q), with log q from logits (stable).
  return tf.sum(tf.mul(p, tf.sub(tf.log(tf.add(p, 1e-12)), tf.logSoftmax(logitsQ))), 1) as tf.Tensor1D;
}

export function createVat(opts: Pick<SslAlgorithmOptions, 'vatXi' | 'vatEps'>): SslAlgorithm {
  return {
    name: 'vat',
    weight: () => 1,
    terms(model, xu, rng) {
      return tidyKeep(() => {
        const shape = xu.shape;
        const size = shape.reduce((a, b) => a * b, 1);
        const d0 = tf.tensor(
          Float32Array.from({ length: size }, () => rng.normal()),
          shape,
        ) as tf.Tensor4D;
        const p = tf.softmax(model.apply(xu, { training: false }) as tf.Tensor2D);
        const r0 = tf.mul(normalizePerImage(d0), opts.vatXi) as tf.Tensor4D;
        const g = tf.grad((r: tf.Tensor) =>
          tf.sum(klRows(p, model.apply(tf.add(xu, r), { training: false }) as tf.Tensor2D)),
        )(r0) as tf.Tensor4D;
        const rAdv = tf.mul(normalizePerImage(g), opts.vatEps);
        const mask = tf.ones([shape[0]]) as tf.Tensor1D;
        return {
          studentInput: tf.add(xu, rAdv) as tf.Tensor4D,
          mask,
          constants: [p],
          loss: (z: tf.Tensor2D) => klRows(p, z),
        };
      });
    },
    dispose() {},
  };
}
