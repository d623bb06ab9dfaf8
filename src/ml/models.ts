/**
 * The three model families. Logits out (no softmax layer) so losses and per-sample signals use
 * the numerically stable softmax-cross-entropy; the penultimate layer is named "features" so
 * embeddings can be read from any model. Initialisers are seeded: same seed, same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { cnnInputProblem, usesColourCnn } from '../core/data/modelInput';
import type { ModelKind } from '../core/experiment/spec';

export interface ModelShape {
  /** [h, w, c] for images, [length, channels] for sequences, [d] for vectors. */
  inputShape: number[];
  numClasses: number;
}

export const MODEL_LABELS: Record<ModelKind, string> = {
  linear: 'Linear (softmax regression)',
  mlp: 'MLP (128 hidden, ReLU)',
  cnn: 'Small CNN (grey: conv16-pool-conv32-pool-dense64; colour: VGG-style 2×conv32-pool-2×conv64-pool-conv128-pool-mean-dense128; sequences: 1-D conv32k7-pool-conv64k5-pool-mean-dense64)',
};

export function buildModel(kind: ModelKind, shape: ModelShape, seed: number): tf.Sequential {
  const isImage = shape.inputShape.length === 3;
  // [length, channels]: radio I/Q sequences.
  const isSequence = shape.inputShape.length === 2;
  if (kind === 'cnn' && !isImage && !isSequence)
    throw new RangeError('the CNN needs image or sequence data; use linear or mlp for the toy set');
  const tooSmall = kind === 'cnn' ? cnnInputProblem(shape.inputShape) : undefined;
  if (tooSmall) throw new RangeError(tooSmall);
  let s = seed;
  const init = () => tf.initializers.glorotUniform({ seed: s++ });
  const model = tf.sequential();
  const hidden = isImage || isSequence ? 128 : 16;
  if (kind === 'cnn' && isSequence) {
    // conv1d runs as conv2d underneath, so wasm trains it with our Conv2DBackpropFilter kernel.
    model.add(
      tf.layers.conv1d({
        inputShape: shape.inputShape,
        filters: 32,
        kernelSize: 7,
        activation: 'relu',
        kernelInitializer: init(),
      }),
    );
    model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
    model.add(
      tf.layers.conv1d({ filters: 64, kernelSize: 5, activation: 'relu', kernelInitializer: init() }),
    );
    model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
    // Averaging over time (not flattening) keeps the dense layer small (4k weights, not 115k):
    // with a few hundred coreset samples a flattened head overfits before it learns.
    model.add(tf.layers.globalAveragePooling1d({}));
    model.add(
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(), name: 'features' }),
    );
  } else if (kind === 'cnn' && usesColourCnn(shape.inputShape)) {
    addColourCnn(model, shape.inputShape, init);
  } else if (kind === 'cnn') {
    model.add(
      tf.layers.conv2d({
        inputShape: shape.inputShape,
        filters: 16,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: init() }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(), name: 'features' }),
    );
  } else if (isImage || isSequence) {
    model.add(
      tf.layers.flatten({ inputShape: shape.inputShape, name: kind === 'linear' ? 'features' : undefined }),
    );
    if (kind === 'mlp')
      model.add(
        tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: init(), name: 'features' }),
      );
  } else if (kind === 'mlp') {
    // Vectors (the 2-D toy set): two small hidden layers draw curved boundaries.
    model.add(
      tf.layers.dense({
        inputShape: shape.inputShape,
        units: hidden,
        activation: 'relu',
        kernelInitializer: init(),
      }),
    );
    model.add(
      tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: init(), name: 'features' }),
    );
  }
  const first = model.layers.length === 0;
  model.add(
    tf.layers.dense({
      ...(first ? { inputShape: shape.inputShape } : {}),
      units: shape.numClasses,
      kernelInitializer: init(),
      name: 'logits',
    }),
  );
  return model;
}

/**
 * The colour CNN, sized for 32×32×3 (CIFAR): a small VGG-style stack of same-padded 3×3 convs
 * with three 2×2 pools, then global average pooling (no flatten: the head stays 16k weights
 * whatever the image size). About 140k parameters.
 */
function addColourCnn(
  model: tf.Sequential,
  inputShape: number[],
  init: () => ReturnType<typeof tf.initializers.glorotUniform>,
): void {
  const conv = (filters: number, first = false) =>
    tf.layers.conv2d({
      ...(first ? { inputShape } : {}),
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(),
    });
  model.add(conv(32, true));
  model.add(conv(32));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(conv(64));
  model.add(conv(64));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(conv(128));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(), name: 'features' }));
}

/** The model's trainable variables, in layer order (what optimizers and gradients run over). */
export function modelVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => {
    const v = w.read();
    if (!(v instanceof tf.Variable)) throw new TypeError(`weight ${w.name} is not a variable`);
    return v;
  });
}

/** 1 where the logits' top class is the label, else 0, per row (float32). */
export function correctMask(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32');
}

/** Trainable parameter count, shown beside the model choice. */
export function parameterCount(model: tf.LayersModel): number {
  return model.countParams();
}
