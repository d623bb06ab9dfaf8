/**
 * One RETRIEVE selection round: per-example logit gradients, masks and losses over the whole
 * unlabeled pool (batched, read back with data()), the labeled logits under the current model,
 * then core's greedy (pure TS). Each phase is timed.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../core/data/dataset';
import type { Rng } from '../../core/math/rng';
import { retrieveGreedy, type RetrieveResult } from '../../core/methods/retrieve/retrieveGreedy';
import { AbortError, type AbortSignalLike } from '../../core/methods/abort';
import { allRows, batchInputs } from '../batches';
import { lastLayerView } from '../lastLayer';
import { nextMacrotask } from '../train';
import { tidyKeep, unlabeledStats, type SslAlgorithm } from './algorithm';

export interface PoolStats {
  grads: Float32Array;
  mask: Float32Array;
  loss: Float32Array;
  /** Penultimate features of the student's view (n × dim), when asked for. */
  features?: Float32Array;
  featureDim?: number;
}

/** G_j, m_j and the masked loss for every row of `pool` (n × C, n, n). */
export async function poolStats(
  model: tf.LayersModel,
  algo: SslAlgorithm,
  pool: Dataset,
  rng: Rng,
  batchSize: number,
  signal?: AbortSignalLike,
  withFeatures = false,
): Promise<PoolStats> {
  const n = pool.labels.length;
  const C = pool.numClasses;
  const rows = allRows(pool);
  const out: PoolStats = {
    grads: new Float32Array(n * C),
    mask: new Float32Array(n),
    loss: new Float32Array(n),
  };
  const view = withFeatures ? lastLayerView(model) : undefined;
  if (view) {
    out.featureDim = view.featureDim;
    out.features = new Float32Array(n * view.featureDim);
  }
  for (let start = 0; start < n; start += batchSize) {
    if (signal?.aborted) throw new AbortError();
    const end = Math.min(n, start + batchSize);
    const s = tidyKeep(() =>
      unlabeledStats(algo, model, batchInputs(pool, rows, start, end) as tf.Tensor4D, rng, view),
    );
    try {
      const [g, m, l, h] = await Promise.all([
        s.grads.data(),
        s.mask.data(),
        s.loss.data(),
        s.features?.data(),
      ]);
      out.grads.set(g, start * C);
      out.mask.set(m, start);
      out.loss.set(l, start);
      if (h && out.features) out.features.set(h, start * out.featureDim!);
    } finally {
      tf.dispose([s.grads, s.mask, s.loss, ...(s.features ? [s.features] : [])]);
    }
    await nextMacrotask();
  }
  return out;
}

/** Logits (nL × C) and penultimate features (nL × d) of every labeled row, no augmentation. */
export async function labeledOutputs(
  model: tf.LayersModel,
  labeled: Dataset,
  batchSize = 256,
): Promise<{ logits: Float32Array; features: Float32Array }> {
  const n = labeled.labels.length;
  const view = lastLayerView(model);
  const rows = allRows(labeled);
  const logits = new Float32Array(n * view.numClasses);
  const features = new Float32Array(n * view.featureDim);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const { h, z } = tf.tidy(() => view.apply(batchInputs(labeled, rows, start, end)));
    const [hv, zv] = await Promise.all([h.data(), z.data()]);
    tf.dispose([h, z]);
    logits.set(zv, start * view.numClasses);
    features.set(hv, start * view.featureDim);
  }
  return { logits, features };
}

export interface RetrieveRound {
  result: RetrieveResult;
  stats: PoolStats;
  gradientsMs: number;
  greedyMs: number;
}

export async function retrieveRound(
  model: tf.LayersModel,
  algo: SslAlgorithm,
  labeled: Dataset,
  pool: Dataset,
  opts: {
    budget: number;
    eta: number;
    epsilon: number;
    rng: Rng;
    batchSize: number;
    lastLayer: boolean;
    signal?: AbortSignalLike;
  },
): Promise<RetrieveRound> {
  const t0 = performance.now();
  const stats = await poolStats(
    model,
    algo,
    pool,
    opts.rng.fork('views'),
    opts.batchSize,
    opts.signal,
    opts.lastLayer,
  );
  const L = await labeledOutputs(model, labeled);
  const t1 = performance.now();
  const features =
    opts.lastLayer && stats.features
      ? { pool: stats.features, labeled: L.features, dim: stats.featureDim! }
      : undefined;
  const result = retrieveGreedy(
    {
      grads: stats.grads,
      mask: stats.mask,
      labeledLogits: L.logits,
      labeledLabels: labeled.labels,
      numClasses: labeled.numClasses,
      features,
    },
    {
      budget: opts.budget,
      eta: opts.eta,
      epsilon: opts.epsilon,
      rng: opts.rng.fork('greedy'),
      signal: opts.signal,
    },
  );
  return { result, stats, gradientsMs: t1 - t0, greedyMs: performance.now() - t1 };
}
