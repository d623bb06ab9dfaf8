/** Training subsets, stratified and seeded. */
import type { Rng } from '../math/rng';
import { classCounts, proportionalBudgets, rowsByClass } from '../budget/budgets';

/**
 * `size` rows drawn class-proportionally (largest remainder) and uniformly within each class,
 * returned ascending. Asking for all rows returns every row.
 */
export function stratifiedSubset(labels: Uint8Array, numClasses: number, size: number, rng: Rng): Int32Array {
  const n = labels.length;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`subset size must be a positive integer, got ${size}`);
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
