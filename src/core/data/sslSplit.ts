/**
 * The labeled / unlabeled split semi-supervised runs use (docs/methods-decisions.md, "RETRIEVE"):
 * a small labeled set L with `labelsPerClass` images of every class, and an unlabeled pool U drawn from the rest
 * of the training split. Class imbalance and OOD images (the other dataset: MNIST ↔ Fashion-MNIST)
 * are applied to U only; L stays clean and balanced. The OOD mask and U's true classes are kept
 * as ground truth for the views, never shown to a learner.
 */
import { createRng, type Rng } from '../math/rng';
import { largestRemainder, rowsByClass } from '../budget/budgets';
import { injectOod } from './corruptions';
import { subsetDataset, type Dataset } from './dataset';
import type { SplitProvider } from './prepare';
import { stratifiedSubset } from './split';

export interface SslSplitSpec {
  /** Labeled images per class in L. */
  labelsPerClass: number;
  /** Size of the unlabeled pool U (after imbalance, before OOD replacement: OOD keeps |U|). */
  unlabeled: number;
  /** Share of U's rows whose images are replaced by the OOD source's, in [0, 1). */
  ood: number;
  /** Long-tail ratio N_max / N_min over U's classes (1 = proportional to the training split). */
  imbalance: number;
}

export interface SslSplit {
  labeled: Dataset;
  /** Labels here are not used for training; OOD rows carry random labels (see injectOod). */
  unlabeled: Dataset;
  /** 1 where U's row holds an OOD image. */
  oodMask: Uint8Array;
  /** U's true class per row (for the class mix); 255 for OOD rows. */
  unlabeledClass: Uint8Array;
  /** Rows of the source training split: L's, then U's (OOD rows keep the row they replaced). */
  labeledRows: Int32Array;
  unlabeledRows: Int32Array;
}

export const OOD_CLASS = 255;

export function validateSslSplitSpec(s: SslSplitSpec): void {
  if (!Number.isInteger(s.labelsPerClass) || s.labelsPerClass < 1)
    throw new RangeError(`labels per class must be a positive integer, got ${s.labelsPerClass}`);
  if (!Number.isInteger(s.unlabeled) || s.unlabeled < 1)
    throw new RangeError(`unlabeled pool size must be a positive integer, got ${s.unlabeled}`);
  if (!(s.ood >= 0 && s.ood < 1)) throw new RangeError(`OOD share must be in [0, 1), got ${s.ood}`);
  if (!(s.imbalance >= 1 && s.imbalance <= 1000))
    throw new RangeError(`imbalance ratio must be in [1, 1000], got ${s.imbalance}`);
}

/**
 * L: `labelsPerClass` rows per class, uniform within the class. U: `unlabeled` rows of the rest,
 * apportioned over classes by N_c · ρ^(−c/(C−1)) (largest remainder, capped by what is left), so
 * ρ = 1 is class-proportional; then an `ood` share of U's rows gets OOD images.
 */
export function makeSslSplit(
  train: Dataset,
  oodSource: Dataset | undefined,
  spec: SslSplitSpec,
  rng: Rng,
): SslSplit {
  validateSslSplitSpec(spec);
  const C = train.numClasses;
  const byClass = rowsByClass(train.labels, C);
  const labeled: number[] = [];
  const rest: Int32Array[] = [];
  byClass.forEach((rows, c) => {
    if (rows.length <= spec.labelsPerClass)
      throw new RangeError(
        `class ${train.classNames[c]} has ${rows.length} images, too few for ${spec.labelsPerClass} labels and an unlabeled pool`,
      );
    const order = rng.fork(`labeled-${c}`).sample(rows.length, rows.length);
    for (let j = 0; j < spec.labelsPerClass; j++) labeled.push(rows[order[j]!]!);
    rest.push(Int32Array.from(order.subarray(spec.labelsPerClass), (p) => rows[p]!));
  });
  const available = rest.map((r) => r.length);
  const totalLeft = available.reduce((a, b) => a + b, 0);
  if (spec.unlabeled > totalLeft)
    throw new RangeError(
      `unlabeled pool of ${spec.unlabeled} requested but only ${totalLeft} images are left after the labeled set`,
    );
  const weights = available.map((n, c) => n * (C > 1 ? Math.pow(spec.imbalance, -c / (C - 1)) : 1));
  const budgets = largestRemainder(weights, spec.unlabeled, available);
  const unlabeled: number[] = [];
  rest.forEach((rows, c) => {
    // `rest` is already in a random order: its first b_c rows are a uniform draw.
    for (let j = 0; j < budgets[c]!; j++) unlabeled.push(rows[j]!);
  });
  const labeledRows = Int32Array.from(labeled).sort();
  const unlabeledRows = Int32Array.from(unlabeled).sort();
  let pool = subsetDataset(train, unlabeledRows, `${train.name.replace(/ train$/, '')} unlabeled`);
  const unlabeledClass = pool.labels.slice();
  let oodMask: Uint8Array = new Uint8Array(unlabeledRows.length);
  if (spec.ood > 0) {
    if (!oodSource) throw new RangeError('an OOD share needs an OOD source dataset');
    const r = injectOod(pool, oodSource, spec.ood, rng.fork('ssl-ood'));
    pool = r.dataset;
    oodMask = r.oodMask;
    oodMask.forEach((m, i) => {
      if (m) unlabeledClass[i] = OOD_CLASS;
    });
  }
  return {
    labeled: subsetDataset(train, labeledRows, `${train.name.replace(/ train$/, '')} labeled`),
    unlabeled: pool,
    oodMask,
    unlabeledClass,
    labeledRows,
    unlabeledRows,
  };
}

/** Counts of U's rows per true class, with OOD as the last entry (length C + 1). */
export function classMix(unlabeledClass: Uint8Array, rows: ArrayLike<number>, numClasses: number): number[] {
  const out = new Array<number>(numClasses + 1).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const c = unlabeledClass[rows[i]!]!;
    out[c === OOD_CLASS ? numClasses : c]! += 1;
  }
  return out;
}

export interface SslData extends SslSplit {
  test: Dataset;
}

/** Loads the splits a semi-supervised run needs and makes its L / U split and test subset. */
export async function prepareSslData(
  spec: SslSplitSpec & { dataset: 'mnist' | 'fashion'; testSize: number; seed: number },
  provider: SplitProvider,
): Promise<SslData> {
  const rng = createRng(spec.seed);
  const train = await provider.split(spec.dataset, 'train');
  const fullTest = await provider.split(spec.dataset, 'test');
  const other =
    spec.ood > 0 ? await provider.split(spec.dataset === 'mnist' ? 'fashion' : 'mnist', 'train') : undefined;
  const split = makeSslSplit(train, other, spec, rng.fork('ssl-split'));
  const size = Math.min(spec.testSize, fullTest.labels.length);
  const testRows = stratifiedSubset(fullTest.labels, fullTest.numClasses, size, rng.fork('ssl-test'));
  return { ...split, test: subsetDataset(fullTest, testRows, `${fullTest.name} ${size}`) };
}
