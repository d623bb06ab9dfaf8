/**
 * Grouped bars by category: class counts, or a method's per-class budget beside the proportional
 * one. Each bar carries a <title> with its value, which browsers show as a tooltip and screen
 * readers read out.
 */
import * as d3 from 'd3';
import { createAxes, drawAxes, tickCount } from './axes';
import { animate, createFrame, textWidth } from './frame';
import {
  layoutWithLegend,
  legendOrigin,
  renderLegend,
  type LegendChartLayout,
  type LegendEntry,
} from './legend';
import { categoryColor, FONT, transitionMs } from './theme';
import { chartHandle, type BaseOptions, type Chart, type Size } from './types';

export interface BarSeries {
  name: string;
  values: number[];
  color?: string;
}

export interface BarChartData {
  categories: string[];
  series: BarSeries[];
}

export interface BarChartOptions extends BaseOptions {
  xLabel?: string;
  yLabel?: string;
  yDomain?: [number, number];
  /** Legend on/off; by default shown when there is more than one series. */
  legend?: boolean;
  valueFormat?: (v: number) => string;
  /** Colour bars by category instead of by series (one series, e.g. class counts). */
  colorByCategory?: boolean;
}

export interface Bar {
  key: string;
  category: string;
  series: string;
  value: number;
  color: string;
}

export interface BarLayout extends LegendChartLayout {
  x0: d3.ScaleBand<string>;
  x1: d3.ScaleBand<string>;
  y: d3.ScaleLinear<number, number>;
  rotateLabels: boolean;
  /** Every `labelStep`-th category is named on the axis (1: all); dense axes are thinned. */
  labelStep: number;
  legendEntries: LegendEntry[];
}

const ROTATED = 40;

export function layoutBarChart(
  data: BarChartData,
  opts: BarChartOptions,
  size: Size,
  titleHeight: number,
): BarLayout {
  const showLegend = opts.legend ?? data.series.length > 1;
  const legendEntries: LegendEntry[] = showLegend
    ? data.series.map((s, i) => ({ label: s.name, color: s.color ?? categoryColor(i), swatch: 'rect' }))
    : [];
  const max = d3.max(data.series, (s) => d3.max(s.values)) ?? 0;
  const y = d3.scaleLinear().domain(opts.yDomain ?? [0, max > 0 ? max : 1]);
  if (!opts.yDomain) y.nice();
  const format = opts.valueFormat ?? y.tickFormat(6);
  const yTickLabels = y.ticks(6).map(format);

  // Rotate category names only when they would collide at the plot's likely width; where even
  // rotated names would stack (dozens of strata), name every few categories instead.
  const longest = Math.max(0, ...data.categories.map((c) => textWidth(c, FONT.tick)));
  const roughBand = (size.width - 80) / Math.max(1, data.categories.length);
  const fitsFlat = longest <= roughBand * 0.9;
  const fitsRotated = FONT.tick * 1.5 <= roughBand;
  const rotateLabels = !fitsFlat && fitsRotated;
  const labelStep = fitsFlat || fitsRotated ? 1 : Math.ceil((longest + 10) / Math.max(1, roughBand));
  const xTickHeight = rotateLabels
    ? Math.min(longest, 120) * Math.sin((ROTATED * Math.PI) / 180) + FONT.tick + 10
    : undefined;

  const base = layoutWithLegend({
    size,
    titleHeight,
    entries: legendEntries,
    yTickLabels,
    xTickHeight,
    ...opts,
  });
  y.range([base.inner.height, 0]);
  const x0 = d3
    .scaleBand<string>()
    .domain(data.categories)
    .range([0, base.inner.width])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const x1 = d3
    .scaleBand<string>()
    .domain(data.series.map((s) => s.name))
    .range([0, x0.bandwidth()])
    .padding(0.06);
  return { ...base, x0, x1, y, rotateLabels, labelStep, legendEntries };
}

export function barsOf(data: BarChartData, opts: BarChartOptions): Bar[] {
  const bars: Bar[] = [];
  data.categories.forEach((category, c) =>
    data.series.forEach((s, i) => {
      const color = opts.colorByCategory ? categoryColor(c) : (s.color ?? categoryColor(i));
      bars.push({
        key: `${s.name}\u0000${category}`,
        category,
        series: s.name,
        value: s.values[c] ?? 0,
        color,
      });
    }),
  );
  return bars;
}

export function createBarChart(el: HTMLElement, opts: BarChartOptions = {}): Chart<BarChartData> {
  const frame = createFrame(el, opts, 'bar');
  const axes = createAxes(frame.svg);
  const plot = frame.svg.append('g').attr('class', 'plot');
  const legendG = frame.svg.append('g').attr('class', 'legend');

  function render(data: BarChartData): void {
    const size = frame.measure();
    frame.setSize(size);
    const titleHeight = frame.setTitle(opts.title);
    const L = layoutBarChart(data, opts, size, titleHeight);
    if (L.height !== size.height) frame.setSize({ width: size.width, height: L.height });
    const fmt = opts.valueFormat ?? d3.format(',~r');

    const yAxis = d3.axisLeft(L.y).ticks(tickCount(L.inner.height, 45));
    if (opts.valueFormat) yAxis.tickFormat((v) => fmt(Number(v)));
    const xAxis = d3.axisBottom(L.x0).tickSizeOuter(0);
    if (L.labelStep > 1) xAxis.tickValues(data.categories.filter((_, i) => i % L.labelStep === 0));
    drawAxes(axes, L, xAxis, yAxis, {
      x: opts.xLabel,
      y: opts.yLabel,
      ...(L.rotateLabels ? { xTickHeight: L.margin.bottom - (opts.xLabel ? FONT.label + 12 : 4) } : {}),
    });
    axes.gx
      .selectAll<SVGTextElement, string>('.tick text')
      .attr('text-anchor', L.rotateLabels ? 'end' : 'middle')
      .attr('transform', L.rotateLabels ? `rotate(-${ROTATED})` : null)
      .attr('dx', L.rotateLabels ? '-0.4em' : null);

    plot.attr('transform', `translate(${L.margin.left},${L.margin.top})`);
    legendG.attr('transform', legendOrigin(L.legend, L.margin.left, size.width, titleHeight));
    renderLegend(legendG, L.legendEntries, L.legend);

    const rects = plot
      .selectAll<SVGRectElement, Bar>('rect.bar')
      .data(barsOf(data, opts), (d) => d.key)
      .join((enter) =>
        enter
          .append('rect')
          .attr('class', 'bar')
          // New bars grow from the baseline instead of appearing at full height.
          .attr('y', L.y(0))
          .attr('height', 0)
          .call((r) => r.append('title')),
      )
      .attr('x', (d) => (L.x0(d.category) ?? 0) + (L.x1(d.series) ?? 0))
      .attr('width', L.x1.bandwidth())
      .attr('fill', (d) => d.color)
      .attr('data-category', (d) => d.category)
      .attr('data-series', (d) => d.series);
    rects.select('title').text((d) => `${d.category} · ${d.series}: ${fmt(d.value)}`);
    const y0 = L.y(Math.max(0, L.y.domain()[0] ?? 0));
    animate(rects, transitionMs(), (t) =>
      t.attr('y', (d) => Math.min(L.y(d.value), y0)).attr('height', (d) => Math.abs(y0 - L.y(d.value))),
    );

    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'Bar chart'}: ${data.series.map((s) => s.name).join(' and ') || 'no data'} ` +
          `across ${data.categories.length} categories`,
    );
  }

  const initial: BarChartData = { categories: [], series: [] };
  return chartHandle(render, initial, () => frame.destroy());
}
