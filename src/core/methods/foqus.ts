/**
 * FoQuS — Lu, Sun, Xu, Lin, Xuan, Gui, "FoQuS: A Forgetting-Quality Coreset Selection Framework
 * for Automatic Modulation Recognition", arXiv:2509.08300, 2025 (METHODS.md, "FoQuS"). The
 * paper's domain is radio modulation recognition; core/data/radio.ts provides a synthetic I/Q set.
 * Decisions:
 * - F_i counts correct → incorrect transitions between consecutive per-epoch record passes; a
 *   never-learned sample counts 0 transitions here (its persistent error 1 and low quality
 *   already rank it high), unlike the Forgetting baseline's "never learned = T".
 * - E_i = share of recorded epochs misclassified; Q_i = mean true-class probability over the
 *   last ⌈T/2⌉ epochs (signals/scores.ts).
 * - Rank normalisation within a stratum: mid-ranks for ties, scaled to [0, 1] (a stratum of one
 *   sample scores 0.5).
 * - I = (w_F·F̃ + w_E·Ẽ + w_Q·(1 − Q̃)) / (w_F + w_E + w_Q), weights default 1; never-learned
 *   samples' importance is multiplied by `neverLearnedWeight` (default 1 = off).
 * - Strata: class, × SNR bin when the data has strata (`snrStrata`, default on); per-stratum
 *   budgets proportional to size, largest-remainder rounding, exact total; keep the highest
 *   importance in each stratum, ties by a seeded random key.
 */
import { forgettingEvents, lastHalfQuality, neverLearned, persistentError } from '../signals/scores';
import type { Signals } from '../signals/types';
import { proportionalBudgets } from './budgets';
import { foqusDiagnostics } from './foqusViews';
import { requireRecord } from './inputs';
import { boolParam, numParam, ParamError } from './params';
import { tieKeys, topByScore } from './ranking';
import { finalizeSelection } from './selection';
import { throwIfAborted, type MethodDef } from './types';

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

const weight = (name: string, what: string) =>
  ({
    name,
    type: 'number',
    default: 1,
    min: 0,
    max: 10,
    step: 0.5,
    help: `w for ${what} in the importance I.`,
  }) as const;

export const foqusMethod: MethodDef = {
  id: 'foqus',
  name: 'FoQuS',
  paper:
    'Lu et al., FoQuS: A Forgetting-Quality Coreset Selection Framework for Automatic Modulation Recognition, arXiv:2509.08300, 2025',
  summary:
    'Combines three training-dynamics scores — forgetting events, persistent error and low late-training confidence — rank-normalised within each stratum (class, × SNR bin on signal data) into one importance, and keeps the most important samples of every stratum with budgets proportional to stratum size. Decisions: mid-rank normalisation in [0, 1]; never-learned samples count 0 forgetting events and can be down-weighted; largest-remainder stratum budgets.',
  kind: 'pre-training',
  needs: ['record'],
  params: [
    weight('weightF', 'forgetting F̃'),
    weight('weightE', 'persistent error Ẽ'),
    weight('weightQ', 'low quality 1 − Q̃'),
    {
      name: 'neverLearnedWeight',
      type: 'number',
      default: 1,
      min: 0,
      max: 1,
      step: 0.05,
      help: 'Importance multiplier for samples never classified correctly (likely label noise); 1 = no down-weighting, 0 = keep them last.',
    },
    {
      name: 'snrStrata',
      type: 'boolean',
      default: true,
      help: 'Stratify by class × SNR bin when the data has SNR strata (the radio set); off: by class only.',
    },
  ],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'FoQuS');
    throwIfAborted(ctx.signal);
    ctx.onProgress(0.1, 'scores');
    const strata = foqusStrata(signals, boolParam(params, 'snrStrata'));
    const scores = foqusScores(record, strata.rows, {
      forgetting: numParam(params, 'weightF'),
      error: numParam(params, 'weightE'),
      quality: numParam(params, 'weightQ'),
      neverLearned: numParam(params, 'neverLearnedWeight'),
    });
    throwIfAborted(ctx.signal);
    ctx.onProgress(0.5, 'ranking within strata');
    const budgets = proportionalBudgets(
      strata.rows.map((r) => r.length),
      ctx.budget,
    );
    const ties = tieKeys(signals.n, ctx.rng);
    const picked: number[] = [];
    strata.rows.forEach((rows, s) => {
      for (const r of topByScore(rows, scores.importance, budgets[s]!, 'highest', ties)) picked.push(r);
    });
    const sel = finalizeSelection(picked, signals.labels, signals.numClasses, { scores: scores.importance });
    sel.diagnostics.push(...foqusDiagnostics(signals, record, scores, strata, budgets, sel, ctx.budget));
    ctx.onProgress(1);
    return sel;
  },
};
