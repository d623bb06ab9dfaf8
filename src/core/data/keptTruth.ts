/**
 * How many injected noisy labels and OOD rows a kept set holds, against the data's ground truth.
 * The one count the worker's runs, the comparison executor and the CLI all report, so a run's
 * "noisy kept" means the same number wherever it is shown.
 */
import type { GroundTruth } from './prepare';

/** Rows marked in `mask` (1 = injected): among `rows` when given, else in the whole mask. */
export function countMarked(mask: Uint8Array | undefined, rows?: ArrayLike<number>): number | undefined {
  if (!mask) return undefined;
  let n = 0;
  if (rows)
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r < 0 || r >= mask.length)
        throw new RangeError(`kept row ${r} is outside the data (${mask.length} rows)`);
      n += mask[r]!;
    }
  else for (const v of mask) n += v;
  return n;
}

export interface KeptTruth {
  noisyKept?: number;
  noisyTotal?: number;
  oodKept?: number;
  oodTotal?: number;
}

/** Noisy and OOD rows kept and in all (undefined where the data has no such corruption). */
export function keptTruth(
  truth: Pick<GroundTruth, 'noisyMask' | 'oodMask'>,
  kept: ArrayLike<number>,
): KeptTruth {
  return {
    noisyKept: countMarked(truth.noisyMask, kept),
    noisyTotal: countMarked(truth.noisyMask),
    oodKept: countMarked(truth.oodMask, kept),
    oodTotal: countMarked(truth.oodMask),
  };
}
