/**
 * Pre-cut training subsets (issue 21): the default MNIST subset (the rows the lab's default
 * spec draws) written at install time as its own small IDX pair, so a first visit reads 0.8 MB
 * instead of the 47 MB training file. The rows are the real MNIST rows in the same order; the
 * manifest lists each pre-cut's rows in the standard numbering, and a load uses a pre-cut only
 * when its rows are exactly the rows asked for and its labels agree with the full labels file.
 */
import type { Dataset } from './dataset';
import { DataFormatError, parseIdxPair } from './idx';
import { stratifiedSubset } from './split';
import { createRng } from '../math/rng';

export type ImageSource = 'mnist' | 'fashion';
export type PrecutAsset = `${ImageSource}-train-${number}-seed${number}-${'images' | 'labels'}.idx`;
const ASSET = /^(mnist|fashion)-train-\d+-seed\d+-(images|labels)\.idx$/;

export interface PrecutEntry {
  source: ImageSource;
  /** Asset names of the subset's images and labels (IDX). */
  images: PrecutAsset;
  labels: PrecutAsset;
  /** The subset's rows in the standard training numbering, in order. */
  rows: number[];
}

/** The rows a spec's training subset takes from a standard split (prepareData's first step). */
export function subsetRows(labels: Uint8Array, numClasses: number, size: number, seed: number): Int32Array {
  return stratifiedSubset(labels, numClasses, size, createRng(seed).fork('subset'));
}

/** The asset names of the pre-cut subset of `size` rows drawn with `seed`. */
export function precutNames(
  source: ImageSource,
  size: number,
  seed: number,
): { images: PrecutAsset; labels: PrecutAsset } {
  const base = `${source}-train-${size}-seed${seed}` as const;
  return { images: `${base}-images.idx`, labels: `${base}-labels.idx` };
}

/** The pre-cuts a manifest (public/data/manifest.json) lists; none when it lists none. */
export function manifestPrecuts(manifest: unknown): PrecutEntry[] {
  const list = (manifest as { precut?: unknown } | null)?.precut;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new DataFormatError('data manifest: "precut" is not a list');
  return list.map((e: Partial<Record<keyof PrecutEntry, unknown>>, i) => {
    if (
      (e.source !== 'mnist' && e.source !== 'fashion') ||
      typeof e.images !== 'string' ||
      !ASSET.test(e.images) ||
      typeof e.labels !== 'string' ||
      !ASSET.test(e.labels) ||
      !Array.isArray(e.rows) ||
      !e.rows.every((r) => Number.isInteger(r) && r >= 0)
    )
      throw new DataFormatError(`data manifest: pre-cut ${i} is malformed`);
    return {
      source: e.source,
      images: e.images as PrecutAsset,
      labels: e.labels as PrecutAsset,
      rows: e.rows as number[],
    };
  });
}

/** The pre-cut whose rows are exactly `rows`, if any. */
export function findPrecut(
  entries: readonly PrecutEntry[],
  source: ImageSource,
  rows: ArrayLike<number>,
): PrecutEntry | undefined {
  return entries.find(
    (e) => e.source === source && e.rows.length === rows.length && e.rows.every((r, i) => r === rows[i]),
  );
}

/**
 * The pre-cut subset as a dataset like the full split's (`meta`: all but pixels, labels and
 * shape), its labels checked against the full split's labels at its rows.
 */
export function precutDataset(
  entry: PrecutEntry,
  images: Uint8Array,
  labels: Uint8Array,
  fullLabels: Uint8Array,
  meta: Omit<Dataset, 'x' | 'labels' | 'shape'>,
): Dataset {
  const p = parseIdxPair(images, labels, `pre-cut ${entry.images}`);
  if (p.count !== entry.rows.length)
    throw new DataFormatError(
      `pre-cut ${entry.images}: ${p.count} images, the manifest lists ${entry.rows.length} rows`,
    );
  entry.rows.forEach((r, i) => {
    if (fullLabels[r] !== p.labels[i])
      throw new DataFormatError(
        `pre-cut ${entry.labels}: row ${r} is labelled ${p.labels[i]}, the full file says ${fullLabels[r]} (run npm install to rebuild the data assets)`,
      );
  });
  return { ...meta, x: p.pixels, labels: p.labels, shape: [p.height, p.width, 1] };
}
