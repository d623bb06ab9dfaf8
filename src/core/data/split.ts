/** Training subsets and held-out splits, stratified and seeded. */
import type { Rng } from '../math/rng';
import { classCounts, proportionalBudgets, rowsByClass } from '../budget/budgets';

/**
 * `size` rows drawn class-proportionally (largest remainder) and uniformly within each class,
 * returned ascending. Asking for all rows returns every row.
 */
export function stratifiedSubset(labels: Uint8Array, numClasses: number, size: number, rng: Rng): Int32Array {
  const n = labels.length;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`subset size must be a positive integer, got ${size}`);
  if (size > n) throw new RangeError(`subset of ${size} requested but the data has only ${n} samples`);
  if (size === n) return Int32Array.from({ length: n }, (_, i) => i);
  const budgets = proportionalBudgets(classCounts(labels, numClasses), size);
  const byClass = rowsByClass(labels, numClasses);
  const out = new Int32Array(size);
  let at = 0;
  byClass.forEach((rows, c) => {
    for (const p of rng.fork(`subset-${c}`).sample(rows.length, budgets[c]!)) out[at++] = rows[p]!;
  });
  return out.sort();
}

/** Stratified split of rows into (train, holdout) with `holdoutFraction` of each class held out. */
export function stratifiedSplit(
  labels: Uint8Array,
  numClasses: number,
  holdoutFraction: number,
  rng: Rng,
): { train: Int32Array; holdout: Int32Array } {
  const byClass = rowsByClass(labels, numClasses);
  const train: number[] = [];
  const holdout: number[] = [];
  byClass.forEach((rows, c) => {
    const order = rng.fork(`split-${c}`).sample(rows.length, rows.length);
    const h = Math.round(rows.length * holdoutFraction);
    order.forEach((p, j) => (j < h ? holdout : train).push(rows[p]!));
  });
  return { train: Int32Array.from(train).sort(), holdout: Int32Array.from(holdout).sort() };
}
