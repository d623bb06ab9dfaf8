/**
 * Accuracy-vs-fraction curves of a comparison as line-chart data: one line per method (mean over
 * seeds, a dot per fraction), a shaded mean ± std band for the baseline (random by default) so a
 * method's lead can be read against seed noise, and the full-data reference as a dashed line.
 * Pure: the chart (lineChart.ts) draws it, a jsdom test checks the structure.
 */
import type { Stat, SummaryRow } from '../core/experiment/records';
import type { LineChartData, LineSeries } from './lineChart';
import { COLORS, categoryColor } from './theme';

export type CompareMetric =
  'accuracy' | 'worstClassAccuracy' | 'balancedAccuracy' | 'macroF1' | 'fgsm' | 'pgd';

export const COMPARE_METRIC_LABELS: Record<CompareMetric, string> = {
  accuracy: 'test accuracy',
  worstClassAccuracy: 'worst-class accuracy',
  balancedAccuracy: 'balanced accuracy',
  macroF1: 'macro-F1',
  fgsm: 'FGSM accuracy',
  pgd: 'PGD accuracy',
};

export interface CompareLinesOptions {
  metric?: CompareMetric;
  /** Methods (labels) drawn with a mean ± std band; default ['random']. */
  bands?: readonly string[];
  /** Full-data reference value of the metric (a dashed horizontal line across the fractions). */
  full?: number;
  /** Label → colour, so a method keeps its colour as others appear. */
  colors?: ReadonlyMap<string, string>;
  /** What a line is called in the legend (a method's name for its id); the label by default. */
  nameOf?: (label: string) => string;
}

export function compareLines(rows: readonly SummaryRow[], opts: CompareLinesOptions = {}): LineChartData {
  const metric = opts.metric ?? 'accuracy';
  const bands = new Set(opts.bands ?? ['random']);
  const labels = [...new Set(rows.map((r) => r.label))];
  const series: LineSeries[] = [];
  labels.forEach((label, i) => {
    const pts = rows
      .filter((r) => r.label === label)
      .map((r) => ({ x: r.fraction, s: r[metric] as Stat | undefined }))
      .filter((p): p is { x: number; s: Stat } => p.s !== undefined)
      .sort((a, b) => a.x - b.x);
    if (!pts.length) return;
    const s: LineSeries = {
      name: opts.nameOf?.(label) ?? label,
      x: pts.map((p) => p.x),
      y: pts.map((p) => p.s.mean),
      color: opts.colors?.get(label) ?? categoryColor(i),
    };
    if (bands.has(label) && pts.some((p) => p.s.n > 1))
      s.band = { lo: pts.map((p) => p.s.mean - p.s.std), hi: pts.map((p) => p.s.mean + p.s.std) };
    series.push(s);
  });
  const xs = series.flatMap((s) => Array.from(s.x));
  if (opts.full !== undefined && Number.isFinite(opts.full) && xs.length) {
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    series.push({
      name: 'full data',
      x: [lo, hi],
      y: [opts.full, opts.full],
      dashed: true,
      color: COLORS.muted,
    });
  }
  return { series };
}
