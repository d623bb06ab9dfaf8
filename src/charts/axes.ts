/** Axes and axis titles on the shared frame, styled once here for projector legibility. */
import * as d3 from 'd3';
import { COLORS, FONT } from './theme';
import { textWidth, type CartesianLayout, type GSel, type SvgSel } from './frame';
import type { NumArray } from './types';

export interface Axes {
  gx: GSel;
  gy: GSel;
  xLabel: d3.Selection<SVGTextElement, unknown, null, undefined>;
  yLabel: d3.Selection<SVGTextElement, unknown, null, undefined>;
}

export function createAxes(svg: SvgSel): Axes {
  // Axes go first so marks, which are appended later, draw over the grid lines.
  const gx = svg.append('g').attr('class', 'axis x-axis');
  const gy = svg.append('g').attr('class', 'axis y-axis');
  const xLabel = svg.append('text').attr('class', 'axis-label x-label').attr('text-anchor', 'middle');
  const yLabel = svg.append('text').attr('class', 'axis-label y-label').attr('text-anchor', 'middle');
  return { gx, gy, xLabel, yLabel };
}

export interface AxisTitles {
  x?: string | undefined;
  y?: string | undefined;
  /** Height taken by the x tick labels (more when they are rotated). */
  xTickHeight?: number;
  /** Horizontal grid lines from the y ticks; they help read values from the back of a room. */
  grid?: boolean;
}

export function drawAxes<X extends d3.AxisDomain, Y extends d3.AxisDomain>(
  axes: Axes,
  layout: CartesianLayout,
  xAxis: d3.Axis<X>,
  yAxis: d3.Axis<Y>,
  titles: AxisTitles,
): void {
  const { margin, inner } = layout;
  // Outer ticks would become full-width lines at the domain ends that read as data.
  if (titles.grid !== false) yAxis.tickSize(-inner.width).tickSizeOuter(0).tickPadding(8);
  axes.gx.attr('transform', `translate(${margin.left},${margin.top + inner.height})`).call(xAxis);
  axes.gy.attr('transform', `translate(${margin.left},${margin.top})`).call(yAxis);
  for (const g of [axes.gx, axes.gy]) {
    // d3-axis writes font-size 10 and its own font-family on first call; take them back.
    g.attr('font-size', FONT.tick).attr('font-family', null);
    g.select('.domain').attr('stroke', COLORS.muted);
    g.selectAll('.tick text').attr('fill', COLORS.ink);
  }
  axes.gx.selectAll('.tick line').attr('stroke', COLORS.muted);
  axes.gy.selectAll('.tick line').attr('stroke', titles.grid === false ? COLORS.muted : COLORS.grid);

  const xTickHeight = titles.xTickHeight ?? FONT.tick + 12;
  axes.xLabel
    .attr('x', margin.left + inner.width / 2)
    .attr('y', margin.top + inner.height + xTickHeight + FONT.label)
    .attr('font-size', FONT.label)
    .attr('display', titles.x ? null : 'none')
    .text(titles.x ?? '');
  axes.yLabel
    .attr('transform', `translate(${FONT.label},${margin.top + inner.height / 2}) rotate(-90)`)
    .attr('font-size', FONT.label)
    .attr('display', titles.y ? null : 'none')
    // Never longer than the plot is tall: it would run into the title or the x axis.
    .text(fitText(titles.y ?? '', inner.height + 8, FONT.label));
}

/** `text`, cut with "…" to about `pixels` wide at `fontSize` (estimated glyph widths). */
export function fitText(text: string, pixels: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= pixels) return text;
  const room = Math.max(1, Math.floor(pixels / (fontSize * 0.6)) - 1);
  return `${text.slice(0, room).trimEnd()}…`;
}

/** Tick count that keeps labels apart at projector font sizes. */
export function tickCount(pixels: number, spacing: number): number {
  return Math.max(2, Math.floor(pixels / spacing));
}

/** [min, max] of the values for a linear domain; one value widens to ±1, none gives [0, 1]. */
export function paddedExtent(a: NumArray): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [0, 1];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}
