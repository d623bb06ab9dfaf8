/**
 * FixMatch (Sohn et al., NeurIPS 2020): pseudo-label = argmax of the model on a weak view,
 * kept where its confidence reaches τ = 0.95 (mask m_j); the student is trained with
 * cross-entropy to that label on a strong view. Loss_j = m_j · CE(ŷ_j, f(strong(x_j))), so
 * G_j = m_j · (softmax(z_j) − e_{ŷ_j}).
 */
import * as tf from '@tensorflow/tfjs';
import { perExampleCe, tidyKeep, type SslAlgorithm, type SslAlgorithmOptions } from './algorithm';
import { strongAugment, weakAugment } from './augment';

export function createFixMatch(opts: Pick<SslAlgorithmOptions, 'tau'>): SslAlgorithm {
  return {
    name: 'fixmatch',
    weight: () => 1,
    terms(model, xu, rng) {
      return tidyKeep(() => {
        const weak = weakAugment(xu, rng);
        const strong = strongAugment(xu, rng);
        const p = tf.softmax(model.apply(weak, { training: false }) as tf.Tensor2D);
        const pseudo = tf.argMax(p, 1) as tf.Tensor1D;
        const mask = tf.cast(tf.greaterEqual(tf.max(p, 1), opts.tau), 'float32') as tf.Tensor1D;
        return {
          studentInput: strong,
          mask,
          constants: [pseudo],
          loss: (z: tf.Tensor2D) => tf.mul(mask, perExampleCe(z, pseudo)) as tf.Tensor1D,
        };
      });
    },
    dispose() {},
  };
}
