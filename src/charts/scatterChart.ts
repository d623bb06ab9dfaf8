/**
 * Scatter of up to ~100k points: points on <canvas> (SVG would need one node each), axes, picks
 * (as rings, while few enough) and the hover ring in SVG. Hover finds the nearest point with a
 * quadtree over pixel positions, built on first hover and dropped on update or resize.
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
import { categoryColor, COLORS, STROKE } from './theme';
import { chartHandle, type BaseOptions, type Chart, type NumArray, type Size } from './types';

export interface ScatterData {
  x: NumArray;
  y: NumArray;
  /** Category per point (class, cluster), for colour. */
  group?: NumArray;
  groupNames?: string[];
  /** Rows drawn with a ring on top (the picks). */
  highlight?: NumArray;
  highlightLabel?: string;
  /** Kept rows; when given, every other point is drawn small and grey as "pruned". */
  keptRows?: NumArray;
}

export interface ScatterOptions extends BaseOptions {
  xLabel?: string;
  yLabel?: string;
  /** Point radius in CSS pixels; by default smaller as the count grows. */
  radius?: number;
  /** Above this many highlights the rings go onto the canvas instead of into the SVG. */
  ringLimit?: number;
  legend?: boolean;
  /** Nearest point under the pointer (dataset row), or null when the pointer leaves. */
  onHover?: (row: number | null) => void;
}

export interface ScatterChart extends Chart<ScatterData> {
  /** Row nearest to (px, py) in plot pixels within `radius`, or null. */
  nearest(px: number, py: number, radius?: number): number | null;
}

export interface ScatterLayout extends LegendChartLayout {
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  legendEntries: LegendEntry[];
}

const HOVER_RADIUS = 24;

export function scatterLegend(data: ScatterData): LegendEntry[] {
  const entries: LegendEntry[] = (data.groupNames ?? []).map((label, i) => ({
    label,
    color: categoryColor(i),
    swatch: 'dot',
  }));
  if (data.keptRows) entries.push({ label: 'pruned', color: COLORS.pruned, swatch: 'dot' });
  if (data.highlight && data.highlight.length > 0)
    entries.push({ label: data.highlightLabel ?? 'highlighted', color: COLORS.highlight, swatch: 'ring' });
  return entries;
}

export function layoutScatter(
  data: ScatterData,
  opts: ScatterOptions,
  size: Size,
  titleHeight: number,
): ScatterLayout {
  const legendEntries = opts.legend === false ? [] : scatterLegend(data);
  const y = d3.scaleLinear().domain(paddedExtent(data.y)).nice();
  const yTickLabels = y.ticks(6).map(y.tickFormat(6));
  const base = layoutWithLegend({ size, titleHeight, entries: legendEntries, yTickLabels, ...opts });
  y.range([base.inner.height, 0]);
  const x = d3.scaleLinear().domain(paddedExtent(data.x)).nice().range([0, base.inner.width]);
  return { ...base, x, y, legendEntries };
}

/** Pixel positions, computed once per layout and shared by drawing and hit-testing. */
export function project(data: ScatterData, L: ScatterLayout): { px: Float32Array; py: Float32Array } {
  const n = Math.min(data.x.length, data.y.length);
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = L.x(data.x[i]!);
    py[i] = L.y(data.y[i]!);
  }
  return { px, py };
}

export function defaultRadius(n: number): number {
  return n > 20_000 ? 1.5 : n > 5_000 ? 2 : n > 500 ? 2.75 : 3.5;
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  data: ScatterData,
  pos: { px: Float32Array; py: Float32Array },
  r: number,
): void {
  const n = pos.px.length;
  let kept: Uint8Array | null = null;
  if (data.keptRows) {
    kept = new Uint8Array(n);
    for (let i = 0; i < data.keptRows.length; i++) kept[data.keptRows[i]!] = 1;
    ctx.fillStyle = COLORS.pruned;
    fillDots(ctx, pos, r * 0.8, (i) => kept![i] === 0);
  }
  // One path per colour: 60k arcs in ten fills instead of 60k fills.
  const groups = new Set<number>();
  for (let i = 0; i < n; i++) groups.add(data.group ? (data.group[i] ?? 0) : 0);
  for (const g of [...groups].sort((a, b) => a - b)) {
    ctx.fillStyle = categoryColor(g);
    fillDots(ctx, pos, r, (i) => (data.group ? data.group[i] : 0) === g && (!kept || kept[i] === 1));
  }
}

