/**
 * Overlaid histograms over shared equal-width bins (scores per class, kept vs pruned), with
 * labelled vertical markers for thresholds. Each series is one step-outline path, so ten classes
 * stay readable where ten sets of interleaved bars would not.
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

export interface HistogramSeries {
  name: string;
  values: NumArray;
  color?: string;
}

export interface HistogramMarker {
  value: number;
  label: string;
}

export interface HistogramData {
  series: HistogramSeries[];
  /** Number of equal-width bins over the shared range (default 30). */
  bins?: number;
  markers?: HistogramMarker[];
  /** Fixed x range; values outside it are not counted. */
  domain?: [number, number];
}

export interface HistogramOptions extends BaseOptions {
  xLabel?: string;
  yLabel?: string;
  /** Plot each series as a share of its own size, so a small "kept" set compares with "pruned". */
  normalize?: boolean;
  legend?: boolean;
}

export interface Binned {
  lo: number;
  hi: number;
  width: number;
  /** counts[s][b] for series s, bin b. */
  counts: number[][];
  totals: number[];
}

/** Equal-width bins over [min, max] of every series (and the markers, so thresholds show). */
export function binSeries(
  series: readonly HistogramSeries[],
  bins = 30,
  domain?: [number, number],
  extra: number[] = [],
): Binned {
  let lo = domain?.[0] ?? Infinity;
  let hi = domain?.[1] ?? -Infinity;
  if (!domain) {
    for (const s of series)
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i]!;
        if (!Number.isFinite(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    for (const v of extra) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  if (lo > hi) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const n = Math.max(1, Math.floor(bins));
  const width = (hi - lo) / n;
  const totals: number[] = [];
  const counts = series.map((s) => {
    const c = new Array<number>(n).fill(0);
    let total = 0;
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i]!;
      if (!(v >= lo && v <= hi)) continue;
      // The top edge belongs to the last bin, as in numpy.histogram.
      const b = Math.min(n - 1, Math.floor((v - lo) / width));
      c[b]!++;
      total++;
    }
    totals.push(total);
    return c;
  });
  return { lo, hi, width, counts, totals };
}

export interface HistogramLayout extends LegendChartLayout {
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  binned: Binned;
  heights: number[][];
  legendEntries: LegendEntry[];
}

export function layoutHistogram(
  data: HistogramData,
  opts: HistogramOptions,
  size: Size,
  titleHeight: number,
): HistogramLayout {
  const markers = data.markers ?? [];
  const binned = binSeries(
    data.series,
    data.bins,
    data.domain,
    markers.map((m) => m.value),
  );
  const heights = binned.counts.map((c, s) => {
    const total = binned.totals[s] ?? 0;
    return opts.normalize ? c.map((v) => (total > 0 ? v / total : 0)) : c;
  });
  const showLegend = opts.legend ?? data.series.length > 1;
  const legendEntries: LegendEntry[] = showLegend
    ? data.series.map((s, i) => ({ label: s.name, color: s.color ?? categoryColor(i) }))
    : [];
  const max = d3.max(heights, (h) => d3.max(h)) ?? 0;
  const y = d3
    .scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice();
  const yTickLabels = y.ticks(6).map(y.tickFormat(6, opts.normalize ? '.0%' : undefined));
  // Marker labels sit above the plot (two rows when several may crowd), so reserve the room.
  const markerRoom = markers.length > 0 ? (FONT.label + 4) * (markers.length > 1 ? 2 : 1) : 0;
  const base = layoutWithLegend({
    size,
    titleHeight,
    entries: legendEntries,
    aboveHeight: markerRoom,
    yTickLabels,
    ...opts,
    // The default title is drawn too: its room is reserved, or it lands on the tick labels.
    yLabel: histogramYLabel(opts),
  });
  y.range([base.inner.height, 0]);
  const x = d3.scaleLinear().domain([binned.lo, binned.hi]).range([0, base.inner.width]);
  return { ...base, x, y, binned, heights, legendEntries };
}

export function histogramYLabel(opts: HistogramOptions): string {
  return opts.yLabel ?? (opts.normalize ? 'share' : 'count');
}

