/**
 * Multi-series lines: live training curves (update every batch), accuracy vs fraction with
 * point markers, and "random ± std over seeds" as a shaded band. Update reuses every element
 * (keyed by series name) and rewrites only path data, so a curve growing by one point per batch
 * costs one string per series, not a rebuild.
 */
import * as d3 from 'd3';
import { createAxes, drawAxes, tickCount } from './axes';
import { createFrame } from './frame';
import {
  layoutWithLegend,
  legendOrigin,
  renderLegend,
  type LegendChartLayout,
  type LegendEntry,
} from './legend';
import { categoryColor, COLORS, FONT, STROKE } from './theme';
import { chartHandle, type BaseOptions, type Chart, type NumArray, type Size } from './types';

export interface LineSeries {
  name: string;
  x: NumArray;
  y: NumArray;
  color?: string;
  dashed?: boolean;
  /** Shaded band aligned with `x`, e.g. mean ± std over seeds. */
  band?: { lo: NumArray; hi: NumArray };
}

export interface LineMarker {
  x: number;
  y: number;
  label: string;
}

export interface LineChartData {
  series: LineSeries[];
  markers?: LineMarker[];
}

export interface LineChartOptions extends BaseOptions {
  xLabel?: string;
  yLabel?: string;
  /** Fixed y range (e.g. [0, 1] for accuracy) so live curves do not rescale every batch. */
  yDomain?: [number, number];
  xDomain?: [number, number];
  logX?: boolean;
  /** x ticks only at whole numbers (epochs, rounds). */
  xIntegers?: boolean;
  /** A dot on every data point (for short series such as accuracy per fraction). */
  points?: boolean;
  /** Legend on/off; by default shown when there is more than one series. */
  legend?: boolean;
  yFormat?: (v: number) => string;
}

type XScale = d3.ScaleLinear<number, number> | d3.ScaleLogarithmic<number, number>;

export interface LineLayout extends LegendChartLayout {
  x: XScale;
  y: d3.ScaleLinear<number, number>;
  legendEntries: LegendEntry[];
  titleHeight: number;
}

export function seriesColor(s: LineSeries, i: number): string {
  return s.color ?? categoryColor(i);
}

function extent(arrays: NumArray[], keep: (v: number) => boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v) || !keep(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (lo > hi) return undefined;
  return lo === hi
    ? [lo - (lo === 0 ? 1 : Math.abs(lo) * 0.1), hi + (hi === 0 ? 1 : Math.abs(hi) * 0.1)]
    : [lo, hi];
}

/** Scales and margins from data and size alone. */
export function layoutLineChart(
  data: LineChartData,
  opts: LineChartOptions,
  size: Size,
  titleHeight: number,
): LineLayout {
  const s = data.series;
  const showLegend = opts.legend ?? s.length > 1;
  const legendEntries: LegendEntry[] = showLegend
    ? s.map((d, i) => ({ label: d.name, color: seriesColor(d, i), swatch: d.dashed ? 'dashed' : 'line' }))
    : [];

  const keepX = opts.logX ? (v: number) => v > 0 : () => true;
  const markers = data.markers ?? [];
  const xs = [...s.map((d) => d.x), markers.map((m) => m.x)];
  const ys = [
    ...s.map((d) => d.y),
    ...s.flatMap((d) => (d.band ? [d.band.lo, d.band.hi] : [])),
    markers.map((m) => m.y),
  ];
  const xd = opts.xDomain ?? extent(xs, keepX) ?? (opts.logX ? [1, 10] : [0, 1]);
  const yd = opts.yDomain ?? extent(ys, () => true) ?? [0, 1];

  const y = d3.scaleLinear().domain(yd);
  if (!opts.yDomain) y.nice();
  const yTicks = y.ticks(6).map(opts.yFormat ?? y.tickFormat(6));
  const base = layoutWithLegend({ size, titleHeight, entries: legendEntries, yTickLabels: yTicks, ...opts });
  y.range([base.inner.height, 0]);
  const x: XScale = opts.logX ? d3.scaleLog().domain(xd) : d3.scaleLinear().domain(xd);
  x.range([0, base.inner.width]);
  return { ...base, x, y, legendEntries, titleHeight };
}

