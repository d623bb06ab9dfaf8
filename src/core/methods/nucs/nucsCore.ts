/**
 * NUCS building blocks (docs/methods-decisions.md, "NUCS"): per-sample difficulty, winsorized class
 * difficulty, difficulty-weighted class budgets, the shared-offset intra-class window, and the
 * ridge proxy that scores a window offset. Pure functions, tested on their own.
 */
import type { Matrix } from '../../math/distances';
import { ridgeAccuracy, ridgeFit } from '../../math/ridge';
import { aum, el2nScores, epochMean, earlyEpochs, forgettingEvents } from '../../signals/scores';
import type { TrainingRecord } from '../../signals/types';
import { largestRemainder } from '../../budget/budgets';

export const DIFFICULTIES = ['el2n', 'forgetting', 'loss', 'aum'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * d_i, larger = harder. el2n / loss: mean over the first E recorded epochs; forgetting: events
 * over the whole run; aum: 1 − AUM min-max normalised over the data set (into [0, 1]).
 */
export function sampleDifficulty(record: TrainingRecord, kind: Difficulty, epochs: number): Float32Array {
  switch (kind) {
    case 'el2n':
      return el2nScores(record, epochs);
    case 'loss':
      return epochMean(record.loss, record.n, 0, earlyEpochs(record, epochs));
    case 'forgetting':
      return forgettingEvents(record);
    case 'aum': {
      const a = aum(record);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of a) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const span = hi - lo;
      return a.map((v) => (span > 0 ? 1 - (v - lo) / span : 0.5));
    }
  }
}

/** Percentile q ∈ [0, 1] of sorted values, linear interpolation between order statistics. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Mean of `values` after clipping to their [lowQ, highQ] percentiles. */
export function winsorizedMean(values: ArrayLike<number>, lowQ = 0.05, highQ = 0.95): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const lo = percentileSorted(sorted, lowQ);
  const hi = percentileSorted(sorted, highQ);
  let s = 0;
  for (const v of sorted) s += Math.min(hi, Math.max(lo, v));
  return s / sorted.length;
}

/**
 * S_c per class: winsorized mean (5th/95th percentiles) of the class's d_i, shifted so every
 * S_c > 0. The shift (only when some S_c ≤ 0) adds −min S + 5% of the spread (or 1 when all
 * are equal), so equal difficulties stay equal.
 */
export function classDifficulty(d: Float32Array, classRows: readonly Int32Array[]): number[] {
  const s = classRows.map((rows) => (rows.length ? winsorizedMean(Array.from(rows, (r) => d[r]!)) : 0));
  const min = Math.min(...s);
  if (min > 0) return s;
  const spread = Math.max(...s) - min;
  const shift = -min + (spread > 0 ? 0.05 * spread : 1);
  return s.map((v) => v + shift);
}

/**
 * b_c = k · S_c N_c / Σ_j S_j N_j, largest-remainder rounding, capped at N_c with the overflow
 * re-apportioned by the same weights among classes with room. Σ b_c = k whenever k ≤ Σ N_c.
 */
export function nucsBudgets(
  classSizes: readonly number[],
  difficulty: readonly number[],
  budget: number,
): number[] {
  const total = classSizes.reduce((a, b) => a + b, 0);
  if (budget > total) throw new RangeError(`budget ${budget} exceeds the ${total} samples available`);
  if (difficulty.some((v) => !(v > 0))) throw new RangeError('class difficulties must all be > 0');
  // Equal difficulties use the sizes themselves, so the result is exactly the proportional one
  // (no floating-point drift in S·N can move a rounding unit).
  const equal = difficulty.every((v) => v === difficulty[0]);
  const weights = equal ? classSizes : classSizes.map((n, c) => n * difficulty[c]!);
  return largestRemainder(weights, budget, classSizes);
}

/** Rows of one class sorted easy → hard (ties by the seeded keys). */
export function sortByDifficulty(rows: Int32Array, d: Float32Array, ties: Float64Array): Int32Array {
  return Int32Array.from(rows).sort((a, b) => d[a]! - d[b]! || ties[a]! - ties[b]!);
}

/** Start of the window of `b` rows in a class of `n` at relative offset o ∈ [0, 1]. */
export function windowStart(n: number, b: number, offset: number): number {
  return Math.round(Math.min(1, Math.max(0, offset)) * (n - b));
}

/** The contiguous window of b_c rows of every class at one shared offset, concatenated. */
export function windowRows(
  sortedByClass: readonly Int32Array[],
  budgets: readonly number[],
  offset: number,
): Int32Array {
  const total = budgets.reduce((a, b) => a + b, 0);
  const out = new Int32Array(total);
  let at = 0;
  sortedByClass.forEach((sorted, c) => {
    const b = budgets[c]!;
    const start = windowStart(sorted.length, b, offset);
    out.set(sorted.subarray(start, start + b), at);
    at += b;
  });
  return out;
}

/** The offset grid: `points` evenly spaced values from 0 to 1 (one point means 0). */
export function offsetGrid(points: number): number[] {
  if (points <= 1) return [0];
  return Array.from({ length: points }, (_, i) => i / (points - 1));
}

/** Balanced (mean per-class) or plain accuracy of a ridge fit, on the held-out rows. */
export function ridgeWindowScore(
  x: Matrix,
  fitRows: Int32Array,
  heldOut: Int32Array,
  labels: Uint8Array,
  numClasses: number,
  lambda: number,
  balanced: boolean,
): number {
  if (fitRows.length === 0) return NaN;
  const model = ridgeFit(x, fitRows, labels, numClasses, lambda);
  if (!balanced) return ridgeAccuracy(model, x, heldOut, labels);
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (const r of heldOut) byClass[labels[r]!]!.push(r);
  const accs = byClass.filter((rows) => rows.length > 0).map((rows) => ridgeAccuracy(model, x, rows, labels));
  return accs.reduce((a, b) => a + b, 0) / accs.length;
}
