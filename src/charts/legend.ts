/** A wrapping SVG legend: layout (pure) apart from drawing, so charts can reserve its height. */
import * as d3 from 'd3';
import { FONT, STROKE } from './theme';
import {
  layoutCartesian,
  textWidth,
  type CartesianLayout,
  type CartesianLayoutInput,
  type GSel,
} from './frame';

export type SwatchKind = 'line' | 'dashed' | 'rect' | 'dot' | 'ring';

export interface LegendEntry {
  label: string;
  color: string;
  swatch?: SwatchKind;
}

export interface LegendLayout {
  positions: { x: number; y: number }[];
  height: number;
  /** Set when the legend sits in columns right of the plot: the width it takes there. */
  side?: number;
  /** Set when rows above the plot start at the chart's left edge (they did not fit beside the y axis). */
  edge?: boolean;
}

const SWATCH = 18;
const GAP = 16;
const ROW = FONT.legend + 8;
/** Left inset of a legend that starts at the chart's edge (the title's inset). */
const EDGE = 4;

/**
 * The narrowest plot a legend at the side may leave. Below it the ROC's ticks (0.0–1.0) crowd
 * and its Youden labels (~100 px each) no longer fit two across; 200 px is also about the plot
 * height of a chart at its default height, so a side legend never leaves a plot much narrower
 * than tall. Wider than that, the legend goes above in rows and the chart grows to fit them.
 */
export const MIN_PLOT_WIDTH = 200;
/**
 * The shortest plot a chart keeps under its title, legend rows and marker labels: what a chart
 * at the default 250 px host gets with a one-line title, a one-row legend and an x-axis title (~139 px). Rows
 * beyond that make the chart taller instead of the plot shorter.
 */
export const MIN_PLOT_HEIGHT = 135;

export function layoutLegend(entries: readonly LegendEntry[], width: number): LegendLayout {
  if (entries.length === 0) return { positions: [], height: 0 };
  const positions: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const e of entries) {
    const w = entryWidth(e);
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW;
    }
    positions.push({ x, y });
    x += w + GAP;
  }
  return { positions, height: y + ROW };
}

function entryWidth(e: LegendEntry): number {
  return SWATCH + 6 + textWidth(e.label, FONT.legend);
}

/**
 * Where a legend goes, for a chart `width` × `height` (below the title) whose axes take
 * `axesWidth` of the width (left + right margins):
 * 1. one row above the plot, starting at the y axis, when it fits there;
 * 2. rows above the plot from the chart's left edge while they take at most a quarter of the
 *    height (two rows at least);
 * 3. columns right of the plot when they take at most half the width and leave the plot at
 *    least MIN_PLOT_WIDTH wide;
 * 4. else rows above the plot anyway (the chart grows taller to keep its plot, see
 *    layoutWithLegend).
 */
export function fitLegend(
  entries: readonly LegendEntry[],
  width: number,
  height: number,
  axesWidth = 60,
): LegendLayout {
  const atAxis = layoutLegend(entries, width - axesWidth);
  if (atAxis.height <= ROW) return atAxis;
  // No inset on the right: the width estimate runs wide (0.6 em a glyph), so rows do not touch it.
  const top: LegendLayout = { ...layoutLegend(entries, width - EDGE), edge: true };
  if (top.height <= Math.max(2 * ROW, height * 0.25)) return top;
  const colWidth = Math.max(...entries.map(entryWidth));
  const perColumn = Math.max(1, Math.floor((height - 10) / ROW));
  const columns = Math.ceil(entries.length / perColumn);
  const side = columns * (colWidth + GAP);
  if (side > width * 0.5 || width - axesWidth - side < MIN_PLOT_WIDTH) return top;
  return {
    positions: entries.map((_, i) => ({
      x: Math.floor(i / perColumn) * (colWidth + GAP),
      y: (i % perColumn) * ROW,
    })),
    height: 0,
    side,
  };
}

export interface LegendChartInput extends Omit<CartesianLayoutInput, 'legendHeight'> {
  entries: readonly LegendEntry[];
  /** Room above the plot besides the legend (a histogram's marker labels). */
  aboveHeight?: number;
}

