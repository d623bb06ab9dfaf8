/**
 * Confidence intervals and paired verdicts over seeds. A cell's seed fixes its reference data,
 * corruption and initialisation, so two methods at the same fraction and seed differ only in
 * the rows they kept: the verdict compares them seed by seed (a paired t-test) and calls a
 * difference whose 95% interval contains 0 "level".
 */

/** Two-sided 95% quantile of Student's t for df = 1..30. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t_{0.975, df}: the table up to 30, then the Cornish–Fisher expansion around 1.96 (error < 1e-3). */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be ≥ 1, got ${df}`);
  const d = Math.floor(df);
  if (d <= 30) return T975[d - 1]!;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * d) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * d * d);
}

export interface Interval {
  mean: number;
  /** Sample standard deviation (n − 1). */
  std: number;
  n: number;
  /** 95% t-interval of the mean; absent for n < 2. */
  ciLow?: number;
  ciHigh?: number;
}

export function interval(values: readonly number[]): Interval | undefined {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (!n) return undefined;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  if (n < 2) return { mean, std, n };
  const half = (tQuantile975(n - 1) * std) / Math.sqrt(n);
  return { mean, std, n, ciLow: mean - half, ciHigh: mean + half };
}

export type VerdictWord = 'better' | 'level' | 'worse';

export interface Verdict {
  /** The row compared with (a method label). */
  against: string;
  verdict: VerdictWord;
  /** Mean of (this − against) over the paired seeds, and its 95% interval. */
  diff: number;
  ciLow?: number;
  ciHigh?: number;
  /** Seeds both rows finished. */
  n: number;
}

/**
 * Paired verdict of `a` against `b` (seed → accuracy). Better / worse only when the 95%
 * interval of the mean paired difference excludes 0; with fewer than 2 paired seeds there is
 * no interval and the verdict is "level" (nothing can be told from noise).
 */
export function pairedVerdict(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
  against: string,
): Verdict | undefined {
  const diffs: number[] = [];
  for (const [seed, va] of a) {
    const vb = b.get(seed);
    if (vb !== undefined && Number.isFinite(va) && Number.isFinite(vb)) diffs.push(va - vb);
  }
  const iv = interval(diffs);
  if (!iv) return undefined;
  let verdict: VerdictWord = 'level';
  if (iv.ciLow !== undefined && iv.ciHigh !== undefined) {
    // A constant non-zero difference (std 0) is a real one; an exact tie is level.
    if (iv.ciLow > 0) verdict = 'better';
    else if (iv.ciHigh < 0) verdict = 'worse';
  }
  return { against, verdict, diff: iv.mean, ciLow: iv.ciLow, ciHigh: iv.ciHigh, n: iv.n };
}

/**
 * The word shown beside a verdict's difference: better / level / worse, or "(1 seed)" where one
 * paired seed gives no interval — "level" there would read as "no difference" beside any gap.
 */
export function verdictWord(v: Verdict): string {
  return v.ciLow === undefined ? '(1 seed)' : v.verdict;
}
