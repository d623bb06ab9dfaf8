/** Plain-text tables for `compare`: one row per cell, then mean ± std per method × fraction, then where the time went. */
import { formatFraction } from '../core/experiment/plan';
import type { PlanResult } from '../core/experiment/runner';
import { keptShare, summarize, type ResultRecord, type Stat } from '../core/experiment/records';
import { verdictWord, type Verdict } from '../core/experiment/stats';

const pct = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`;
const sec = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '–' : `${(v / 1000).toFixed(2)}s`;
const pm = (s: Stat | undefined) => (s ? `${(s.mean * 100).toFixed(1)} ± ${(s.std * 100).toFixed(1)}` : '–');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function recordRow(r: ResultRecord, adversarial: boolean, noisy: boolean, ood: boolean): string[] {
  const row = [r.label + (r.setting ? ' *' : ''), formatFraction(r.fraction), String(r.seed)];
  if (r.status === 'failed') return [...row, 'failed:', r.error ?? ''];
  row.push(String(r.coresetSize), pct(r.accuracy), pct(r.worstClassAccuracy), pct(r.macroF1));
  if (adversarial) row.push(pct(r.adversarial?.fgsm), pct(r.adversarial?.pgd));
  if (noisy) row.push(pct(keptShare(r.noisyKept, r.noisyTotal)));
  if (ood) row.push(pct(keptShare(r.oodKept, r.oodTotal)));
  row.push(
    sec(r.signalsMs),
    sec(r.selectionMs),
    sec(r.trainingMs),
    pct(r.reference?.accuracy),
    sec(r.reference?.trainingMs),
  );
  return row;
}

/** Sums of each phase over the plan: what the run cost and where it went. */
export function phaseTotals(result: PlanResult) {
  const ok = result.records.filter((r) => r.status === 'ok');
  const sum = (f: (r: ResultRecord) => number) => ok.reduce((a, r) => a + f(r), 0);
  return {
    totalMs: result.totalMs,
    signalsMs: sum((r) => r.signalsMs),
    selectionMs: sum((r) => r.selectionMs),
    coresetTrainingMs: sum((r) => r.trainingMs),
    evaluationMs: sum((r) => r.evaluationMs),
    referenceTrainingMs: result.references.reduce((a, r) => a + r.trainingMs, 0),
  };
}

const verdict = (v: Verdict | undefined) =>
  v ? `${v.diff >= 0 ? '+' : '-'}${Math.abs(v.diff * 100).toFixed(1)} ${verdictWord(v)}` : '–';
const ci = (s: Stat | undefined) =>
  s?.ciHigh !== undefined ? `[${(s.ciLow! * 100).toFixed(1)}, ${(s.ciHigh * 100).toFixed(1)}]` : '–';

export function compareReport(result: PlanResult, baselines?: readonly string[]): string {
  const rs = result.records;
  const adversarial = rs.some((r) => r.adversarial);
  const noisy = rs.some((r) => r.noisyTotal);
  const ood = rs.some((r) => r.oodTotal);
  const head = ['method', 'fraction', 'seed', 'size', 'acc', 'worst', 'macroF1'];
  if (adversarial) head.push('fgsm', 'pgd');
  if (noisy) head.push('noisy kept');
  if (ood) head.push('ood kept');
  head.push('signals', 'select', 'train', 'full acc', 'full train');
  const out: string[] = [];
  const groups = [...new Set(rs.map((r) => `${r.dataset} ${r.trainSize} · ${r.corruption}`))];
  for (const g of groups) {
    const inGroup = rs.filter((r) => `${r.dataset} ${r.trainSize} · ${r.corruption}` === g);
    out.push(
      `\n${g} (${inGroup[0]?.model}, ${inGroup[0]?.epochs} epochs over all rows; coresets train under budget "${inGroup[0]?.trainBudget ?? 'epochs'}")`,
    );
    out.push(
      table(
        head,
        inGroup.map((r) => recordRow(r, adversarial, noisy, ood)),
      ),
    );
    const summary = summarize(inGroup, { baselines });
    const sHead = [
      'method',
      'fraction',
      'seeds',
      'acc % (mean ± std)',
      '95% CI',
      'vs random',
      'vs best other',
      'worst %',
      'macroF1 %',
    ];
    if (adversarial) sHead.push('fgsm %', 'pgd %');
    if (noisy) sHead.push('noisy kept %');
    if (ood) sHead.push('ood kept %');
    sHead.push('signals+select', 'train', 'full acc %');
    out.push(
      '\nmean ± std over seeds; verdicts: paired by seed, "level" when the 95% CI of the difference holds 0',
    );
    out.push(
      table(
        sHead,
        summary.map((s) => {
          const row = [
            s.label + (s.setting ? ' *' : '') + (s.warnings ? ' ⚠' : ''),
            formatFraction(s.fraction),
            `${s.seeds}${s.failed ? ` (+${s.failed} failed)` : ''}`,
          ];
          const other = s.vsBaseline ? ` (${s.vsBaseline.against})` : '';
          row.push(pm(s.accuracy), ci(s.accuracy), verdict(s.vsRandom), verdict(s.vsBaseline) + other);
          row.push(pm(s.worstClassAccuracy), pm(s.macroF1));
          if (adversarial) row.push(pm(s.fgsm), pm(s.pgd));
          if (noisy) row.push(pm(s.noisyKeptShare));
          if (ood) row.push(pm(s.oodKeptShare));
          row.push(
            sec((s.signalsMs?.mean ?? 0) + (s.selectionMs?.mean ?? 0)),
            sec(s.trainingMs?.mean),
            pm(s.fullAccuracy),
          );
          return row;
        }),
      ),
    );
  }
  const settings = [
    ...new Set(
      rs.filter((r) => r.setting).map((r) => `  ${r.label} ${formatFraction(r.fraction)}: ${r.setting}`),
    ),
  ];
  if (settings.length)
    out.push(
      "\n* in-training methods: each trains in its own loop (accuracy is its final model's, on the same test split), in this setting:",
      ...settings,
    );
  const warned = summarize(rs, { baselines }).filter((s) => s.warnings);
  if (warned.length) out.push('\n⚠ health warnings (these rows are not results to trust):');
  for (const s of warned)
    for (const w of s.warnings!)
      out.push(
        `  ${s.label} ${formatFraction(s.fraction)} (${w.seeds} seed${w.seeds > 1 ? 's' : ''}): ${w.message}`,
      );
  for (const s of result.skipped) out.push(`\nskipped ${s.label}: ${s.reason}`);
  for (const e of result.errors) out.push(`\nerror: ${e}`);
  const t = phaseTotals(result);
  out.push(
    `\ntime: ${sec(t.totalMs)} in all — signals ${sec(t.signalsMs)}, selection ${sec(t.selectionMs)}, ` +
      `coreset training ${sec(t.coresetTrainingMs)}, full-data references ${sec(t.referenceTrainingMs)}, ` +
      `evaluation ${sec(t.evaluationMs)}`,
  );
  return out.join('\n') + '\n';
}
