/**
 * The teaching scatter: toy 2-D points with the greedy picks numbered in order, a link from every
 * point to the pick that covers it, a disk around each pick for the region it covers, point
 * opacity for how well a point is covered and point size for a density weight (SubZeroCore), so
 * a learner sees coverage and density side by side. All SVG (≤ 2000 points), equal units on both
 * axes so the disks stay round.
 */
import * as d3 from 'd3';
import { createAxes, drawAxes, paddedExtent, tickCount } from './axes';
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

export interface TeachChartData {
  x: NumArray;
  y: NumArray;
  /** Class per point, for colour. */
  group?: NumArray;
  groupNames?: string[];
  /** Point indices of the picks made so far, in pick order. */
  picks: NumArray;
  /** Per point: the position in `picks` of its covering pick; -1 (or absent) for none. */
  assign?: NumArray;
  /** Per point, how well it is covered in [0, 1]: drawn as opacity. */
  coverage?: NumArray;
  /** Per point density weight in [0, 1]: drawn as size. */
  weights?: NumArray;
  /** Radius (data units) of the disk drawn around every pick. */
  regionRadius?: number;
  regionLabel?: string;
}

export interface TeachChartOptions extends BaseOptions {
  xLabel?: string;
  yLabel?: string;
}

export interface TeachLayout extends LegendChartLayout {
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  legendEntries: LegendEntry[];
}

const BASE_R = 3.5;

export function teachLegend(data: TeachChartData): LegendEntry[] {
  const out: LegendEntry[] = (data.groupNames ?? []).map((label, i) => ({
    label,
    color: categoryColor(i),
    swatch: 'dot',
  }));
  out.push({ label: 'pick (numbered)', color: COLORS.highlight, swatch: 'ring' });
  if (data.regionRadius)
    out.push({ label: data.regionLabel ?? 'covered region', color: COLORS.muted, swatch: 'rect' });
  return out;
}

/** Scales with the same pixels per unit on both axes, centred in the plot area. */
export function layoutTeach(
  data: TeachChartData,
  size: Size,
  titleHeight: number,
  opts: TeachChartOptions,
): TeachLayout {
  const legendEntries = teachLegend(data);
  const [x0, x1] = paddedExtent(data.x);
  const [y0, y1] = paddedExtent(data.y);
  const pad = 0.05 * Math.max(x1 - x0, y1 - y0);
  const ticks = d3
    .scaleLinear()
    .domain([y0 - pad, y1 + pad])
    .ticks(6)
    .map(String);
  const base = layoutWithLegend({ size, titleHeight, entries: legendEntries, yTickLabels: ticks, ...opts });
  const { width, height } = base.inner;
  const unit = Math.min(width / (x1 - x0 + 2 * pad), height / (y1 - y0 + 2 * pad));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const x = d3
    .scaleLinear()
    .domain([cx - width / 2 / unit, cx + width / 2 / unit])
    .range([0, width]);
  const y = d3
    .scaleLinear()
    .domain([cy - height / 2 / unit, cy + height / 2 / unit])
    .range([height, 0]);
  return { ...base, x, y, legendEntries };
}