function fillDots(
  ctx: CanvasRenderingContext2D,
  pos: { px: Float32Array; py: Float32Array },
  r: number,
  take: (i: number) => boolean,
): void {
  ctx.beginPath();
  for (let i = 0; i < pos.px.length; i++) {
    if (!take(i)) continue;
    const x = pos.px[i]!;
    const y = pos.py[i]!;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
  ctx.fill();
}

export function createScatterChart(el: HTMLElement, opts: ScatterOptions = {}): ScatterChart {
  const frame = createFrame(el, opts, 'scatter', true);
  const axes = createAxes(frame.svg);
  const plot = frame.svg.append('g').attr('class', 'plot');
  const rings = plot.append('g').attr('class', 'rings');
  const hoverRing = plot.append('circle').attr('class', 'hover-ring').attr('display', 'none');
  const target = plot.append('rect').attr('class', 'hover-target').attr('fill', 'transparent');
  const legendG = frame.svg.append('g').attr('class', 'legend');
  let layout: ScatterLayout | null = null;
  let pos: { px: Float32Array; py: Float32Array } = { px: new Float32Array(0), py: new Float32Array(0) };
  let tree: d3.Quadtree<number> | null = null;

  function render(data: ScatterData): void {
    const size = frame.measure();
    frame.setSize(size);
    const titleHeight = frame.setTitle(opts.title);
    const L = layoutScatter(data, opts, size, titleHeight);
    if (L.height !== size.height) frame.setSize({ width: size.width, height: L.height });
    layout = L;
    pos = project(data, L);
    tree = null;
    drawAxes(
      axes,
      L,
      d3.axisBottom(L.x).ticks(tickCount(L.inner.width, 90)),
      d3.axisLeft(L.y).ticks(tickCount(L.inner.height, 45)),
      { x: opts.xLabel, y: opts.yLabel },
    );
    plot.attr('transform', `translate(${L.margin.left},${L.margin.top})`);
    target.attr('width', L.inner.width).attr('height', L.inner.height);
    legendG.attr('transform', legendOrigin(L.legend, L.margin.left, size.width, titleHeight));
    renderLegend(legendG, L.legendEntries, L.legend);
    hoverRing.attr('display', 'none');

    const r = opts.radius ?? defaultRadius(pos.px.length);
    const picks = Array.from(data.highlight ?? []).filter((i) => i >= 0 && i < pos.px.length);
    const ringsInSvg = picks.length <= (opts.ringLimit ?? 1500);
    rings
      .attr('data-count', picks.length)
      .selectAll<SVGCircleElement, number>('circle.ring')
      .data(ringsInSvg ? picks : [])
      .join('circle')
      .attr('class', 'ring')
      .attr('cx', (i) => pos.px[i]!)
      .attr('cy', (i) => pos.py[i]!)
      .attr('r', r + 3)
      .attr('fill', 'none')
      .attr('stroke', COLORS.highlight)
      .attr('stroke-width', STROKE.ring);

    const ctx = frame.context2d();
    if (ctx) {
      ctx.save();
      ctx.translate(L.margin.left, L.margin.top);
      ctx.beginPath();
      ctx.rect(-r, -r, L.inner.width + 2 * r, L.inner.height + 2 * r);
      ctx.clip();
      drawPoints(ctx, data, pos, r);
      if (!ringsInSvg) {
        ctx.strokeStyle = COLORS.highlight;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (const i of picks) {
          ctx.moveTo(pos.px[i]! + r + 2, pos.py[i]!);
          ctx.arc(pos.px[i]!, pos.py[i]!, r + 2, 0, Math.PI * 2);
        }
        ctx.stroke();
      }
      ctx.restore();
    }

    const groups = data.groupNames?.length ?? 0;
    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'Scatter plot'}: ${pos.px.length} points` +
          (groups ? ` in ${groups} groups` : '') +
          (picks.length ? `, ${picks.length} ${data.highlightLabel ?? 'highlighted'} ringed` : '') +
          (data.keptRows ? `, ${data.keptRows.length} kept` : ''),
    );
  }

  function nearest(px: number, py: number, radius = HOVER_RADIUS): number | null {
    if (!tree) {
      const p = pos;
      tree = d3
        .quadtree<number>()
        .x((i) => p.px[i]!)
        .y((i) => p.py[i]!)
        .addAll(d3.range(p.px.length));
    }
    return tree.find(px, py, radius) ?? null;
  }

  target.on('pointermove', (event: PointerEvent) => {
    if (!layout) return;
    // Relative to the svg, then the margin: the same arithmetic whether or not the browser
    // resolves the plot group's transform (jsdom does not).
    const [mx, my] = d3.pointer(event, frame.svg.node());
    const row = nearest(mx - layout.margin.left, my - layout.margin.top);
    hoverRing
      .attr('display', row === null ? 'none' : null)
      .attr('cx', row === null ? 0 : pos.px[row]!)
      .attr('cy', row === null ? 0 : pos.py[row]!)
      .attr('r', (opts.radius ?? defaultRadius(pos.px.length)) + 5)
      .attr('fill', 'none')
      .attr('stroke', COLORS.hover)
      .attr('stroke-width', 2.5);
    opts.onHover?.(row);
  });
  target.on('pointerleave', () => {
    hoverRing.attr('display', 'none');
    opts.onHover?.(null);
  });

  const initial: ScatterData = { x: [], y: [] };
  return chartHandle(
    render,
    initial,
    () => {
      target.on('pointermove', null).on('pointerleave', null);
      frame.destroy();
      tree = null;
    },
    { nearest },
  );
}