export interface LegendChartLayout extends CartesianLayout {
  legend: LegendLayout;
  /** The chart's height: the host's, or more where the plot would be shorter than its minimum. */
  height: number;
}

/**
 * The shared placement for every chart with a legend: margins from the axes, the legend placed
 * by fitLegend, and a chart that grows taller (its plot does not shrink) for legend rows beyond
 * the first, and for a wrapped title or marker labels that would leave the plot under
 * MIN_PLOT_HEIGHT.
 */
export function layoutWithLegend(p: LegendChartInput): LegendChartLayout {
  const above = p.aboveHeight ?? 0;
  const bare = layoutCartesian({ ...p, legendHeight: above });
  const axesWidth = bare.margin.left + bare.margin.right;
  const legend = fitLegend(p.entries, p.size.width, p.size.height - p.titleHeight, axesWidth);
  const base = layoutCartesian({ ...p, legendHeight: legend.height + above });
  if (legend.side) {
    base.margin.right += legend.side;
    base.inner.width = Math.max(10, base.inner.width - legend.side);
  }
  // Rows beyond the first add to the chart's height: the plot keeps the height it has under a
  // one-row legend, and never less than MIN_PLOT_HEIGHT.
  const vertical = base.margin.top + base.margin.bottom;
  const extraRows = Math.max(0, legend.height - ROW);
  const least = Math.max(MIN_PLOT_HEIGHT, p.size.height - vertical + extraRows);
  const height = Math.max(p.size.height, Math.ceil(vertical + least));
  base.inner.height = Math.max(10, height - vertical);
  return { ...base, legend, height };
}

/** Where the legend group goes: above the plot (at the y axis or the left edge), or at the right. */
export function legendOrigin(
  layout: LegendLayout,
  plotLeft: number,
  chartWidth: number,
  titleHeight: number,
): string {
  if (layout.side) return `translate(${chartWidth - layout.side},${titleHeight + 6})`;
  return `translate(${layout.edge ? EDGE : plotLeft},${titleHeight + 2})`;
}

/** Draws `entries` into `g` (translated by the caller); one g.legend-entry per entry. */
export function renderLegend(g: GSel, entries: readonly LegendEntry[], layout: LegendLayout): void {
  const items = g
    .selectAll<SVGGElement, LegendEntry>('g.legend-entry')
    .data(entries, (d) => d.label)
    .join((enter) => {
      const item = enter.append('g').attr('class', 'legend-entry');
      item.append('g').attr('class', 'legend-swatch');
      item
        .append('text')
        .attr('class', 'legend-label')
        .attr('x', SWATCH + 6)
        .attr('y', ROW / 2)
        .attr('dy', '0.35em')
        .attr('font-size', FONT.legend);
      return item;
    });
  items.attr('transform', (_, i) => {
    const p = layout.positions[i] ?? { x: 0, y: 0 };
    return `translate(${p.x},${p.y})`;
  });
  items.select('text').text((d) => d.label);
  items.select<SVGGElement>('g.legend-swatch').each(function (d) {
    drawSwatch(this, d);
  });
}

function drawSwatch(node: SVGGElement, d: LegendEntry): void {
  const g = d3.select(node);
  g.selectAll('*').remove();
  const cy = ROW / 2;
  const kind = d.swatch ?? 'rect';
  if (kind === 'line' || kind === 'dashed') {
    g.append('line')
      .attr('x1', 0)
      .attr('x2', SWATCH)
      .attr('y1', cy)
      .attr('y2', cy)
      .attr('stroke', d.color)
      .attr('stroke-width', STROKE.line + 0.75)
      .attr('stroke-dasharray', kind === 'dashed' ? '5 3' : null);
  } else if (kind === 'dot' || kind === 'ring') {
    g.append('circle')
      .attr('cx', SWATCH / 2)
      .attr('cy', cy)
      .attr('r', 5)
      .attr('fill', kind === 'dot' ? d.color : 'none')
      .attr('stroke', d.color)
      .attr('stroke-width', kind === 'ring' ? STROKE.ring : 0);
  } else {
    g.append('rect')
      .attr('x', 2)
      .attr('y', cy - 6)
      .attr('width', SWATCH - 4)
      .attr('height', 12)
      .attr('fill', d.color);
  }
}
