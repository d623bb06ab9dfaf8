/**
 * Diagnostics the baselines share: a per-class score histogram, kept-vs-pruned histogram,
 * class budget bars (method vs proportional) and a scatter of the picks on a 2-D view.
 */
import type { Signals } from '../signals/types';
import { classCounts, proportionalBudgets } from '../budget/budgets';
import type { ClassBarsDiagnostic, HistogramDiagnostic, ScatterDiagnostic } from './diagnostics';

export function classScoreHistogram(
  title: string,
  xLabel: string,
  scores: Float32Array,
  signals: Pick<Signals, 'labels' | 'numClasses' | 'classNames'>,
  markers?: { value: number; label: string }[],
): HistogramDiagnostic {
  const { labels, numClasses, classNames } = signals;
  const counts = classCounts(labels, numClasses);
  const per = counts.map((c) => new Float32Array(c));
  const fill = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    per[c]![fill[c]!++] = scores[i]!;
  }
  return {
    kind: 'histogram',
    title,
    xLabel,
    bins: 30,
    series: per.map((values, c) => ({ name: classNames[c] ?? String(c), values })),
    ...(markers ? { markers } : {}),
  };
}

export function keptHistogram(
  title: string,
  xLabel: string,
  scores: Float32Array,
  kept: Int32Array,
): HistogramDiagnostic {
  const mask = new Uint8Array(scores.length);
  for (const r of kept) mask[r] = 1;
  const keptVals = new Float32Array(kept.length);
  const pruned = new Float32Array(scores.length - kept.length);
  let a = 0;
  let b = 0;
  for (let i = 0; i < scores.length; i++) {
    if (mask[i]) keptVals[a++] = scores[i]!;
    else pruned[b++] = scores[i]!;
  }
  return {
    kind: 'histogram',
    title,
    xLabel,
    bins: 30,
    series: [
      { name: 'kept', values: keptVals },
      { name: 'pruned', values: pruned },
    ],
  };
}

export function budgetBars(
  methodName: string,
  perClassCounts: number[],
  signals: Pick<Signals, 'labels' | 'numClasses' | 'classNames'>,
  budget: number,
): ClassBarsDiagnostic {
  const expected = proportionalBudgets(classCounts(signals.labels, signals.numClasses), budget);
  return {
    kind: 'classBars',
    title: 'Kept per class',
    classNames: signals.classNames,
    yLabel: 'samples kept',
    series: [
      { name: methodName, values: perClassCounts },
      { name: 'proportional', values: expected },
    ],
  };
}

/** Picks drawn on signals.projection2d, else on the first two embedding dimensions. */
export function picksScatter(
  signals: Signals,
  kept: Int32Array,
  title = 'Picks in feature space',
): ScatterDiagnostic | null {
  const n = signals.n;
  let x: Float32Array;
  let y: Float32Array;
  let xLabel = 'projection x';
  let yLabel = 'projection y';
  if (signals.projection2d && signals.projection2d.length === 2 * n) {
    const p = signals.projection2d;
    x = new Float32Array(n);
    y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = p[2 * i]!;
      y[i] = p[2 * i + 1]!;
    }
  } else if (signals.embeddings && signals.embeddings.dim >= 2) {
    const { data, dim } = signals.embeddings;
    x = new Float32Array(n);
    y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = data[i * dim]!;
      y[i] = data[i * dim + 1]!;
    }
    xLabel = `${signals.embeddings.source} [0]`;
    yLabel = `${signals.embeddings.source} [1]`;
  } else {
    return null;
  }
  return {
    kind: 'scatter',
    title,
    xLabel,
    yLabel,
    x,
    y,
    group: signals.labels,
    groupNames: signals.classNames,
    highlight: kept,
    highlightLabel: 'kept',
  };
}