/** Closed step outline of one series' bins. */
export function stepPath(
  h: readonly number[],
  lo: number,
  width: number,
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  if (h.length === 0) return '';
  const y0 = sy(0);
  let d = `M${sx(lo)},${y0}`;
  h.forEach((v, b) => {
    const yv = sy(v);
    d += `V${yv}H${sx(lo + (b + 1) * width)}`;
  });
  return `${d}V${y0}Z`;
}

export function createHistogram(el: HTMLElement, opts: HistogramOptions = {}): Chart<HistogramData> {
  const frame = createFrame(el, opts, 'histogram');
  const axes = createAxes(frame.svg);
  const plot = frame.svg.append('g').attr('class', 'plot');
  const seriesG = plot.append('g').attr('class', 'series');
  const markerG = plot.append('g').attr('class', 'markers');
  const legendG = frame.svg.append('g').attr('class', 'legend');

  function render(data: HistogramData): void {
    const size = frame.measure();
    frame.setSize(size);
    const titleHeight = frame.setTitle(opts.title);
    const L = layoutHistogram(data, opts, size, titleHeight);
    if (L.height !== size.height) frame.setSize({ width: size.width, height: L.height });
    const yAxis = d3.axisLeft(L.y).ticks(tickCount(L.inner.height, 45), opts.normalize ? '.0%' : undefined);
    drawAxes(axes, L, d3.axisBottom(L.x).ticks(tickCount(L.inner.width, 90)), yAxis, {
      x: opts.xLabel,
      y: histogramYLabel(opts),
    });
    plot.attr('transform', `translate(${L.margin.left},${L.margin.top})`);
    legendG.attr('transform', legendOrigin(L.legend, L.margin.left, size.width, titleHeight));
    renderLegend(legendG, L.legendEntries, L.legend);

    const single = data.series.length === 1;
    const rows = data.series.map((s, i) => ({
      s,
      h: L.heights[i] ?? [],
      color: s.color ?? categoryColor(i),
    }));
    seriesG
      .selectAll<SVGPathElement, (typeof rows)[number]>('path.hist-series')
      .data(rows, (d) => d.s.name)
      .join((enter) =>
        enter
          .append('path')
          .attr('class', 'hist-series')
          .call((p) => p.append('title')),
      )
      .attr('fill', (d) => d.color)
      // Overlaid series need see-through fills; the outline carries the shape.
      .attr('fill-opacity', single ? 0.55 : 0.16)
      .attr('stroke', (d) => d.color)
      .attr('stroke-width', single ? 1 : STROKE.line - 0.5)
      .attr('data-name', (d) => d.s.name)
      .attr('d', (d) => stepPath(d.h, L.binned.lo, L.binned.width, L.x, L.y))
      .select('title')
      .text((d, i) => `${d.s.name}: ${L.binned.totals[i] ?? 0} values`);

    const markers = [...(data.markers ?? [])].sort((a, b) => a.value - b.value);
    let prevX = -Infinity;
    let row = 0;
    const placed = markers.map((m) => {
      const px = L.x(m.value);
      // Alternate label rows when markers crowd, so threshold names do not overprint.
      row = px - prevX < 90 ? 1 - row : 0;
      prevX = px;
      return { m, px, row };
    });
    const g = markerG
      .selectAll<SVGGElement, (typeof placed)[number]>('g.threshold')
      .data(placed)
      .join((enter) => {
        const t = enter.append('g').attr('class', 'threshold');
        t.append('line').attr('class', 'marker-line');
        t.append('text').attr('class', 'marker-label').attr('text-anchor', 'middle');
        return t;
      })
      .attr('transform', (d) => `translate(${d.px},0)`);
    g.select('line')
      .attr('y1', -4)
      .attr('y2', L.inner.height)
      .attr('stroke', COLORS.ink)
      .attr('stroke-width', STROKE.marker)
      .attr('stroke-dasharray', '5 4');
    g.select('text')
      .attr('y', (d) => -8 - d.row * (FONT.label + 2))
      .attr('font-size', FONT.label)
      .text((d) => d.m.label);

    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'Histogram'}${opts.xLabel ? ` of ${opts.xLabel}` : ''}: ` +
          `${data.series.map((s) => s.name).join(', ') || 'no data'}` +
          (markers.length ? `; markers ${markers.map((m) => m.label).join(', ')}` : ''),
    );
  }

  const initial: HistogramData = { series: [] };
  return chartHandle(render, initial, () => frame.destroy());
}
