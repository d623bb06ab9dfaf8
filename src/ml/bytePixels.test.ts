/**
 * Images are stored as bytes (0–255) and scaled by 1/255 only when a batch is built (a 50,000 ×
 * 32×32×3 CIFAR set is 154 MB as bytes, 614 MB as float32). These tests hold the byte path to
 * the float path it replaces: the same images stored as float32 in [0, 1] with scale 1 must
 * give the same batches, pixel PCA, training losses, penultimate embeddings and record.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { subsetDataset, type Dataset } from '../core/data/dataset';
import { importColourShapes } from '../core/data/import/builtin';
import { createRng } from '../core/math/rng';
import { allRows, batchInputs } from './batches';
import { penultimateEmbeddings, pixelPcaEmbeddings } from './embeddings';
import { buildModel } from './models';
import { measureSamples } from './record';
import { train } from './train';

/** The same images as float32 in [0, 1], the way they would be held without the byte path. */
function asFloats(ds: Dataset): Dataset {
  return { ...ds, x: Float32Array.from(ds.x, (v) => v / 255), scale: 1 };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const colour = (n: number) => importColourShapes({ n, difficulty: 0.5 }).train;

describe('images as bytes, scaled per batch', () => {
  it('batches match the float path bit for bit, with and without augmentation', async () => {
    await useBackend('cpu');
    const bytes = colour(60);
    const floats = asFloats(bytes);
    expect(bytes.x).toBeInstanceOf(Uint8Array);
    const rows = Int32Array.of(5, 0, 17, 3, 40);
    for (const augment of [false, true]) {
      const a = batchInputs(bytes, rows, 1, 5, augment ? createRng(3) : undefined);
      const b = batchInputs(floats, rows, 1, 5, augment ? createRng(3) : undefined);
      expect(a.shape).toEqual([4, 32, 32, 3]);
      expect(maxAbsDiff(await a.data(), await b.data())).toBe(0);
      tf.dispose([a, b]);
    }
  });

  it('a subset keeps the bytes (no float copy) and the same rows', () => {
    const bytes = colour(60);
    const sub = subsetDataset(bytes, [4, 2, 9]);
    expect(sub.x).toBeInstanceOf(Uint8Array);
    expect(sub.x.length).toBe(3 * 32 * 32 * 3);
    expect(Array.from(sub.x.subarray(0, 3072))).toEqual(Array.from(bytes.x.subarray(4 * 3072, 5 * 3072)));
  });

  it('pixel PCA of bytes equals pixel PCA of the scaled floats', () => {
    const bytes = colour(120);
    const a = pixelPcaEmbeddings(bytes, { seed: 2, k: 6 });
    const b = pixelPcaEmbeddings(asFloats(bytes), { seed: 2, k: 6 });
    expect(a.source).toBe(b.source);
    // Components are defined up to sign: compare |projection| per coordinate.
    const abs = (x: Float32Array) => x.map(Math.abs);
    expect(maxAbsDiff(abs(a.data), abs(b.data))).toBeLessThan(1e-3);
  });

  it('the colour CNN trains, records and embeds the same from bytes as from floats', async () => {
    await useBackend('wasm');
    const bytes = subsetDataset(
      colour(60),
      Array.from({ length: 32 }, (_, i) => i),
    );
    const floats = asFloats(bytes);
    const before = tf.memory().numTensors;
    const run = async (ds: Dataset) => {
      const model = buildModel('cnn', { inputShape: ds.shape, numClasses: 10 }, 7);
      const r = await train(model, ds, {
        epochs: 2,
        batchSize: 16,
        learningRate: 0.003,
        seed: 5,
        augment: true,
      });
      const emb = await penultimateEmbeddings(model, ds, { batchSize: 32 });
      const rec = await measureSamples(model, ds, allRows(ds), { batchSize: 32, inputGrads: false });
      model.dispose();
      return { losses: r.epochs.map((e) => e.loss), emb: emb.data, rec };
    };
    const a = await run(bytes);
    const b = await run(floats);
    expect(maxAbsDiff(a.losses, b.losses)).toBeLessThan(1e-5);
    expect(maxAbsDiff(a.emb, b.emb)).toBeLessThan(1e-5);
    expect(maxAbsDiff(a.rec.loss, b.rec.loss)).toBeLessThan(1e-5);
    expect(maxAbsDiff(a.rec.el2n, b.rec.el2n)).toBeLessThan(1e-5);
    expect(Array.from(a.rec.correct)).toEqual(Array.from(b.rec.correct));
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