/** Path data with gaps at non-finite values; written by hand to avoid an index array per update. */
export function linePath(
  xs: NumArray,
  ys: NumArray,
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  const n = Math.min(xs.length, ys.length);
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i < n; i++) {
    const px = sx(xs[i]!);
    const py = sy(ys[i]!);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`);
    pen = true;
  }
  return parts.join('');
}

function bandPath(s: LineSeries, sx: (v: number) => number, sy: (v: number) => number): string {
  const band = s.band;
  if (!band) return '';
  const n = Math.min(s.x.length, band.lo.length, band.hi.length);
  const idx = d3.range(n).filter((i) => Number.isFinite(sx(s.x[i]!)));
  return (
    d3
      .area<number>()
      .x((i) => sx(s.x[i]!))
      .y0((i) => sy(band.lo[i]!))
      .y1((i) => sy(band.hi[i]!))
      .defined((i) => Number.isFinite(band.lo[i]!) && Number.isFinite(band.hi[i]!))(idx) ?? ''
  );
}

interface PointMark {
  cx: number;
  cy: number;
  color: string;
  /** Tooltip: series, value and x. */
  label: string;
}

const num = d3.format('.3~g');

function lastValue(s: LineSeries): string {
  const n = Math.min(s.x.length, s.y.length);
  return n ? `${num(s.y[n - 1]!)} at ${num(s.x[n - 1]!)}` : 'no data';
}

function pointsOf(s: LineSeries, color: string, sx: (v: number) => number, sy: (v: number) => number) {
  const out: PointMark[] = [];
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) {
    const cx = sx(s.x[i]!);
    const cy = sy(s.y[i]!);
    if (Number.isFinite(cx) && Number.isFinite(cy))
      out.push({ cx, cy, color, label: `${s.name}: ${num(s.y[i]!)} at ${num(s.x[i]!)}` });
  }
  return out;
}

export function createLineChart(el: HTMLElement, opts: LineChartOptions = {}): Chart<LineChartData> {
  const frame = createFrame(el, opts, 'line');
  const axes = createAxes(frame.svg);
  const plot = frame.svg.append('g').attr('class', 'plot');
  const bands = plot.append('g').attr('class', 'bands');
  const lines = plot.append('g').attr('class', 'lines');
  const markerG = plot.append('g').attr('class', 'markers');
  const legendG = frame.svg.append('g').attr('class', 'legend');

  function render(data: LineChartData): void {
    const size = frame.measure();
    frame.setSize(size);
    const titleHeight = frame.setTitle(opts.title);
    const L = layoutLineChart(data, opts, size, titleHeight);
    if (L.height !== size.height) frame.setSize({ width: size.width, height: L.height });
    const sx = (v: number): number => (opts.logX && v <= 0 ? NaN : L.x(v));
    const sy = (v: number): number => L.y(v);

    const xAxis = d3.axisBottom(L.x).ticks(tickCount(L.inner.width, 90), opts.logX ? '~g' : undefined);
    if (opts.xIntegers)
      xAxis
        .tickValues(L.x.ticks(tickCount(L.inner.width, 90)).filter(Number.isInteger))
        .tickFormat(d3.format('d'));
    const yAxis = d3.axisLeft(L.y).ticks(tickCount(L.inner.height, 45));
    if (opts.yFormat) yAxis.tickFormat((v) => opts.yFormat!(Number(v)));
    drawAxes(axes, L, xAxis, yAxis, { x: opts.xLabel, y: opts.yLabel });

    plot.attr('transform', `translate(${L.margin.left},${L.margin.top})`);
    legendG.attr('transform', legendOrigin(L.legend, L.margin.left, size.width, titleHeight));
    renderLegend(legendG, L.legendEntries, L.legend);

    const colored = data.series.map((s, i) => ({ s, color: seriesColor(s, i) }));
    bands
      .selectAll<SVGPathElement, (typeof colored)[number]>('path.band')
      .data(
        colored.filter((d) => d.s.band),
        (d) => d.s.name,
      )
      .join('path')
      .attr('class', 'band')
      .attr('fill', (d) => d.color)
      .attr('fill-opacity', 0.18)
      .attr('stroke', 'none')
      .attr('d', (d) => bandPath(d.s, sx, sy));

    const groups = lines
      .selectAll<SVGGElement, (typeof colored)[number]>('g.series')
      .data(colored, (d) => d.s.name)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'series');
        g.append('path').attr('class', 'line').attr('fill', 'none').attr('stroke-linejoin', 'round');
        return g;
      })
      .attr('data-name', (d) => d.s.name);
    groups
      .select('path.line')
      .attr('stroke', (d) => d.color)
      .attr('stroke-width', STROKE.line)
      .attr('stroke-dasharray', (d) => (d.s.dashed ? '6 4' : null))
      .attr('d', (d) => linePath(d.s.x, d.s.y, sx, sy));
    groups
      .selectAll<SVGCircleElement, PointMark>('circle.point')
      .data((d) => (opts.points ? pointsOf(d.s, d.color, sx, sy) : []))
      .join('circle')
      .attr('class', 'point')
      .attr('r', 4)
      .attr('fill', (p) => p.color)
      .attr('cx', (p) => p.cx)
      .attr('cy', (p) => p.cy);
    // Hover: a point names its series and values (browsers show <title> as a tooltip, screen
    // readers read it); a line without points names its series and its last value.
    groups
      .selectAll<SVGCircleElement, PointMark>('circle.point')
      .selectAll<SVGTitleElement, PointMark>('title')
      .data((p) => [p])
      .join('title')
      .text((p) => p.label);
    groups
      .select<SVGPathElement>('path.line')
      .selectAll<SVGTitleElement, (typeof colored)[number]>('title')
      .data((d) => [d])
      .join('title')
      .text((d) => `${d.s.name}: ${lastValue(d.s)}`);

    const m = markerG
      .selectAll<SVGGElement, LineMarker>('g.marker')
      .data(data.markers ?? [])
      .join((enter) => {
        const g = enter.append('g').attr('class', 'marker');
        g.append('circle').attr('r', 5).attr('fill', COLORS.background).attr('stroke', COLORS.ink);
        g.append('text').attr('class', 'marker-label').attr('x', 8).attr('dy', '-0.4em');
        return g;
      })
      .attr('transform', (d) => `translate(${sx(d.x)},${sy(d.y)})`);
    m.select('circle').attr('stroke-width', STROKE.marker);
    m.select('text')
      .attr('font-size', FONT.label)
      .text((d) => d.label);

    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'Line chart'}: ${data.series.map((d) => d.name).join(', ') || 'no data'}` +
          (opts.xLabel || opts.yLabel ? ` (${opts.yLabel ?? 'y'} against ${opts.xLabel ?? 'x'})` : ''),
    );
  }

  const initial: LineChartData = { series: [] };
  return chartHandle(render, initial, () => frame.destroy());
}
