/**
 * Each summary row's verdict against random and against the strongest baseline at the same
 * data setting and fraction, paired by seed (stats.ts). The baseline is, among the other
 * methods of the plan (random excluded), the one with the best mean accuracy there; a plan may
 * name its baselines (a preset does), and then only those are candidates.
 */
import type { ResultRecord, SummaryRow } from './recordTypes';
import { pairedVerdict, type Verdict } from './stats';

export interface VerdictOptions {
  /** Labels of the methods that may serve as "the best baseline" (all non-random ones when absent). */
  baselines?: readonly string[];
}

const cellKey = (r: { dataset: string; trainSize: number; corruption: string; fraction: number }) =>
  JSON.stringify([r.dataset, r.trainSize, r.corruption, r.fraction]);

function bySeed(records: readonly ResultRecord[], label: string, key: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of records)
    if (r.status === 'ok' && r.label === label && cellKey(r) === key) out.set(r.seed, r.accuracy);
  return out;
}

/** Fills `vsRandom` and `vsBaseline` on each row (in place) and returns the rows. */
export function addVerdicts(
  rows: SummaryRow[],
  records: readonly ResultRecord[],
  opts: VerdictOptions = {},
): SummaryRow[] {
  const randomLabel = (key: string) => rows.find((r) => r.method === 'random' && cellKey(r) === key)?.label;
  for (const row of rows) {
    const key = cellKey(row);
    const mine = bySeed(records, row.label, key);
    const rnd = randomLabel(key);
    row.vsRandom = undefined;
    row.vsBaseline = undefined;
    if (row.method === 'random') continue;
    if (rnd !== undefined) row.vsRandom = pairedVerdict(mine, bySeed(records, rnd, key), rnd);
    const candidates = rows.filter(
      (o) =>
        cellKey(o) === key &&
        o.label !== row.label &&
        o.method !== 'random' &&
        o.accuracy !== undefined &&
        (opts.baselines === undefined || opts.baselines.includes(o.label)),
    );
    const best = candidates.sort((x, y) => y.accuracy!.mean - x.accuracy!.mean)[0];
    if (best) row.vsBaseline = pairedVerdict(mine, bySeed(records, best.label, key), best.label);
  }
  return rows;
}

export type { Verdict };
