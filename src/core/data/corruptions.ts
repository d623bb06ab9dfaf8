/**
 * Seeded corruptions that keep their ground truth, so a view can say which pruned samples were
 * the injected ones. Each returns a new Dataset (the input is never mutated) and a mask or the
 * rows it touched.
 */
import type { Rng } from '../math/rng';
import { rowsByClass } from '../budget/budgets';
import { featureDim, subsetDataset, type Dataset } from './dataset';

export type NoiseType = 'symmetric' | 'asymmetric';

export interface LabelNoiseResult {
  dataset: Dataset;
  /** 1 where the observed label differs from the true one. */
  noisyMask: Uint8Array;
  trueLabels: Uint8Array;
}

/**
 * Symmetric: a `rate` share of samples (chosen uniformly) get a label drawn uniformly from the
 * other classes. Asymmetric: the same share, per class, flips to the next class (c → c+1 mod C),
 * the usual stand-in for confusable-class noise when no confusion matrix is given.
 */
export function injectLabelNoise(ds: Dataset, rate: number, type: NoiseType, rng: Rng): LabelNoiseResult {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`label noise rate must be in [0, 1), got ${rate}`);
  const n = ds.labels.length;
  const C = ds.numClasses;
  const labels = ds.labels.slice();
  const noisyMask = new Uint8Array(n);
  if (type === 'symmetric') {
    for (const r of rng.sample(n, Math.round(rate * n))) {
      const shift = 1 + rng.int(C - 1);
      labels[r] = (ds.labels[r]! + shift) % C;
      noisyMask[r] = 1;
    }
  } else if (type === 'asymmetric') {
    rowsByClass(ds.labels, C).forEach((rows, c) => {
      for (const p of rng.fork(`asym-${c}`).sample(rows.length, Math.round(rate * rows.length))) {
        const r = rows[p]!;
        labels[r] = (c + 1) % C;
        noisyMask[r] = 1;
      }
    });
  } else {
    throw new RangeError(`unknown noise type "${String(type)}"; use symmetric or asymmetric`);
  }
  return { dataset: { ...ds, labels }, noisyMask, trueLabels: ds.labels.slice() };
}

export interface ImbalanceResult {
  dataset: Dataset;
  /** Rows of the input kept, in the order of the output. */
  sourceRows: Int32Array;
  perClassCounts: number[];
}

/**
 * Long-tail imbalance with ratio ρ = N_max / N_min: class c keeps N_c · ρ^(−c/(C−1)) samples
 * (class 0 keeps all, the last class keeps 1/ρ), chosen uniformly.
 */
export function makeLongTail(ds: Dataset, ratio: number, rng: Rng): ImbalanceResult {
  if (!(ratio >= 1 && ratio <= 1000))
    throw new RangeError(`imbalance ratio must be in [1, 1000], got ${ratio}`);
  const C = ds.numClasses;
  const byClass = rowsByClass(ds.labels, C);
  const keep: number[] = [];
  const perClassCounts: number[] = [];
  byClass.forEach((rows, c) => {
    const share = C > 1 ? Math.pow(ratio, -c / (C - 1)) : 1;
    const k = Math.max(1, Math.round(rows.length * share));
    const pick = rng.fork(`lt-${c}`).sample(rows.length, Math.min(k, rows.length));
    for (const p of pick) keep.push(rows[p]!);
    perClassCounts.push(pick.length);
  });
  const sourceRows = Int32Array.from(keep).sort();
  return { dataset: subsetDataset(ds, sourceRows), sourceRows, perClassCounts };
}

export interface OodResult {
  dataset: Dataset;
  /** 1 where the row's features were replaced by an out-of-distribution sample. */
  oodMask: Uint8Array;
}

/**
 * Replaces a `rate` share of rows' features with samples from `source` (e.g. Fashion-MNIST
 * images in MNIST) and gives them a uniformly random in-range label: what an unlabeled or
 * scraped pool with foreign images looks like to a method.
 */
export function injectOod(ds: Dataset, source: Dataset, rate: number, rng: Rng): OodResult {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`OOD rate must be in [0, 1), got ${rate}`);
  const dim = featureDim(ds);
  if (featureDim(source) !== dim || source.x.constructor !== ds.x.constructor)
    throw new RangeError(`OOD source ${source.name} does not match ${ds.name}'s feature shape`);
  const n = ds.labels.length;
  const x = ds.x.slice();
  const labels = ds.labels.slice();
  const oodMask = new Uint8Array(n);
  const rows = rng.sample(n, Math.round(rate * n));
  const from = rng.fork('ood-source');
  for (const r of rows) {
    const s = from.int(source.labels.length);
    x.set(source.x.subarray(s * dim, (s + 1) * dim), r * dim);
    labels[r] = rng.int(ds.numClasses);
    oodMask[r] = 1;
  }
  return { dataset: { ...ds, x, labels }, oodMask };
}
