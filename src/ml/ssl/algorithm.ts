/**
 * What every SSL algorithm gives the loop and RETRIEVE: for an unlabeled batch, the view the
 * student is trained on, constants computed without gradient (pseudo-labels, teacher outputs,
 * adversarial directions), the per-example masked consistency loss as a function of the
 * student's logits, and the mask m_j. Because each example's loss depends on its own logits
 * only, one tf.grad of the summed loss w.r.t. the logits gives every per-example G_j (n × C).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../core/math/rng';
import type { SslAlgorithmName } from '../../core/methods/retrieve/retrieve';
import type { LastLayerView } from '../lastLayer';

export interface UnlabeledTerms {
  /** The input the student's logits are computed on (e.g. the strong view). */
  studentInput: tf.Tensor4D;
  /** Per-example masked consistency loss (already multiplied by the mask). */
  loss: (studentLogits: tf.Tensor2D) => tf.Tensor1D;
  /** m_j per example. */
  mask: tf.Tensor1D;
  /**
   * The tensors `loss` closes over (pseudo-labels, teacher probabilities): listed here so the
   * tf.tidy that builds the terms keeps them, and the caller's tidy frees them.
   */
  constants: tf.Tensor[];
}

export interface SslAlgorithm {
  readonly name: SslAlgorithmName;
  /** Weight of the unlabeled term at training progress t ∈ [0, 1] (Mean Teacher ramps it up). */
  weight(t: number): number;
  /** Builds the batch's terms; every tensor is created without gradient. */
  terms(model: tf.LayersModel, xu: tf.Tensor4D, rng: Rng): UnlabeledTerms;
  /** Called after each optimizer step (Mean Teacher's EMA update). */
  afterStep?(model: tf.LayersModel): void;
  dispose(): void;
}

export interface SslAlgorithmOptions {
  /** FixMatch confidence threshold τ. */
  tau: number;
  /** Mean Teacher EMA decay α and consistency weight. */
  emaDecay: number;
  meanTeacherWeight: number;
  /** VAT: finite-difference size ξ and perturbation norm ε (L2 over the image, [0, 1] pixels). */
  vatXi: number;
  vatEps: number;
}

export const DEFAULT_SSL_OPTIONS: SslAlgorithmOptions = {
  tau: 0.95,
  emaDecay: 0.99,
  meanTeacherWeight: 10,
  vatXi: 1e-6,
  vatEps: 2,
};

export interface UnlabeledStats {
  /** n × C gradients of each example's masked consistency loss w.r.t. its logits. */
  grads: tf.Tensor2D;
  loss: tf.Tensor1D;
  mask: tf.Tensor1D;
  /** Penultimate features of the student's view, when a last-layer view is given. */
  features?: tf.Tensor2D;
}

/**
 * tf.tidy for results that hold functions beside tensors (UnlabeledTerms' `loss`): tidy keeps
 * every tensor it finds in the returned object and skips the rest; only its typing wants a
 * pure TensorContainer.
 */
export function tidyKeep<T extends object>(fn: () => T): T {
  return tf.tidy(() => fn() as unknown as tf.TensorContainer) as unknown as T;
}

/** G_j for every row in one pass: the loss is separable, so grad of the sum is per-row. */
export function logitGrads(loss: (z: tf.Tensor2D) => tf.Tensor1D, z: tf.Tensor2D): tf.Tensor2D {
  return tf.grad((zz: tf.Tensor) => tf.sum(loss(zz as tf.Tensor2D)))(z) as tf.Tensor2D;
}

/** Per-example loss, mask and logit gradients for a batch (no parameter update). */
export function unlabeledStats(
  algo: SslAlgorithm,
  model: tf.LayersModel,
  xu: tf.Tensor4D,
  rng: Rng,
  view?: LastLayerView,
): UnlabeledStats {
  return tidyKeep(() => {
    const t = algo.terms(model, xu, rng);
    if (view) {
      const { h, z } = view.apply(t.studentInput);
      return { grads: logitGrads(t.loss, z), loss: t.loss(z), mask: t.mask, features: h };
    }
    const z = model.apply(t.studentInput, { training: false }) as tf.Tensor2D;
    return { grads: logitGrads(t.loss, z), loss: t.loss(z), mask: t.mask };
  });
}

/** Softmax cross-entropy per row against integer targets. */
export function perExampleCe(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const C = logits.shape[1];
  return tf.losses.softmaxCrossEntropy(
    tf.oneHot(targets, C),
    logits,
    undefined,
    undefined,
    tf.Reduction.NONE,
  ) as tf.Tensor1D;
}
