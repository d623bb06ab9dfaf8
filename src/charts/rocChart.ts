/**
 * ROC curves on the unit square with the chance diagonal and, per curve, a labelled operating
 * point (the Youden threshold). The legend carries each curve's area so the number on the
 * wall matches the curve.
 */
import * as d3 from 'd3';
import { createAxes, drawAxes, tickCount } from './axes';
import { createFrame, textWidth } from './frame';
import {
  layoutWithLegend,
  legendOrigin,
  renderLegend,
  type LegendChartLayout,
  type LegendEntry,
} from './legend';
import { categoryColor, COLORS, FONT, STROKE } from './theme';
import { chartHandle, type BaseOptions, type Chart, type Size } from './types';

export interface RocCurve {
  name: string;
  fpr: number[];
  tpr: number[];
  point?: { fpr: number; tpr: number; label: string };
  color?: string;
}

export interface RocData {
  curves: RocCurve[];
}

export interface RocOptions extends BaseOptions {
  xLabel?: string;
  yLabel?: string;
  /** Append "(AUC 0.87)" to legend names (default true). */
  showAuc?: boolean;
}

export interface RocLayout extends LegendChartLayout {
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  legendEntries: LegendEntry[];
}

/** Area under the curve by the trapezoid rule, after ordering points by fpr. */
export function trapezoidAuc(fpr: readonly number[], tpr: readonly number[]): number {
  const n = Math.min(fpr.length, tpr.length);
  const idx = d3.range(n).sort((a, b) => fpr[a]! - fpr[b]! || tpr[a]! - tpr[b]!);
  let area = 0;
  for (let k = 1; k < idx.length; k++) {
    const a = idx[k - 1]!;
    const b = idx[k]!;
    area += (fpr[b]! - fpr[a]!) * ((tpr[a]! + tpr[b]!) / 2);
  }
  return area;
}

export function layoutRoc(data: RocData, opts: RocOptions, size: Size, titleHeight: number): RocLayout {
  const legendEntries: LegendEntry[] = data.curves.map((c, i) => ({
    // A name that already carries its area (HyperCore's exact AUROC) is not given a second one.
    label:
      opts.showAuc === false || /\bAU(RO)?C\b/.test(c.name)
        ? c.name
        : `${c.name} (AUC ${trapezoidAuc(c.fpr, c.tpr).toFixed(2)})`,
    color: c.color ?? categoryColor(i),
    swatch: 'line',
  }));
  const base = layoutWithLegend({
    size,
    titleHeight,
    entries: legendEntries,
    yTickLabels: ['0.0'],
    xLabel: opts.xLabel ?? 'false positive rate',
    yLabel: opts.yLabel ?? 'true positive rate',
  });
  const y = d3.scaleLinear().domain([0, 1]).range([base.inner.height, 0]);
  const x = d3.scaleLinear().domain([0, 1]).range([0, base.inner.width]);
  return { ...base, x, y, legendEntries };
}

export type LabelSide = 'left' | 'right';

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const POINT_R = 6;

/**
 * Where each operating point's label can go without overprinting a label already placed or any
 * point, nor leaving the plot (0..width): on its preferred side (`right`: the point is near the
 * right edge, so left of it), else on the other, else nowhere (null; estimated text boxes).
 */
export function placeLabels(
  points: readonly { x: number; y: number; right: boolean; text: string }[],
  width = Infinity,
): (LabelSide | null)[] {
  const dots: Box[] = points.map((p) => ({
    x0: p.x - POINT_R - 1,
    x1: p.x + POINT_R + 1,
    y0: p.y - POINT_R - 1,
    y1: p.y + POINT_R + 1,
  }));
  const placed: Box[] = [];
  const hits = (b: Box, q: Box) => b.x0 < q.x1 && q.x0 < b.x1 && b.y0 < q.y1 && q.y0 < b.y1;
  return points.map((p) => {
    const w = textWidth(p.text, FONT.label);
    const sides: LabelSide[] = p.right ? ['left', 'right'] : ['right', 'left'];
    for (const side of sides) {
      const x0 = side === 'left' ? p.x - 10 - w : p.x + 10;
      const box = { x0, x1: x0 + w, y0: p.y - FONT.label * 0.7, y1: p.y + FONT.label * 0.7 };
      if (box.x0 < 0 || box.x1 > width) continue;
      if (placed.some((q) => hits(box, q)) || dots.some((q) => hits(box, q))) continue;
      placed.push(box);
      return side;
    }
    return null;
  });
}

