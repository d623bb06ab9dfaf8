/**
 * FoQuS's views: forgetting curves (share correct per epoch, per class, and kept vs pruned),
 * the three score histograms and the importance (kept vs pruned), budgets per class and per
 * SNR bin, and the importance ranking.
 */
import type { Signals, TrainingRecord } from '../../signals/types';
import type { ClassBarsDiagnostic, CurvesDiagnostic, Diagnostic } from '../diagnostics';
import type { FoqusScores, FoqusStrata } from './foqusScores';
import { scoreRanking } from '../scoreBased';
import type { Selection } from '../types';
import { budgetBars, keptHistogram } from '../baselineDiagnostics';

/** Share of `groups`' rows classified correctly after each epoch, one series per group. */
export function correctnessCurves(
  record: TrainingRecord,
  groupOf: ArrayLike<number>,
  names: string[],
  title: string,
): CurvesDiagnostic {
  const { n, epochs: T, correct } = record;
  const hits = names.map(() => new Float64Array(T));
  const sizes = new Array<number>(names.length).fill(0);
  for (let i = 0; i < n; i++) sizes[groupOf[i]!]!++;
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let i = 0; i < n; i++) hits[groupOf[i]!]![t]! += correct[o + i]!;
  }
  const x = Array.from({ length: T }, (_, t) => t + 1);
  return {
    kind: 'curves',
    title,
    xLabel: 'epoch',
    yLabel: 'share classified correctly',
    series: names
      .map((name, g) => ({ name, x, y: Array.from(hits[g]!, (h) => (sizes[g]! > 0 ? h / sizes[g]! : 0)) }))
      .filter((_, g) => sizes[g]! > 0),
  };
}

/** Kept vs proportional counts per SNR bin (class budgets are drawn by budgetBars). */
function extraStrataBars(signals: Signals, kept: Int32Array, fraction: number): ClassBarsDiagnostic | null {
  const s = signals.strata;
  if (!s) return null;
  const size = new Array<number>(s.names.length).fill(0);
  const keptPer = new Array<number>(s.names.length).fill(0);
  for (let i = 0; i < signals.n; i++) size[s.of[i]!]!++;
  for (const r of kept) keptPer[s.of[r]!]!++;
  return {
    kind: 'classBars',
    title: `Kept per ${s.name} bin`,
    classNames: s.names,
    yLabel: 'samples kept',
    series: [
      { name: 'FoQuS', values: keptPer },
      { name: 'proportional', values: size.map((v) => Math.round(v * fraction)) },
    ],
  };
}

export function foqusDiagnostics(
  signals: Signals,
  record: TrainingRecord,
  scores: FoqusScores,
  strata: FoqusStrata,
  budgets: number[],
  sel: Selection,
  budget: number,
): Diagnostic[] {
  const keptMask = new Uint8Array(signals.n);
  for (const r of sel.indices) keptMask[r] = 1;
  const out: Diagnostic[] = [
    correctnessCurves(
      record,
      signals.labels,
      signals.classNames,
      'Forgetting curves: share correct per epoch, by class',
    ),
    correctnessCurves(record, keptMask, ['pruned', 'kept'], 'Forgetting curves: kept vs pruned'),
    keptHistogram(
      'Forgetting events F: kept vs pruned',
      'correct → incorrect transitions',
      scores.forgetting,
      sel.indices,
    ),
    keptHistogram(
      'Persistent error E: kept vs pruned',
      'share of epochs misclassified',
      scores.persistentError,
      sel.indices,
    ),
    keptHistogram(
      'Quality Q: kept vs pruned',
      'mean true-class probability, last half of training',
      scores.quality,
      sel.indices,
    ),
    keptHistogram(
      'Importance I: kept vs pruned',
      'importance I (rank-normalised within strata)',
      scores.importance,
      sel.indices,
    ),
    budgetBars('FoQuS', sel.perClassCounts, signals, budget),
  ];
  const snr =
    strata.names.length > signals.numClasses
      ? extraStrataBars(signals, sel.indices, budget / signals.n)
      : null;
  if (snr) out.push(snr);
  const never = scores.neverLearned.reduce((a, b) => a + b, 0);
  const neverKept = sel.indices.reduce((a, r) => a + scores.neverLearned[r]!, 0);
  out.push({
    kind: 'table',
    title: 'Strata',
    columns: ['stratum', 'size', 'budget', 'mean importance'],
    rows: strata.names.map((name, s) => {
      const rows = strata.rows[s]!;
      let sum = 0;
      for (const r of rows) sum += scores.importance[r]!;
      return [name, rows.length, budgets[s]!, Number((sum / rows.length).toFixed(3))];
    }),
  });
  out.push({
    kind: 'table',
    title: 'Never-learned samples',
    columns: ['never learned', 'kept'],
    rows: [[never, neverKept]],
  });
  out.push(scoreRanking('importance I', scores.importance, 'highest'));
  return out;
}
