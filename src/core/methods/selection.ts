import type { Diagnostic } from './diagnostics';
import type { Selection } from './types';
import { classCounts } from '../budget/budgets';

/** Sorts, checks uniqueness and range, and counts classes: every method ends here. */
export function finalizeSelection(
  rows: ArrayLike<number>,
  labels: Uint8Array,
  numClasses: number,
  extra: { scores?: Float32Array; weights?: Float32Array; diagnostics?: Diagnostic[] } = {},
): Selection {
  const indices = Int32Array.from(rows);
  let weights = extra.weights;
  if (weights) {
    // Keep weights aligned with the sorted indices.
    const order = Array.from(indices.keys()).sort((a, b) => indices[a]! - indices[b]!);
    weights = Float32Array.from(order, (o) => weights![o]!);
    indices.set(order.map((o) => indices[o]!));
  } else {
    indices.sort();
  }
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    if (r < 0 || r >= labels.length) throw new Error(`selection row ${r} out of range [0, ${labels.length})`);
    if (i > 0 && indices[i - 1] === r) throw new Error(`selection row ${r} chosen twice`);
  }
  const picked = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) picked[i] = labels[indices[i]!]!;
  return {
    indices,
    scores: extra.scores,
    weights,
    perClassCounts: classCounts(picked, numClasses),
    diagnostics: extra.diagnostics ?? [],
  };
}
