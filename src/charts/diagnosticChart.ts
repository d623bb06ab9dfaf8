/**
 * Renders any diagnostic a method returns (core/methods/diagnostics.ts) with the chart for its
 * kind, so a new method gets its views without new UI code. The handle survives updates with a
 * different kind or labels by rebuilding the inner chart; same kind and labels update in place.
 */
import type { Diagnostic } from '../core/methods/diagnostics';
import { createBarChart } from './barChart';
import { createHistogram } from './histogram';
import { createImageRanking, type Images } from './imageRanking';
import { createLineChart } from './lineChart';
import { createRocChart } from './rocChart';
import { createScatterChart } from './scatterChart';
import { createTable } from './table';
import type { Chart } from './types';

export interface DiagnosticContext {
  /** Pixels of exactly the requested dataset rows, in order; needed by `imageRanking`. */
  getImages?: (rows: Int32Array) => Images | undefined;
  /** Borders images green when kept, red when pruned. */
  isKept?: (row: number) => boolean;
  /** Dataset row under the pointer (scatter points, ranked images), null on leave. */
  onHoverRow?: (row: number | null) => void;
  /** Draw the diagnostic's title in the chart (default true); it is always the accessible name. */
  showTitle?: boolean;
  height?: number;
  /** Images at each end of an image ranking. */
  rankingCount?: number;
}

/** Reference series (the proportional budget) read as a baseline, not as a competing method. */
const REFERENCE = new Set(['proportional', 'expected']);
const REFERENCE_COLOR = '#8c96a3';

/** Labels are fixed at creation, so a change in any of them means a new chart. */
function identity(d: Diagnostic): string {
  const labels = [d.kind, d.title];
  if ('xLabel' in d) labels.push(d.xLabel ?? '');
  if ('yLabel' in d) labels.push(d.yLabel);
  if (d.kind === 'imageRanking') labels.push(d.scoreLabel);
  return labels.join('\u0000');
}

function build(el: HTMLElement, d: Diagnostic, ctx: DiagnosticContext): Chart<Diagnostic> {
  const base = {
    ...(ctx.showTitle === false ? { ariaLabel: d.title } : { title: d.title }),
    ...(ctx.height ? { height: ctx.height } : {}),
  };
  const hover = ctx.onHoverRow ? { onHover: ctx.onHoverRow } : {};
  // Each branch narrows the union once; update() re-checks the kind because the handle may be
  // handed a diagnostic of another kind before it is rebuilt.
  switch (d.kind) {
    case 'histogram': {
      // Series of very different sizes (kept vs pruned at 10%) compare by shape, not by count:
      // in counts the small one is a flat line along the axis.
      const c = createHistogram(el, { ...base, xLabel: d.xLabel, normalize: d.series.length > 1 });
      return wrap(
        c,
        (x) =>
          x.kind === 'histogram' &&
          c.update({ series: x.series, bins: x.bins ?? 30, markers: x.markers ?? [] }),
      );
    }
    case 'classBars': {
      const c = createBarChart(el, { ...base, xLabel: d.xLabel ?? 'class', yLabel: d.yLabel });
      return wrap(
        c,
        (x) =>
          x.kind === 'classBars' &&
          c.update({
            categories: x.classNames,
            series: x.series.map((s) => (REFERENCE.has(s.name) ? { ...s, color: REFERENCE_COLOR } : s)),
          }),
      );
    }
    case 'curves': {
      const c = createLineChart(el, {
        ...base,
        xLabel: d.xLabel,
        yLabel: d.yLabel,
        points: d.series.every((s) => s.x.length <= 30),
        // Epochs, picks, rounds: whole-number x gets whole-number ticks (no "epoch 2.5").
        xIntegers: d.series.every((s) => Array.from(s.x).every(Number.isInteger)),
      });
      return wrap(c, (x) => x.kind === 'curves' && c.update({ series: x.series, markers: x.markers ?? [] }));
    }
    case 'scatter': {
      const c = createScatterChart(el, { ...base, ...hover, xLabel: d.xLabel, yLabel: d.yLabel });
      return wrap(c, (x) => x.kind === 'scatter' && c.update(x));
    }
    case 'roc': {
      // One curve per class: give the plot room beside its legend instead of under it.
      const c = createRocChart(el, ctx.height || d.curves.length <= 4 ? base : { ...base, height: 340 });
      return wrap(c, (x) => x.kind === 'roc' && c.update({ curves: x.curves }));
    }
    case 'imageRanking': {
      const c = createImageRanking(el, {
        ...base,
        ...hover,
        ...(ctx.getImages ? { getImages: ctx.getImages } : {}),
        ...(ctx.isKept ? { isKept: ctx.isKept } : {}),
        ...(ctx.rankingCount ? { count: ctx.rankingCount } : {}),
      });
      return wrap(c, (x) => x.kind === 'imageRanking' && c.update(x));
    }
    case 'table': {
      const c = createTable(el, base);
      return wrap(
        c,
        (x) => x.kind === 'table' && c.update({ columns: x.columns, rows: x.rows, empty: x.empty }),
      );
    }
  }
}

function wrap<D>(inner: Chart<D>, update: (d: Diagnostic) => unknown): Chart<Diagnostic> {
  return { update: (d) => void update(d), resize: () => inner.resize(), destroy: () => inner.destroy() };
}

export function renderDiagnostic(
  el: HTMLElement,
  diagnostic: Diagnostic,
  ctx: DiagnosticContext = {},
): Chart<Diagnostic> {
  let key = identity(diagnostic);
  let inner = build(el, diagnostic, ctx);
  inner.update(diagnostic);
  return {
    update(d) {
      const k = identity(d);
      if (k !== key) {
        inner.destroy();
        inner = build(el, d, ctx);
        key = k;
      }
      inner.update(d);
    },
    resize: () => inner.resize(),
    destroy: () => inner.destroy(),
  };
}