export function createTeachChart(el: HTMLElement, opts: TeachChartOptions = {}): Chart<TeachChartData> {
  const frame = createFrame(el, opts, 'teach');
  const axes = createAxes(frame.svg);
  const plot = frame.svg.append('g').attr('class', 'plot');
  const regions = plot.append('g').attr('class', 'regions');
  const links = plot.append('g').attr('class', 'links');
  const points = plot.append('g').attr('class', 'points');
  const picksG = plot.append('g').attr('class', 'picks');
  const legendG = frame.svg.append('g').attr('class', 'legend');

  function render(data: TeachChartData): void {
    const size = frame.measure();
    frame.setSize(size);
    const titleHeight = frame.setTitle(opts.title);
    const L = layoutTeach(data, size, titleHeight, opts);
    if (L.height !== size.height) frame.setSize({ width: size.width, height: L.height });
    drawAxes(
      axes,
      L,
      d3.axisBottom(L.x).ticks(tickCount(L.inner.width, 90)),
      d3.axisLeft(L.y).ticks(tickCount(L.inner.height, 45)),
      { x: opts.xLabel, y: opts.yLabel, grid: false },
    );
    plot.attr('transform', `translate(${L.margin.left},${L.margin.top})`);
    legendG.attr('transform', legendOrigin(L.legend, L.margin.left, size.width, titleHeight));
    renderLegend(legendG, L.legendEntries, L.legend);

    const n = Math.min(data.x.length, data.y.length);
    const px = (i: number) => L.x(data.x[i]!);
    const py = (i: number) => L.y(data.y[i]!);
    const picks = Array.from(data.picks).filter((p) => p >= 0 && p < n);
    const isPick = new Set(picks);
    const colorOf = (i: number) => categoryColor(data.group ? (data.group[i] ?? 0) : 0);
    const regionPx = data.regionRadius ? Math.abs(L.x(data.regionRadius) - L.x(0)) : 0;

    regions
      .selectAll<SVGCircleElement, number>('circle.region')
      .data(regionPx > 0 ? picks : [])
      .join('circle')
      .attr('class', 'region')
      .attr('cx', px)
      .attr('cy', py)
      .attr('r', regionPx)
      .attr('fill', COLORS.muted)
      .attr('fill-opacity', 0.08)
      .attr('stroke', COLORS.muted)
      .attr('stroke-opacity', 0.35);

    const linked: number[] = [];
    if (data.assign)
      for (let i = 0; i < n; i++) if ((data.assign[i] ?? -1) >= 0 && !isPick.has(i)) linked.push(i);
    links
      .selectAll<SVGLineElement, number>('line.link')
      .data(linked)
      .join('line')
      .attr('class', 'link')
      .attr('x1', px)
      .attr('y1', py)
      .attr('x2', (i) => px(picks[data.assign![i]!] ?? i))
      .attr('y2', (i) => py(picks[data.assign![i]!] ?? i))
      .attr('stroke', (i) => colorOf(picks[data.assign![i]!] ?? i))
      .attr('stroke-opacity', 0.3)
      .attr('stroke-width', 1);

    const rOf = (i: number) =>
      data.weights ? BASE_R * (0.45 + 1.1 * Math.max(0, Math.min(1, data.weights[i]!))) : BASE_R;
    points
      .selectAll<SVGCircleElement, number>('circle.point')
      .data(d3.range(n))
      .join('circle')
      .attr('class', 'point')
      .attr('cx', px)
      .attr('cy', py)
      .attr('r', rOf)
      .attr('fill', colorOf)
      .attr('fill-opacity', (i) =>
        data.coverage ? 0.2 + 0.8 * Math.max(0, Math.min(1, data.coverage[i]!)) : 0.85,
      );

    const last = picks.length - 1;
    const pick = picksG
      .selectAll<SVGGElement, number>('g.pick')
      .data(picks)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'pick');
        g.append('circle').attr('class', 'pick-ring').attr('fill', COLORS.background);
        g.append('text').attr('class', 'pick-label').attr('text-anchor', 'middle').attr('dy', '0.35em');
        return g;
      })
      .attr('transform', (i) => `translate(${px(i)},${py(i)})`)
      .classed('latest', (_, q) => q === last);
    pick
      .select('circle.pick-ring')
      .attr('r', (_, q) => (q === last ? 11 : 9))
      .attr('stroke', (_, q) => (q === last ? COLORS.hover : COLORS.highlight))
      .attr('stroke-width', (_, q) => (q === last ? 3 : STROKE.ring));
    pick
      .select('text.pick-label')
      .attr('font-size', FONT.caption)
      .attr('font-weight', 600)
      .text((_, q) => String(q + 1));

    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'Greedy selection'}: ${n} points, ${picks.length} picks` +
          (picks.length ? `, latest pick point ${picks[last]}` : '') +
          (data.weights ? ', point size shows density weight' : ''),
    );
  }

  return chartHandle(render, { x: [], y: [], picks: [] }, () => frame.destroy());
}
