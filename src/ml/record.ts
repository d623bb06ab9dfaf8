/**
 * The training-dynamics recorder (docs/methods-decisions.md, "Training-dynamics record"): after
 * every epoch one extra no-augmentation pass over the training set, in inference mode, stores per sample the
 * correct bit, true-class probability, margin p_y − max_{j≠y} p_j, loss, EL2N ‖p − e_y‖, the
 * closed-form last-layer gradient norm and, when asked, the input-gradient norm ‖∇ₓℓ‖₂.
 * Forgetting, AUM, EL2N, GraNd, data maps, EasyCore, FoQuS, NUCS and CCS all derive from it.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import { AbortError } from '../core/methods/types';
import type { TrainingRecord } from '../core/signals/types';
import { allRows, batchInputs, batchLabels } from './batches';
import { closedFormNorms, lastLayerView, type LastLayerView } from './lastLayer';
import { correctMask } from './models';
import { nextMacrotask, type EpochReport } from './train';

export interface RecorderOptions {
  /** Also record ‖∇ₓℓ‖₂ (one backward pass to the input per batch). */
  inputGrads: boolean;
  /** Rows per evaluation batch; inference only, so it can exceed the training batch. */
  batchSize: number;
  signal?: AbortSignal;
  /** Progress within the current pass, in [0, 1]. */
  onProgress?: (done: number) => void;
}

/** One pass: per-sample values for the rows, in row order. */
export interface SampleMeasures {
  correct: Uint8Array;
  trueProb: Float32Array;
  margin: Float32Array;
  loss: Float32Array;
  el2n: Float32Array;
  grand: Float32Array;
  inputGradNorm?: Float32Array;
}

export interface Recorder {
  /** Pass as train()'s onEpoch: records the model after each epoch. */
  onEpoch(report: EpochReport, model: tf.LayersModel): Promise<void>;
  /** The record so far (epochs = passes completed); arrays are copies laid out epoch-major. */
  result(): TrainingRecord;
  /** Epochs recorded so far. */
  readonly epochs: number;
  /** Wall time spent in record passes, ms (for overhead figures). */
  readonly ms: number;
}

const FIELDS = ['correct', 'trueProb', 'margin', 'loss', 'el2n', 'grand', 'inputGradNorm'] as const;

/**
 * Per-sample statistics of one batch, stacked as a [F, B] float tensor so one data() reads them
 * all (each readback stalls GPU backends). Call inside a tidy; input gradients come from one
 * tf.grad of the summed loss: in inference mode the loss is separable across samples, so the
 * batch gradient holds every per-sample gradient.
 */
function batchStats(view: LastLayerView, x: tf.Tensor, y: tf.Tensor1D, inputGrads: boolean): tf.Tensor2D {
  const onehot = tf.oneHot(y, view.numClasses);
  const perSampleLoss = (z: tf.Tensor2D) => tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(z)), 1));
  let h: tf.Tensor2D;
  let z: tf.Tensor2D;
  let gradNorm: tf.Tensor | undefined;
  if (inputGrads) {
    // h and z come out of the grad closure (kept, so its scope does not free them): one forward
    // pass serves both the statistics and the backward pass.
    const kept: tf.Tensor[] = [];
    try {
      const g = tf.grad((xb: tf.Tensor) => {
        const r = view.apply(xb);
        kept.push(tf.keep(r.h), tf.keep(r.z));
        return tf.sum(perSampleLoss(r.z));
      })(x);
      gradNorm = tf.sqrt(tf.sum(tf.square(tf.reshape(g, [g.shape[0]!, -1])), 1));
      [h, z] = kept.map((t) => t.clone()) as [tf.Tensor2D, tf.Tensor2D];
    } finally {
      tf.dispose(kept);
    }
  } else {
    ({ h, z } = view.apply(x));
  }
  const p = tf.softmax(z);
  const trueProb = tf.sum(tf.mul(p, onehot), 1);
  // Subtracting 2 from the true class puts it below every other probability.
  const maxOther = tf.max(tf.sub(p, tf.mul(onehot, 2)), 1);
  const correct = correctMask(z, y);
  const { el2n, gradNorm: grand } = closedFormNorms(h, z, y);
  const rows = [correct, trueProb, tf.sub(trueProb, maxOther), perSampleLoss(z), el2n, grand];
  if (gradNorm) rows.push(gradNorm);
  return tf.stack(rows) as tf.Tensor2D;
}

/** One no-augmentation pass over `rows`; leak-free, yields between batches, honours `signal`. */
export async function measureSamples(
  model: tf.LayersModel,
  ds: Dataset,
  rows: Int32Array,
  opts: RecorderOptions,
): Promise<SampleMeasures> {
  const n = rows.length;
  const out: SampleMeasures = {
    correct: new Uint8Array(n),
    trueProb: new Float32Array(n),
    margin: new Float32Array(n),
    loss: new Float32Array(n),
    el2n: new Float32Array(n),
    grand: new Float32Array(n),
    ...(opts.inputGrads ? { inputGradNorm: new Float32Array(n) } : {}),
  };
  const view = lastLayerView(model);
  const batchSize = Math.max(1, opts.batchSize);
  for (let start = 0; start < n; start += batchSize) {
    if (opts.signal?.aborted) throw new AbortError();
    const end = Math.min(n, start + batchSize);
    const b = end - start;
    const stats = tf.tidy(() =>
      batchStats(view, batchInputs(ds, rows, start, end), batchLabels(ds, rows, start, end), opts.inputGrads),
    );
    let v: Float32Array;
    try {
      v = (await stats.data()) as Float32Array;
    } finally {
      stats.dispose();
    }
    FIELDS.forEach((f, k) => {
      const target = out[f];
      if (!target) return;
      for (let i = 0; i < b; i++) target[start + i] = v[k * b + i]!;
    });
    opts.onProgress?.(end / n);
    await nextMacrotask();
  }
  return out;
}

/**
 * A recorder for `ds` restricted to `rows` (all rows when absent; record index i is rows[i]).
 * Pass `recorder.onEpoch` to train(); read `recorder.result()` afterwards.
 */
export function createRecorder(ds: Dataset, rows: Int32Array | undefined, opts: RecorderOptions): Recorder {
  const r = rows ?? allRows(ds);
  const passes: SampleMeasures[] = [];
  let ms = 0;
  return {
    async onEpoch(_report, model) {
      const t0 = performance.now();
      passes.push(await measureSamples(model, ds, r, opts));
      ms += performance.now() - t0;
    },
    result() {
      const n = r.length;
      const T = passes.length;
      const cat = <A extends Float32Array | Uint8Array>(
        make: (len: number) => A,
        pick: (m: SampleMeasures) => A,
      ): A => {
        const a = make(n * T);
        passes.forEach((m, t) => a.set(pick(m), t * n));
        return a;
      };
      const f32 = (len: number) => new Float32Array(len);
      const record: TrainingRecord = {
        n,
        epochs: T,
        correct: cat(
          (len) => new Uint8Array(len),
          (m) => m.correct,
        ),
        trueProb: cat(f32, (m) => m.trueProb),
        margin: cat(f32, (m) => m.margin),
        loss: cat(f32, (m) => m.loss),
        el2n: cat(f32, (m) => m.el2n),
        grand: cat(f32, (m) => m.grand),
      };
      if (opts.inputGrads) record.inputGradNorm = cat(f32, (m) => m.inputGradNorm!);
      return record;
    },
    get epochs() {
      return passes.length;
    },
    get ms() {
      return ms;
    },
  };
}
