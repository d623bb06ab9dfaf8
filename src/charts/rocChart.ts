/**
 * ROC curves on the unit square with the chance diagonal and, per curve, a labelled operating
 * point (the Youden threshold). The legend carries each curve's area so the number on the
 * wall matches the curve.
 */
import * as d3 from 'd3';
import { createAxes, drawAxes } from './axes';
import { createFrame, layoutCartesian, type CartesianLayout } from './frame';
import { layoutLegend, renderLegend, type LegendEntry, type LegendLayout } from './legend';
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

export interface RocLayout extends CartesianLayout {
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  legend: LegendLayout;
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
    label: opts.showAuc === false ? c.name : `${c.name} (AUC ${trapezoidAuc(c.fpr, c.tpr).toFixed(2)})`,
    color: c.color ?? categoryColor(i),
    swatch: 'line',
  }));
  const legend = layoutLegend(legendEntries, size.width - 60);
  const y = d3.scaleLinear().domain([0, 1]);
  const base = layoutCartesian({
    size,
    titleHeight,
    legendHeight: legend.height,
    yTickLabels: ['0.0'],
    xLabel: opts.xLabel ?? 'false positive rate',
    yLabel: opts.yLabel ?? 'true positive rate',
  });
  y.range([base.inner.height, 0]);
  const x = d3.scaleLinear().domain([0, 1]).range([0, base.inner.width]);
  return { ...base, x, y, legend, legendEntries };
}

export function createRocChart(el: HTMLElement, opts: RocOptions = {}): Chart<RocData> {
  const frame = createFrame(el, opts, 'roc');
  const axes = createAxes(frame.svg);
  const plot = frame.svg.append('g').attr('class', 'plot');
  const diagonal = plot.append('line').attr('class', 'diagonal');
  const curvesG = plot.append('g').attr('class', 'curves');
  const pointsG = plot.append('g').attr('class', 'points');
  const legendG = frame.svg.append('g').attr('class', 'legend');

  function render(data: RocData): void {
    const size = frame.measure();
    frame.setSize(size);
    const titleHeight = frame.setTitle(opts.title);
    const L = layoutRoc(data, opts, size, titleHeight);
    drawAxes(axes, L, d3.axisBottom(L.x).ticks(5, '.1f'), d3.axisLeft(L.y).ticks(5, '.1f'), {
      x: opts.xLabel ?? 'false positive rate',
      y: opts.yLabel ?? 'true positive rate',
    });
    plot.attr('transform', `translate(${L.margin.left},${L.margin.top})`);
    legendG.attr('transform', `translate(${L.margin.left},${titleHeight + 2})`);
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
    const g = pointsG
      .selectAll<SVGGElement, (typeof rows)[number]>('g.roc-point')
      .data(withPoint, (d) => d.c.name)
      .join((enter) => {
        const p = enter.append('g').attr('class', 'roc-point');
        p.append('circle').attr('r', 6);
        p.append('text').attr('class', 'point-label').attr('x', 10).attr('dy', '0.35em');
        return p;
      })
      .attr('transform', (d) => `translate(${L.x(d.c.point!.fpr)},${L.y(d.c.point!.tpr)})`);
    g.select('circle')
      .attr('fill', (d) => d.color)
      .attr('stroke', COLORS.background)
      .attr('stroke-width', STROKE.marker);
    g.select('text')
      .attr('font-size', FONT.label)
      // Points near the right edge label to their left so the text stays inside the plot.
      .attr('text-anchor', (d) => (d.c.point!.fpr > 0.6 ? 'end' : 'start'))
      .attr('x', (d) => (d.c.point!.fpr > 0.6 ? -10 : 10))
      .text((d) => d.c.point!.label);

    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'ROC curve'}: ${L.legendEntries.map((e) => e.label).join(', ') || 'no data'}` +
          (withPoint.length ? `; marked ${withPoint.map((d) => d.c.point!.label).join(', ')}` : ''),
    );
  }

  const initial: RocData = { curves: [] };
  return chartHandle(render, initial, () => frame.destroy());
}
