/**
 * The last layer in closed form (docs/methods-decisions.md, "Last-layer gradient"). For cross-entropy on
 * logits z = W h + b, the per-sample gradient is g_b = p − e_y and g_W = (p − e_y) hᵀ, so
 * ‖g‖² = ‖p − e_y‖² (1 + ‖h‖²): one forward pass that returns h and z gives every per-sample
 * gradient, with no per-sample backprop (GraNd, CRAIG-style facility location, RETRIEVE).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import { AbortError } from '../core/methods/types';
import type { Embeddings } from '../core/signals/types';
import { allRows, batchInputs, batchLabels } from './batches';
import { nextMacrotask } from './train';

export interface LastLayerView {
  /** h (N × d, the input of the final dense layer) and logits z (N × C), in inference mode. */
  apply(x: tf.Tensor): { h: tf.Tensor2D; z: tf.Tensor2D };
  /** d: width of h. */
  featureDim: number;
  /** C: number of logits. */
  numClasses: number;
}

interface DenseConfigLike {
  activation?: unknown;
  useBias?: unknown;
}

/**
 * A two-output view of `model` sharing its layers (and weights). h is the input of the final
 * dense layer: the `features` layer for the mlp / cnn / image-linear models, the input itself for
 * the vector linear model. The view owns nothing: never dispose it (that would free the model's
 * weights); dispose the model as usual.
 */
export function lastLayerView(model: tf.LayersModel): LastLayerView {
  // One view per model: the recorder asks every epoch, and a view only traces the graph.
  let v = views.get(model);
  if (!v) {
    v = makeView(model);
    views.set(model, v);
  }
  return v;
}

const views = new WeakMap<tf.LayersModel, LastLayerView>();

function makeView(model: tf.LayersModel): LastLayerView {
  const last = model.layers[model.layers.length - 1];
  if (!last || last.getClassName() !== 'Dense')
    throw new Error('the last layer must be a Dense layer producing logits');
  const cfg = last.getConfig() as DenseConfigLike;
  if (cfg.activation !== 'linear' || cfg.useBias !== true)
    throw new Error(
      'the last Dense layer must be linear with a bias (logits out) for the closed-form gradient',
    );
  const hSym = last.input;
  const out = model.outputs[0];
  if (Array.isArray(hSym) || !out) throw new Error('the last layer must have exactly one input and output');
  const hShape = hSym.shape;
  const zShape = out.shape;
  if (hShape.length !== 2 || zShape.length !== 2)
    throw new Error('the last Dense layer must see flat features');
  const view = tf.model({ inputs: model.inputs, outputs: [hSym, out] });
  return {
    apply(x) {
      const [h, z] = view.apply(x, { training: false }) as tf.Tensor[];
      return { h: h as tf.Tensor2D, z: z as tf.Tensor2D };
    },
    featureDim: hShape[1]!,
    numClasses: zShape[1]!,
  };
}

/** Per-sample ‖p − e_y‖ (EL2N) and ‖g‖ = ‖p − e_y‖·sqrt(1 + ‖h‖²) (GraNd); call inside a tidy. */
export function closedFormNorms(
  h: tf.Tensor2D,
  z: tf.Tensor2D,
  y: tf.Tensor1D,
): { el2n: tf.Tensor1D; gradNorm: tf.Tensor1D } {
  const err = tf.sub(tf.softmax(z), tf.oneHot(y, z.shape[1]));
  const el2n = tf.norm(err, 'euclidean', 1) as tf.Tensor1D;
  const hSq = tf.sum(tf.square(h), 1);
  return { el2n, gradNorm: tf.mul(el2n, tf.sqrt(tf.add(hSq, 1))) };
}

/**
 * Per-sample gradient embedding rows for a batch, laid out as the flattened tfjs kernel gradient
 * (d × C, row-major: entry [a·C + c] = h_a·(p − e_y)_c) followed by the bias gradient (C): the
 * same order as concatenating tf.grad w.r.t. kernel and bias. Call inside a tidy.
 */
