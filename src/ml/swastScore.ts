/**
 * SWaST's selection pass: one inference forward over the training set with the current, pruned
 * model gives every row's EL2N or GraNd score (closed-form last layer, ml/lastLayer.ts) and its
 * logits z (stored for state preservation). Read back batch by batch with data().
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import type { SwastSelector } from '../core/methods/swast/swastSchedule';
import { AbortError, type AbortSignalLike } from '../core/methods/types';
import { allRows, batchInputs, batchLabels } from './batches';
import { closedFormNorms, lastLayerView } from './lastLayer';
import { nextMacrotask } from './train';

export interface ScorePass {
  /** Score per row (length N). */
  scores: Float32Array;
  /** Logits, row-major N × C. */
  logits: Float32Array;
  numClasses: number;
}

export async function scoreTrainingSet(
  model: tf.LayersModel,
  ds: Dataset,
  selector: SwastSelector,
  opts: { batchSize?: number; signal?: AbortSignalLike } = {},
): Promise<ScorePass> {
  const rows = allRows(ds);
  const n = rows.length;
  const view = lastLayerView(model);
  const c = view.numClasses;
  const scores = new Float32Array(n);
  const logits = new Float32Array(n * c);
  const batchSize = opts.batchSize ?? 256;
  for (let start = 0; start < n; start += batchSize) {
    if (opts.signal?.aborted) throw new AbortError();
    const end = Math.min(n, start + batchSize);
    // One tensor per batch: column 0 the score, then the C logits.
    const t = tf.tidy(() => {
      const { h, z } = view.apply(batchInputs(ds, rows, start, end));
      const norms = closedFormNorms(h, z, batchLabels(ds, rows, start, end));
      const s = selector === 'grand' ? norms.gradNorm : norms.el2n;
      return tf.concat([tf.reshape(s, [end - start, 1]), z], 1);
    });
    try {
      const v = await t.data();
      for (let i = 0; i < end - start; i++) {
        scores[start + i] = v[i * (c + 1)]!;
        logits.set(v.subarray(i * (c + 1) + 1, (i + 1) * (c + 1)), (start + i) * c);
      }
    } finally {
      t.dispose();
    }
    await nextMacrotask();
  }
  return { scores, logits, numClasses: c };
}
