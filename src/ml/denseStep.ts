/**
 * The training step of dense models (the linear model and the MLPs) written out by hand:
 * fused matMul + bias + ReLU forward, softmax cross-entropy, and the backward pass as a dozen
 * plain ops — no gradient tape, no layers bookkeeping. The tape path costs ~140 kernel calls a
 * step for the MNIST MLP; this one ~40 (issue "Performance": the MLP was 6× behind PyTorch,
 * dominated by per-op dispatch, not arithmetic). Same gradients as tf.variableGrads over
 * model.apply + tf.losses.softmaxCrossEntropy (denseStep.test.ts), on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { correctMask } from './models';

export interface DenseLayer {
  kernel: tf.Variable;
  bias: tf.Variable | null;
  relu: boolean;
}

export interface DenseStep {
  /** Gradients in the order of `variables`. */
  grads: tf.Tensor[];
  /** Mean softmax cross-entropy of the batch. */
  loss: tf.Scalar;
  /** Correct predictions in the batch. */
  correct: tf.Scalar;
}

interface LayerLike {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  trainableWeights: { name: string; read(): tf.Tensor }[];
}

let enabled = true;

/** Benches measure the tape path for comparison by switching the hand-written step off. */
export function setDenseStepEnabled(on: boolean): void {
  enabled = on;
}

/**
 * The model as a chain of dense layers (a leading Flatten allowed), or null when it is anything
 * else — a conv net, another activation, dropout — and the tape path must train it.
 */
export function denseChain(model: tf.LayersModel): DenseLayer[] | null {
  if (!enabled) return null;
  const layers = model.layers as unknown as LayerLike[];
  const chain: DenseLayer[] = [];
  for (const [i, layer] of layers.entries()) {
    const cls = layer.getClassName();
    if (cls === 'Flatten' && i === 0) continue;
    if (cls !== 'Dense') return null;
    const activation = layer.getConfig().activation;
    if (activation !== 'relu' && activation !== 'linear') return null;
    const weights = layer.trainableWeights.map((w) => w.read());
    if (!weights.every((w): w is tf.Variable => w instanceof tf.Variable)) return null;
    const [kernel, bias] = weights;
    if (!kernel || kernel.rank !== 2 || weights.length > 2) return null;
    chain.push({ kernel, bias: bias ?? null, relu: activation === 'relu' });
  }
  if (!chain.length || chain[chain.length - 1]!.relu) return null;
  return chain;
}

/** The chain's variables in the order `denseGrads` returns their gradients. */
export function chainVariables(chain: readonly DenseLayer[]): tf.Variable[] {
  return chain.flatMap((l) => (l.bias ? [l.kernel, l.bias] : [l.kernel]));
}

/** Mean softmax cross-entropy of logits [B, classes], correct predictions, and d loss / d logits. */
export function softmaxHead(
  logits: tf.Tensor2D,
  y: tf.Tensor1D,
): { loss: tf.Scalar; correct: tf.Scalar; dz: tf.Tensor2D } {
  const batch = logits.shape[0];
  const logProbs = tf.logSoftmax(logits);
  const oneHot = tf.oneHot(y, logits.shape[1]);
  const loss = tf.div(tf.neg(tf.sum(tf.mul(logProbs, oneHot))), batch) as tf.Scalar;
  const correct = tf.sum(correctMask(logits, y)) as tf.Scalar;
  // d(mean CE)/d logits = (softmax − onehot) / B
  const dz = tf.mul(tf.sub(tf.exp(logProbs), oneHot), 1 / batch) as tf.Tensor2D;
  return { loss, correct, dz };
}

/** Forward and backward for one batch: x [B, ...] (flattened here), y [B] int32 labels. */
export function denseGrads(chain: readonly DenseLayer[], x: tf.Tensor, y: tf.Tensor1D): DenseStep {
  const batch = x.shape[0]!;
  const input = x.rank === 2 ? (x as tf.Tensor2D) : (tf.reshape(x, [batch, -1]) as tf.Tensor2D);
  // acts[l] is the input of layer l; the last entry is the logits.
  const acts: tf.Tensor2D[] = [input];
  for (const layer of chain) {
    acts.push(
      tf.fused.matMul({
        a: acts[acts.length - 1]!,
        b: layer.kernel as tf.Tensor2D,
        bias: layer.bias ?? undefined,
        activation: layer.relu ? 'relu' : 'linear',
      }) as tf.Tensor2D,
    );
  }
  const { loss, correct, dz: dLogits } = softmaxHead(acts[acts.length - 1]!, y);
  let dz = dLogits;
  const grads: tf.Tensor[][] = [];
  for (let l = chain.length - 1; l >= 0; l--) {
    const layer = chain[l]!;
    const a = acts[l]!;
    const g: tf.Tensor[] = [tf.matMul(a, dz, true, false)];
    if (layer.bias) g.push(tf.sum(dz, 0));
    grads.unshift(g);
    if (l > 0) {
      const da = tf.matMul(dz, layer.kernel as tf.Tensor2D, false, true) as tf.Tensor2D;
      // ReLU's gradient: pass where the layer's output was positive (tf.relu's own rule).
      dz = chain[l - 1]!.relu ? (tf.mul(da, tf.step(a)) as tf.Tensor2D) : da;
    }
  }
  return { grads: grads.flat(), loss, correct };
}