export function gradientRows(h: tf.Tensor2D, z: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor2D {
  const [b, c] = z.shape;
  const d = h.shape[1];
  const err = tf.sub(tf.softmax(z), tf.oneHot(y, c));
  const outer = tf.reshape(tf.mul(tf.reshape(h, [b, d, 1]), tf.reshape(err, [b, 1, c])), [b, d * c]);
  return tf.concat([outer, err], 1) as tf.Tensor2D;
}

export interface LastLayerOptions {
  /** Rows of `ds` to use, in output order; all rows when absent. */
  rows?: Int32Array;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

/** Runs `perBatch` over `rows` in batches, reading each result with data() (safe on every backend). */
async function forEachBatch(
  model: tf.LayersModel,
  ds: Dataset,
  opts: LastLayerOptions,
  perBatch: (view: LastLayerView, x: tf.Tensor, y: tf.Tensor1D) => tf.Tensor,
  sink: (values: Float32Array, start: number, end: number) => void,
): Promise<void> {
  const rows = opts.rows ?? allRows(ds);
  const batchSize = opts.batchSize ?? 256;
  const view = lastLayerView(model);
  for (let start = 0; start < rows.length; start += batchSize) {
    if (opts.signal?.aborted) throw new AbortError();
    const end = Math.min(rows.length, start + batchSize);
    const t = tf.tidy(() =>
      perBatch(view, batchInputs(ds, rows, start, end), batchLabels(ds, rows, start, end)),
    );
    try {
      sink((await t.data()) as Float32Array, start, end);
    } finally {
      t.dispose();
    }
    opts.onProgress?.(end / rows.length);
    await nextMacrotask();
  }
}

/** Closed-form last-layer gradient norm per row (the GraNd score of one model). */
export async function lastLayerGradNorms(
  model: tf.LayersModel,
  ds: Dataset,
  opts: LastLayerOptions = {},
): Promise<Float32Array> {
  const n = (opts.rows ?? ds.labels).length;
  const out = new Float32Array(n);
  await forEachBatch(
    model,
    ds,
    opts,
    (view, x, y) => {
      const { h, z } = view.apply(x);
      return closedFormNorms(h, z, y).gradNorm;
    },
    (v, start) => out.set(v, start),
  );
  return out;
}

/** Above this many floats (1 GiB) the embedding matrix is refused with a reason, not an OOM. */
export const MAX_GRADIENT_EMBEDDING_VALUES = 2 ** 28;

/**
 * Row-major N × C·(d + 1) gradient embeddings (layout: see gradientRows), computed in blocks of
 * `batchSize` rows so peak tensor memory stays one block. A linear model on 60k MNIST images
 * would need 471M floats: that is refused, use an mlp / cnn (d = 128 / 64) or fewer rows.
 */
export async function lastLayerGradEmbeddings(
  model: tf.LayersModel,
  ds: Dataset,
  opts: LastLayerOptions & { maxValues?: number } = {},
): Promise<Embeddings> {
  const n = (opts.rows ?? ds.labels).length;
  const view = lastLayerView(model);
  const dim = view.numClasses * (view.featureDim + 1);
  const limit = opts.maxValues ?? MAX_GRADIENT_EMBEDDING_VALUES;
  if (n * dim > limit)
    throw new RangeError(
      `last-layer gradient embeddings of ${n} × ${dim} exceed ${limit.toLocaleString('en')} values; use fewer rows or a model with a narrower last layer`,
    );
  const data = new Float32Array(n * dim);
  await forEachBatch(
    model,
    ds,
    opts,
    (v, x, y) => {
      const { h, z } = v.apply(x);
      return gradientRows(h, z, y);
    },
    (values, start) => data.set(values, start * dim),
  );
  return { data, dim, source: `last-layer gradients (${view.numClasses} × (${view.featureDim} + 1))` };
}
