/**
 * FoQuS's scores (foqus.ts has the method and its decisions): the strata, the three raw scores
 * (forgetting transitions, persistent error, last-half quality) rank-normalised within each
 * stratum, and the combined importance I.
 */
import { forgettingEvents, lastHalfQuality, neverLearned, persistentError } from '../../signals/scores';
import type { Signals } from '../../signals/types';
import { ParamError } from '../params';

export interface FoqusStrata {
  /** Stratum of every row. */
  of: Int32Array;
  /** Rows of every stratum, ascending. */
  rows: Int32Array[];
  /** Display name of every stratum, e.g. "QPSK · 4 dB". */
  names: string[];
  /** Class of every stratum. */
  cls: number[];
}

/** Strata = class, or class × the data's extra stratum (SNR bin); empty strata are dropped. */
export function foqusStrata(
  signals: Pick<Signals, 'labels' | 'numClasses' | 'classNames' | 'strata'>,
  useExtra: boolean,
): FoqusStrata {
  const { labels, numClasses, classNames } = signals;
  const extra = useExtra ? signals.strata : undefined;
  const m = extra ? extra.names.length : 1;
  const n = labels.length;
  const raw = new Int32Array(n);
  const sizes = new Array<number>(numClasses * m).fill(0);
  for (let i = 0; i < n; i++) {
    raw[i] = labels[i]! * m + (extra ? extra.of[i]! : 0);
    sizes[raw[i]!]!++;
  }
  const remap = new Int32Array(sizes.length).fill(-1);
  const names: string[] = [];
  const cls: number[] = [];
  sizes.forEach((size, s) => {
    if (size === 0) return;
    remap[s] = names.length;
    const c = Math.floor(s / m);
    cls.push(c);
    names.push(extra ? `${classNames[c] ?? c} · ${extra.names[s % m]}` : (classNames[c] ?? String(c)));
  });
  const of = Int32Array.from(raw, (s) => remap[s]!);
  const counts = new Array<number>(names.length).fill(0);
  for (const s of of) counts[s]!++;
  const rows = counts.map((c) => new Int32Array(c));
  const fill = new Array<number>(names.length).fill(0);
  for (let i = 0; i < n; i++) rows[of[i]!]![fill[of[i]!]!++] = i;
  return { of, rows, names, cls };
}

/** Values rank-normalised to [0, 1] inside each group of rows (mid-ranks for ties). */
export function rankNormalizeWithin(values: Float32Array, groups: readonly Int32Array[]): Float32Array {
  const out = new Float32Array(values.length);
  for (const rows of groups) {
    const k = rows.length;
    if (k === 1) {
      out[rows[0]!] = 0.5;
      continue;
    }
    const order = Int32Array.from(rows).sort((a, b) => values[a]! - values[b]!);
    for (let p = 0; p < k;) {
      let q = p;
      while (q + 1 < k && values[order[q + 1]!] === values[order[p]!]) q++;
      const rank = (p + q) / 2 / (k - 1);
      for (let j = p; j <= q; j++) out[order[j]!] = rank;
      p = q + 1;
    }
  }
  return out;
}

export interface FoqusScores {
  forgetting: Float32Array;
  persistentError: Float32Array;
  quality: Float32Array;
  neverLearned: Uint8Array;
  importance: Float32Array;
}

export interface FoqusWeights {
  forgetting: number;
  error: number;
  quality: number;
  neverLearned: number;
}

/** The three raw scores and the combined importance I under the given strata. */
export function foqusScores(
  record: Parameters<typeof forgettingEvents>[0],
  groups: readonly Int32Array[],
  w: FoqusWeights,
): FoqusScores {
  const never = neverLearned(record);
  const forgetting = forgettingEvents(record).map((v, i) => (never[i] ? 0 : v));
  const error = persistentError(record);
  const quality = lastHalfQuality(record);
  const sum = w.forgetting + w.error + w.quality;
  if (!(sum > 0))
    throw new ParamError('weightF', 'FoQuS: at least one of weightF, weightE, weightQ must be positive');
  const f = rankNormalizeWithin(forgetting, groups);
  const e = rankNormalizeWithin(error, groups);
  const q = rankNormalizeWithin(quality, groups);
  const importance = new Float32Array(record.n);
  for (let i = 0; i < record.n; i++) {
    const v = (w.forgetting * f[i]! + w.error * e[i]! + w.quality * (1 - q[i]!)) / sum;
    importance[i] = never[i] ? v * w.neverLearned : v;
  }
  return { forgetting, persistentError: error, quality, neverLearned: never, importance };
}
