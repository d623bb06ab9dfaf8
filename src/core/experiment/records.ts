/**
 * Result records of an experiment plan (one per cell, one reference per data group) and their
 * aggregation (mean ± std over seeds per method × fraction). CSV columns: csv.ts.
 */
import type { HealthWarning } from './health';
import { interval } from './stats';
import { addVerdicts, type VerdictOptions } from './verdicts';
import type { ResultRecord, ReferenceRecord, Stat, SummaryRow } from './recordTypes';

export type { AdversarialScores, ReferenceRecord, ResultRecord, Stat, SummaryRow } from './recordTypes';

/** Kept share of the injected rows (kept / injected), undefined when nothing was injected. */
export function keptShare(kept: number | undefined, total: number | undefined): number | undefined {
  return kept === undefined || !total ? undefined : kept / total;
}

/** Training time saved by the coreset minus what choosing it cost (ms); positive = it paid off. */
export function netSavedMs(r: ResultRecord): number | undefined {
  if (!r.reference || r.status !== 'ok') return undefined;
  return r.reference.trainingMs - r.trainingMs - r.signalsMs - r.selectionMs;
}

export function stat(values: readonly (number | undefined)[]): Stat | undefined {
  return interval(values.filter((x): x is number => x !== undefined && Number.isFinite(x)));
}

/** The records and references of one (dataset, N, corruption) setting, every seed together. */
export interface DataGroup {
  key: string;
  dataset: string;
  trainSize: number;
  corruption: string;
  records: ResultRecord[];
  references: ReferenceRecord[];
}

/**
 * Records grouped by data setting (dataset, N, corruption) across seeds, in first-seen order,
 * each with its references (a reference without records is left out): one chart and table each.
 */
export function byDataGroup(
  records: readonly ResultRecord[],
  references: readonly ReferenceRecord[],
): DataGroup[] {
  const keyOf = (r: { dataset: string; trainSize: number; corruption: string }) =>
    JSON.stringify([r.dataset, r.trainSize, r.corruption]);
  const out = new Map<string, DataGroup>();
  for (const r of records) {
    const key = keyOf(r);
    const g = out.get(key) ?? {
      key,
      dataset: r.dataset,
      trainSize: r.trainSize,
      corruption: r.corruption,
      records: [],
      references: [],
    };
    g.records.push(r);
    out.set(key, g);
  }
  for (const ref of references) out.get(keyOf(ref))?.references.push(ref);
  return [...out.values()];
}

function rowWarnings(records: readonly ResultRecord[]): Pick<SummaryRow, 'warnings'> {
  const byCode = new Map<string, HealthWarning & { seeds: number }>();
  for (const r of records)
    for (const w of r.warnings ?? []) {
      const seen = byCode.get(w.code);
      if (seen) seen.seeds++;
      else byCode.set(w.code, { ...w, seeds: 1 });
    }
  return byCode.size ? { warnings: [...byCode.values()] } : {};
}

/**
 * Mean, std and 95% CI over seeds for each (dataset, corruption, method label, fraction), in
 * first-seen order, with paired verdicts against random and the strongest baseline.
 */
export function summarize(records: readonly ResultRecord[], opts: VerdictOptions = {}): SummaryRow[] {
  const groups = new Map<string, ResultRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.dataset, r.trainSize, r.corruption, r.label, r.fraction]);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const rows = [...groups.values()].map((rs): SummaryRow => {
    const first = rs[0]!;
    const ok = rs.filter((r) => r.status === 'ok');
    const s = (f: (r: ResultRecord) => number | undefined) => stat(ok.map(f));
    return {
      dataset: first.dataset,
      trainSize: first.trainSize,
      corruption: first.corruption,
      method: first.method,
      label: first.label,
      fraction: first.fraction,
      ...(first.setting ? { setting: first.setting } : {}),
      seeds: ok.length,
      failed: rs.length - ok.length,
      coresetSize: s((r) => r.coresetSize),
      accuracy: s((r) => r.accuracy),
      balancedAccuracy: s((r) => r.balancedAccuracy),
      worstClassAccuracy: s((r) => r.worstClassAccuracy),
      macroF1: s((r) => r.macroF1),
      fgsm: s((r) => r.adversarial?.fgsm),
      pgd: s((r) => r.adversarial?.pgd),
      noisyKeptShare: s((r) => keptShare(r.noisyKept, r.noisyTotal)),
      oodKeptShare: s((r) => keptShare(r.oodKept, r.oodTotal)),
      signalsMs: s((r) => r.signalsMs),
      selectionMs: s((r) => r.selectionMs),
      trainingMs: s((r) => r.trainingMs),
      fullAccuracy: s((r) => r.reference?.accuracy),
      fullTrainingMs: s((r) => r.reference?.trainingMs),
      netSavedMs: s(netSavedMs),
      ...rowWarnings(ok),
    };
  });
  return addVerdicts(rows, records, opts);
}