export function createRocChart(el: HTMLElement, opts: RocOptions = {}): Chart<RocData> {
  const frame = createFrame(el, opts, 'roc');
  const axes = createAxes(frame.svg);
  const plot = frame.svg.append('g').attr('class', 'plot');
  const diagonal = plot.append('line').attr('class', 'diagonal');
  const curvesG = plot.append('g').attr('class', 'curves');
  const pointsG = plot.append('g').attr('class', 'points');
  const labelsG = plot.append('g').attr('class', 'point-labels');
  const legendG = frame.svg.append('g').attr('class', 'legend');

  function render(data: RocData): void {
    const size = frame.measure();
    frame.setSize(size);
    const titleHeight = frame.setTitle(opts.title);
    const L = layoutRoc(data, opts, size, titleHeight);
    if (L.height !== size.height) frame.setSize({ width: size.width, height: L.height });
    const xAxis = d3.axisBottom(L.x).ticks(Math.min(5, tickCount(L.inner.width, 40)), '.1f');
    const yAxis = d3.axisLeft(L.y).ticks(Math.min(5, tickCount(L.inner.height, 30)), '.1f');
    drawAxes(axes, L, xAxis, yAxis, {
      x: opts.xLabel ?? 'false positive rate',
      y: opts.yLabel ?? 'true positive rate',
    });
    plot.attr('transform', `translate(${L.margin.left},${L.margin.top})`);
    legendG.attr('transform', legendOrigin(L.legend, L.margin.left, size.width, titleHeight));
    renderLegend(legendG, L.legendEntries, L.legend);

    diagonal
      .attr('x1', L.x(0))
      .attr('y1', L.y(0))
      .attr('x2', L.x(1))
      .attr('y2', L.y(1))
      .attr('stroke', COLORS.muted)
      .attr('stroke-width', STROKE.axis)
      .attr('stroke-dasharray', '4 4');

    const rows = data.curves.map((c, i) => ({ c, color: c.color ?? categoryColor(i) }));
    curvesG
      .selectAll<SVGPathElement, (typeof rows)[number]>('path.roc-curve')
      .data(rows, (d) => d.c.name)
      .join('path')
      .attr('class', 'roc-curve')
      .attr('fill', 'none')
      .attr('stroke', (d) => d.color)
      .attr('stroke-width', STROKE.line)
      .attr('data-name', (d) => d.c.name)
      .attr('d', (d) => {
        const n = Math.min(d.c.fpr.length, d.c.tpr.length);
        const line = d3
          .line<number>()
          .x((i) => L.x(d.c.fpr[i]!))
          .y((i) => L.y(d.c.tpr[i]!));
        return line(d3.range(n)) ?? '';
      });

    const withPoint = rows.filter((d) => d.c.point);
    const at = (d: (typeof rows)[number]) => `translate(${L.x(d.c.point!.fpr)},${L.y(d.c.point!.tpr)})`;
    const g = pointsG
      .selectAll<SVGGElement, (typeof rows)[number]>('g.roc-point')
      .data(withPoint, (d) => d.c.name)
      .join((enter) => {
        const p = enter.append('g').attr('class', 'roc-point');
        p.append('circle').attr('r', POINT_R);
        return p;
      })
      .attr('transform', at);
    g.select('circle')
      .attr('fill', (d) => d.color)
      .attr('stroke', COLORS.background)
      .attr('stroke-width', STROKE.marker);
    g.selectAll('circle title').remove();
    g.select('circle')
      .append('title')
      .text((d) => `${d.c.name}: ${d.c.point!.label}`);
    // With many curves the operating points crowd: a label goes on whichever side of its point
    // is clear of other labels and points, or is left out (its point keeps the label as a
    // tooltip, and the legend names the curve). Labels sit above every point, on a halo.
    const sides = placeLabels(
      withPoint.map((d) => ({
        x: L.x(d.c.point!.fpr),
        y: L.y(d.c.point!.tpr),
        right: d.c.point!.fpr > 0.6,
        text: d.c.point!.label,
      })),
      L.inner.width,
    );
    labelsG
      .selectAll<SVGTextElement, (typeof rows)[number]>('text.point-label')
      .data(withPoint, (d) => d.c.name)
      .join((enter) =>
        enter
          .append('text')
          .attr('class', 'point-label')
          .attr('dy', '0.35em')
          .attr('stroke', COLORS.background)
          .attr('stroke-width', 4)
          .attr('stroke-linejoin', 'round')
          .attr('paint-order', 'stroke'),
      )
      .attr('transform', at)
      .attr('font-size', FONT.label)
      .attr('text-anchor', (_, i) => (sides[i] === 'left' ? 'end' : 'start'))
      .attr('x', (_, i) => (sides[i] === 'left' ? -10 : 10))
      .text((d, i) => (sides[i] ? d.c.point!.label : ''));

    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'ROC curve'}: ${L.legendEntries.map((e) => e.label).join(', ') || 'no data'}` +
          (withPoint.length ? `; marked ${withPoint.map((d) => d.c.point!.label).join(', ')}` : ''),
    );
  }

  const initial: RocData = { curves: [] };
  return chartHandle(render, initial, () => frame.destroy());
}
