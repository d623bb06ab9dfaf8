/**
 * Builds datasets from IDX assets through a loader the environment supplies (fetch in the
 * browser worker, the file system in the CLI), so parsing and validation are shared.
 */
import { FASHION_CLASSES, MNIST_CLASSES, validateDataset, type Dataset } from './dataset';
import { DataFormatError, parseIdx, parseIdxPair } from './idx';
import { findPrecut, manifestPrecuts, precutDataset, type ImageSource, type PrecutAsset } from './precut';

export type { ImageSource };

export type AssetName =
  | 'mnist-train-images.idx'
  | 'mnist-train-labels.idx'
  | 'mnist-test-images.idx'
  | 'mnist-test-labels.idx'
  | 'fashion-train-images.idx'
  | 'fashion-train-labels.idx'
  | 'fashion-test-images.idx'
  | 'fashion-test-labels.idx'
  | 'manifest.json'
  | PrecutAsset;

export type AssetLoader = (name: AssetName) => Promise<Uint8Array>;

/** What a standard split is besides its pixels, labels and shape. */
function splitMeta(source: ImageSource, split: 'train' | 'test'): Omit<Dataset, 'x' | 'labels' | 'shape'> {
  const title = source === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
  return {
    id: source,
    name: `${title} ${split}`,
    scale: 1 / 255,
    numClasses: 10,
    classNames: source === 'mnist' ? MNIST_CLASSES : FASHION_CLASSES,
  };
}

/** The labels file of a standard split alone (60 KB for a training split). */
export async function loadSplitLabels(
  source: ImageSource,
  split: 'train' | 'test',
  load: AssetLoader,
): Promise<Uint8Array> {
  const what = `${splitMeta(source, split).name} labels`;
  const l = parseIdx(await load(`${source}-${split}-labels.idx`), what);
  if (l.dims.length !== 1) throw new DataFormatError(`${what}: expected 1 dimension, got ${l.dims.length}`);
  return l.data;
}

/**
 * The training rows `rows` of a standard split from a pre-cut subset (core/data/precut.ts) the
 * manifest lists for exactly these rows; undefined when there is none (or no manifest).
 */
export async function loadPrecut(
  source: ImageSource,
  rows: ArrayLike<number>,
  fullLabels: Uint8Array,
  load: AssetLoader,
): Promise<Dataset | undefined> {
  let manifest: unknown;
  try {
    // The manifest is ASCII (written by scripts/prepare-data.ts); core has no TextDecoder.
    const bytes = await load('manifest.json');
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    manifest = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entry = findPrecut(manifestPrecuts(manifest), source, rows);
  if (!entry) return undefined;
  const [images, labels] = await Promise.all([load(entry.images), load(entry.labels)]);
  return validateDataset(precutDataset(entry, images, labels, fullLabels, splitMeta(source, 'train')));
}

export async function loadImageSplit(
  source: ImageSource,
  split: 'train' | 'test',
  load: AssetLoader,
): Promise<Dataset> {
  const base = `${source}-${split}` as const;
  const [images, labels] = await Promise.all([load(`${base}-images.idx`), load(`${base}-labels.idx`)]);
  const meta = splitMeta(source, split);
  const p = parseIdxPair(images, labels, meta.name);
  return validateDataset({ ...meta, x: p.pixels, shape: [p.height, p.width, 1], labels: p.labels });
}
