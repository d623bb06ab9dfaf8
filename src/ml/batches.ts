/**
 * Batches are built from the dataset's compact bytes on demand: whole-dataset tensors stay off
 * GPU backends (docs/tfjs-notes.md: a 60000×784 tensor on webgpu took 25 s to reduce).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import { featureDim } from '../core/data/dataset';
import { augmentBatch } from '../core/data/augment';
import type { Rng } from '../core/math/rng';

/** `augment`: a seeded stream for random crop + flip (colour images; see core/data/augment.ts). */
export function batchInputs(
  ds: Dataset,
  rows: ArrayLike<number>,
  start: number,
  end: number,
  augment?: Rng,
): tf.Tensor {
  const dim = featureDim(ds);
  const count = end - start;
  const buf = new Float32Array(count * dim);
  const s = ds.scale;
  for (let i = 0; i < count; i++) {
    const r = rows[start + i]!;
    const off = r * dim;
    const o = i * dim;
    for (let j = 0; j < dim; j++) buf[o + j] = ds.x[off + j]! * s;
  }
  if (augment && ds.shape.length === 3) {
    const [h, w, c] = ds.shape as [number, number, number];
    return tf.tensor(augmentBatch(buf, count, h, w, c, augment), [count, ...ds.shape], 'float32');
  }
  return tf.tensor(buf, [count, ...ds.shape], 'float32');
}

export function batchLabels(ds: Dataset, rows: ArrayLike<number>, start: number, end: number): tf.Tensor1D {
  const y = new Int32Array(end - start);
  for (let i = 0; i < y.length; i++) y[i] = ds.labels[rows[start + i]!]!;
  return tf.tensor1d(y, 'int32');
}

export function allRows(ds: Dataset): Int32Array {
  return Int32Array.from({ length: ds.labels.length }, (_, i) => i);
}
