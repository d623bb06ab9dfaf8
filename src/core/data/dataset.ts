/**
 * The in-memory dataset every layer shares. Features stay compact: images as bytes (0–255,
 * scaled by 1/255 when a batch is built), 2-D toy points as floats. Rows are sample indices.
 */
import { DataFormatError } from './idx';

export type DatasetId = 'mnist' | 'fashion' | 'toy' | 'radio' | 'custom';

/**
 * A per-sample grouping beyond the class (the radio set's SNR bins): `of[i]` indexes `names`.
 * Carried through subsetting and corruption; evaluation reports accuracy per stratum.
 */
export interface DatasetStrata {
  name: string;
  of: Uint8Array;
  names: string[];
}

export interface Dataset {
  id: DatasetId;
  name: string;
  /** Row-major N × dim features. */
  x: Uint8Array | Float32Array;
  /** Multiplier that maps stored features to model inputs (1/255 for bytes, 1 for floats). */
  scale: number;
  /** [height, width, channels] for images; [length, channels] for sequences (radio I/Q); [dim] for vectors. */
  shape: number[];
  labels: Uint8Array;
  numClasses: number;
  classNames: string[];
  strata?: DatasetStrata;
  /**
   * Imported data: where each row came from, in row order — the file's path inside the archive
   * or folder (`train/cat/001.png`), `batch.bin#record` for CIFAR records, `file.csv:line` for
   * CSV rows, `images.idx#i` for IDX. Carried through subsetting.
   */
  sourceNames?: string[];
}

export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

export function featureDim(ds: Pick<Dataset, 'shape'>): number {
  return ds.shape.reduce((a, b) => a * b, 1);
}

export function isImageDataset(ds: Pick<Dataset, 'shape'>): boolean {
  return ds.shape.length === 3;
}

/** Sequences such as radio I/Q: shape [length, channels]. */
export function isSequenceDataset(ds: Pick<Dataset, 'shape'>): boolean {
  return ds.shape.length === 2;
}

/** Checks internal consistency; loaders call it so a bad file never becomes a Dataset. */
/** The toy set's own points (scaled) as a Float32Array, or undefined for non-2-D data. */
export function pointsOf(ds: Dataset): Float32Array | undefined {
  if (ds.shape.length !== 1 || ds.shape[0] !== 2) return undefined;
  if (ds.x instanceof Float32Array && ds.scale === 1) return ds.x;
  return Float32Array.from(ds.x, (v) => v * ds.scale);
}

export function validateDataset(ds: Dataset): Dataset {
  const n = ds.labels.length;
  const dim = featureDim(ds);
  if (n === 0) throw new DataFormatError(`${ds.name}: no samples`);
  if (ds.x.length !== n * dim)
    throw new DataFormatError(`${ds.name}: ${ds.x.length} feature values for ${n} samples of ${dim}`);
  if (ds.classNames.length !== ds.numClasses)
    throw new DataFormatError(`${ds.name}: ${ds.classNames.length} class names for ${ds.numClasses} classes`);
  if (ds.strata) {
    if (ds.strata.of.length !== n)
      throw new DataFormatError(
        `${ds.name}: ${ds.strata.of.length} ${ds.strata.name} values for ${n} samples`,
      );
    for (let i = 0; i < n; i++)
      if (ds.strata.of[i]! >= ds.strata.names.length)
        throw new DataFormatError(
          `${ds.name}: ${ds.strata.name} index ${ds.strata.of[i]} at row ${i} has no name`,
        );
  }
  for (let i = 0; i < n; i++) {
    if (ds.labels[i]! >= ds.numClasses)
      throw new DataFormatError(
        `${ds.name}: label ${ds.labels[i]} at row ${i} is not below ${ds.numClasses}`,
      );
  }
  return ds;
}

/** A new dataset made of the given rows, in that order (features copied). */
export function subsetDataset(ds: Dataset, rows: ArrayLike<number>, name = ds.name): Dataset {
  const dim = featureDim(ds);
  const x =
    ds.x instanceof Uint8Array ? new Uint8Array(rows.length * dim) : new Float32Array(rows.length * dim);
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r < 0 || r >= ds.labels.length) throw new RangeError(`row ${r} out of range for ${ds.name}`);
    x.set(ds.x.subarray(r * dim, (r + 1) * dim), i * dim);
    labels[i] = ds.labels[r]!;
  }
  const out: Dataset = { ...ds, name, x, labels };
  if (ds.strata) out.strata = { ...ds.strata, of: Uint8Array.from(rows, (r) => ds.strata!.of[r]!) };
  if (ds.sourceNames) out.sourceNames = Array.from(rows, (r) => ds.sourceNames![r]!);
  return out;
}

/** A copy of `ds` with different labels (e.g. after injecting label noise). */
export function withLabels(ds: Dataset, labels: Uint8Array): Dataset {
  if (labels.length !== ds.labels.length) throw new Error('withLabels: length mismatch');
  return { ...ds, labels };
}
