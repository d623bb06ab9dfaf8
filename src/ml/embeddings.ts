/**
 * Embeddings for the geometric methods, each as core's Embeddings {data, dim, source}:
 * pixels → PCA (training-free, seeded; SubZeroCore wants features not trained on the task),
 * penultimate features of a trained model, and last-layer gradient embeddings. Also the 2-D
 * projection every method draws its picks on.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import { signalImages } from '../core/data/signalSize';
import { pca } from '../core/math/pca';
import { createRng } from '../core/math/rng';
import { throwIfAborted } from '../core/methods/types';
import type { Embeddings } from '../core/signals/types';
import { allRows, batchInputs } from './batches';
import { lastLayerView } from './lastLayer';
import { nextMacrotask } from './train';

export { lastLayerGradEmbeddings } from './lastLayer';

export const DEFAULT_PCA_DIM = 32;

export interface PixelPcaOptions {
  /** Output dimensions (capped at the input dimension). */
  k?: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

/**
 * PCA of the raw (scaled) inputs; a 2-D vector dataset yields its centred points. Large images
 * are downscaled first (signalImages), and the source says so.
 */
export function pixelPcaEmbeddings(ds: Dataset, opts: PixelPcaOptions): Embeddings {
  const { x, dim, downscaled } = signalImages(ds);
  const k = Math.min(opts.k ?? DEFAULT_PCA_DIM, dim);
  const signal = opts.signal;
  const r = pca(x, dim, k, createRng(opts.seed).fork('pixel-pca'), {
    scale: ds.scale,
    onProgress: opts.onProgress,
    // PCA is synchronous; the checkpoint is where a cancel is noticed.
    checkpoint: signal ? () => throwIfAborted(signal) : undefined,
  });
  const of = ds.shape.length === 3 ? (downscaled ? `pixels downscaled ${downscaled}` : 'pixels') : 'inputs';
  return { data: r.projected, dim: k, source: `pca-${k} of ${of}` };
}

export interface ModelEmbeddingOptions {
  rows?: Int32Array;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
  /** Shown in `source`, e.g. "mlp". */
  label?: string;
}

/** Penultimate features h (the input of the final dense layer) of a trained model, N × d. */
export async function penultimateEmbeddings(
  model: tf.LayersModel,
  ds: Dataset,
  opts: ModelEmbeddingOptions = {},
): Promise<Embeddings> {
  const rows = opts.rows ?? allRows(ds);
  const batchSize = opts.batchSize ?? 512;
  const view = lastLayerView(model);
  const dim = view.featureDim;
  const data = new Float32Array(rows.length * dim);
  for (let start = 0; start < rows.length; start += batchSize) {
    if (opts.signal) throwIfAborted(opts.signal);
    const end = Math.min(rows.length, start + batchSize);
    const h = tf.tidy(() => view.apply(batchInputs(ds, rows, start, end)).h);
    try {
      data.set(await h.data(), start * dim);
    } finally {
      h.dispose();
    }
    opts.onProgress?.(end / rows.length);
    await nextMacrotask();
  }
  return { data, dim, source: `${opts.label ?? 'model'} penultimate features (${dim})` };
}

/**
 * 2-D coordinates for drawing: 2-D data as is, otherwise PCA-2 of `emb` (the embeddings a
 * method uses, or pixel PCA). Training-free and seeded.
 */
export function projection2d(emb: Embeddings, seed: number): Float32Array {
  if (emb.dim === 2) return emb.data.slice();
  if (emb.dim < 2) {
    // One feature: draw it against zero so the view still has points.
    const out = new Float32Array((emb.data.length / Math.max(1, emb.dim)) * 2);
    for (let i = 0; i < out.length / 2; i++) out[2 * i] = emb.dim === 1 ? emb.data[i]! : 0;
    return out;
  }
  return pca(emb.data, emb.dim, 2, createRng(seed).fork('projection-2d')).projected;
}
