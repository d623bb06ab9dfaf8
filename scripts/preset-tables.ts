/**
 * Markdown tables for README "Results (presets, measured here)" from `compare --out` JSON:
 * rows = method labels, columns = coreset fractions (ascending), cells = mean ± sample std in %
 * over seeds, one table per (dataset, corruption), and a full-data row from the references.
 *
 *   npx tsx scripts/preset-tables.ts results.json [none|noisy|adv|worst|f1]
 *
 * noisy: accuracy · share of injected noisy rows kept; adv: clean / FGSM / PGD accuracy;
 * worst: accuracy · worst-class accuracy; f1: accuracy · macro-F1. Each cell ends with its paired
 * verdicts (compare's summary): R against random, B against the plan's strongest baseline, each
 * + better, = level (95% CI of the paired difference holds 0), − worse; ⚠ marks health warnings.
 */
import { readFileSync } from 'node:fs';
import { stat, type ReferenceRecord, type Stat, type SummaryRow } from '../src/core/experiment/records';
import type { Verdict } from '../src/core/experiment/stats';

type Extra = 'none' | 'noisy' | 'adv' | 'worst' | 'f1';
const EXTRAS: readonly Extra[] = ['none', 'noisy', 'adv', 'worst', 'f1'];

interface CompareJson {
  summary: SummaryRow[];
  references: ReferenceRecord[];
}

const pct = (s: Stat | undefined, digits = 1): string =>
  s ? `${(s.mean * 100).toFixed(digits)} ± ${(s.std * 100).toFixed(digits)}` : '—';

function cell(r: SummaryRow | undefined, extra: Extra): string {
  if (!r) return '—';
  if (!r.seeds) return `failed (${r.failed})`;
  let c = pct(r.accuracy);
  if (extra === 'noisy') c += ` · kept ${pct(r.noisyKeptShare, 0)}`;
  if (extra === 'adv') c += ` / ${pct(r.fgsm)} / ${pct(r.pgd)}`;
  if (extra === 'worst') c += ` · ${pct(r.worstClassAccuracy)}`;
  if (extra === 'f1') c += ` · ${pct(r.macroF1)}`;
  if (r.failed) c += ` (${r.failed} failed)`;
  const mark = (v: Verdict | undefined) => (v ? { better: '+', level: '=', worse: '−' }[v.verdict] : '');
  const marks = [r.vsRandom && `R${mark(r.vsRandom)}`, r.vsBaseline && `B${mark(r.vsBaseline)}`].filter(
    Boolean,
  );
  if (marks.length) c += ` ${marks.join(' ')}`;
  if (r.warnings) c += ` ⚠ ${r.warnings.map((w) => w.code).join(', ')}`;
  return c;
}

function fullCell(refs: readonly ReferenceRecord[], extra: Extra): string {
  let c = pct(stat(refs.map((r) => r.accuracy)));
  if (extra === 'adv')
    c += ` / ${pct(stat(refs.map((r) => r.adversarial?.fgsm)))} / ${pct(stat(refs.map((r) => r.adversarial?.pgd)))}`;
  if (extra === 'worst') c += ` · ${pct(stat(refs.map((r) => r.worstClassAccuracy)))}`;
  if (extra === 'f1') c += ` · ${pct(stat(refs.map((r) => r.macroF1)))}`;
  return c;
}

export function presetTables(json: CompareJson, extra: Extra): string {
  const groups = new Map<string, SummaryRow[]>();
  for (const r of json.summary) {
    const key = `${r.dataset} ${r.trainSize} · ${r.corruption}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: string[] = [];
  for (const [key, rows] of groups) {
    const fractions = [...new Set(rows.map((r) => r.fraction))].sort((a, b) => a - b);
    const labels = [...new Set(rows.map((r) => r.label))];
    if (groups.size > 1) out.push(`*${key}*`, '');
    out.push(`| method | ${fractions.map((f) => `f = ${f}`).join(' | ')} |`);
    out.push(`|---|${fractions.map(() => '---').join('|')}|`);
    for (const label of labels) {
      const cells = fractions.map((f) =>
        cell(
          rows.find((r) => r.label === label && r.fraction === f),
          extra,
        ),
      );
      out.push(`| ${label} | ${cells.join(' | ')} |`);
    }
    const refs = json.references.filter((ref) =>
      rows.some((r) => r.dataset === ref.dataset && r.corruption === ref.corruption),
    );
    const baselines = [...new Set(rows.flatMap((r) => (r.vsBaseline ? [r.vsBaseline.against] : [])))];
    if (baselines.length)
      out.push(
        `| *B =* | ${baselines.join(', ')} (best mean per fraction) |${' |'.repeat(fractions.length - 1)}`,
      );
    if (refs.length)
      out.push(
        `| *full data* (${refs.length} seeds) | ${fullCell(refs, extra)} |${' |'.repeat(fractions.length - 1)}`,
      );
    out.push('');
  }
  return out.join('\n');
}

const [file, extraArg = 'none'] = process.argv.slice(2);
if (!file || !(EXTRAS as readonly string[]).includes(extraArg)) {
  process.stderr.write(`usage: npx tsx scripts/preset-tables.ts results.json [${EXTRAS.join('|')}]\n`);
  process.exit(2);
}
process.stdout.write(presetTables(JSON.parse(readFileSync(file, 'utf8')) as CompareJson, extraArg as Extra));
