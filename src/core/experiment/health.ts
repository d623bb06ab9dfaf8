/**
 * Health warnings on a result record: runs that look like results but are not (the full-data
 * model near chance, a method that degenerated into a tie-break, a class left empty, a budget
 * below the number of classes). A record with warnings is shown with a badge; its verdict is
 * not to be trusted.
 */

export type HealthCode =
  | 'reference-near-chance'
  | 'scores-constant'
  | 'ties-decide-budget'
  | 'selection-equals-random'
  | 'empty-class'
  | 'budget-below-classes';

export interface HealthWarning {
  code: HealthCode;
  message: string;
}

/** What the executor measures about a cell's selection (all plain data, see selectionHealth). */
export interface SelectionHealth {
  numClasses: number;
  /** Training rows per class. */
  classRows: number[];
  /** Kept rows per class. */
  keptPerClass: number[];
  /** Rows requested. */
  budget: number;
  /** Training rows N. */
  n: number;
  /** The method ranks by scores and they are all equal (every gain zero, every count the same). */
  scoresConstant?: boolean;
  /** Share of the kept rows whose score a dropped row shares exactly (the cut fell inside a tie). */
  tiedShare?: number;
  /** Share of the kept rows that random selection at the same seed and fraction keeps too. */
  randomOverlap?: number;
}

/** Kept rows tied with a dropped row, as a share of the kept rows; undefined without scores. */
export function tiedShare(scores: ArrayLike<number> | undefined, kept: Int32Array): number | undefined {
  if (!scores || !kept.length || kept.length >= scores.length) return undefined;
  const isKept = new Uint8Array(scores.length);
  for (const r of kept) isKept[r] = 1;
  const dropped = new Set<number>();
  for (let i = 0; i < scores.length; i++) if (!isKept[i]) dropped.add(scores[i]!);
  let tied = 0;
  for (const r of kept) if (dropped.has(scores[r]!)) tied++;
  return tied / kept.length;
}

export function scoresConstant(scores: ArrayLike<number> | undefined): boolean | undefined {
  if (!scores || !scores.length) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo === Infinity || hi - lo <= 1e-12 * Math.max(1, Math.abs(hi));
}

/** Above this share of the kept rows, ties (not the method) chose the coreset. */
export const TIED_SHARE_LIMIT = 0.5;
/** At this overlap with random's picks (and a fraction well below 1) the method is random. */
export const RANDOM_OVERLAP_LIMIT = 0.95;

const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

/** The full-data model is near chance when it is less than halfway from chance to perfect. */
export function nearChance(accuracy: number, numClasses: number): boolean {
  const chance = 1 / numClasses;
  return Number.isFinite(accuracy) && accuracy < (1 + chance) / 2;
}

export function healthWarnings(h: SelectionHealth, referenceAccuracy?: number): HealthWarning[] {
  const out: HealthWarning[] = [];
  const C = h.numClasses;
  if (referenceAccuracy !== undefined && nearChance(referenceAccuracy, C))
    out.push({
      code: 'reference-near-chance',
      message: `the full-data model scores ${pct(referenceAccuracy)} (chance ${pct(1 / C)}): it has not learned the task, so no coreset can be judged against it — train longer or pick a larger model`,
    });
  if (h.scoresConstant)
    out.push({
      code: 'scores-constant',
      message:
        'every score is the same (e.g. all gains zero): the ranking is a tie-break, so the pick is random',
    });
  else if (h.tiedShare !== undefined && h.tiedShare > TIED_SHARE_LIMIT)
    out.push({
      code: 'ties-decide-budget',
      message: `${pct(h.tiedShare)} of the kept rows share their score with a dropped row: ties, not the method, chose most of the coreset`,
    });
  if (h.randomOverlap !== undefined && h.randomOverlap >= RANDOM_OVERLAP_LIMIT && h.budget < 0.9 * h.n)
    out.push({
      code: 'selection-equals-random',
      message: `${pct(h.randomOverlap)} of the kept rows are random's picks at the same seed: the method fell back to random`,
    });
  if (h.budget < C)
    out.push({
      code: 'budget-below-classes',
      message: `a budget of ${h.budget} rows is below the ${C} classes: some class must go without a sample`,
    });
  const empty = h.classRows.flatMap((rows, c) => (rows > 0 && (h.keptPerClass[c] ?? 0) === 0 ? [c] : []));
  if (empty.length)
    out.push({
      code: 'empty-class',
      message: `class${empty.length > 1 ? 'es' : ''} ${empty.join(', ')} got no sample: the model cannot learn ${empty.length > 1 ? 'them' : 'it'}`,
    });
  return out;
}
