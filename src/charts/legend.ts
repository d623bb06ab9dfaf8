/** A wrapping SVG legend: layout (pure) apart from drawing, so charts can reserve its height. */
import * as d3 from 'd3';
import { FONT, STROKE } from './theme';
import { textWidth, type GSel } from './frame';

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
}

const SWATCH = 18;
const GAP = 16;
const ROW = FONT.legend + 8;

export function layoutLegend(entries: readonly LegendEntry[], width: number): LegendLayout {
  if (entries.length === 0) return { positions: [], height: 0 };
  const positions: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const e of entries) {
    const w = SWATCH + 6 + textWidth(e.label, FONT.legend);
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW;
    }
    positions.push({ x, y });
    x += w + GAP;
  }
  return { positions, height: y + ROW };
}

/**
 * A legend that never crushes the plot: above it while it takes at most a quarter of the height
 * (two rows at least), else in columns at the right (at most half the width), else above anyway.
 */
export function fitLegend(entries: readonly LegendEntry[], width: number, height: number): LegendLayout {
  const top = layoutLegend(entries, width - 60);
  if (top.height <= Math.max(2 * ROW, height * 0.25)) return top;
  const colWidth = Math.max(...entries.map((e) => SWATCH + 6 + textWidth(e.label, FONT.legend)));
  const perColumn = Math.max(1, Math.floor((height - 10) / ROW));
  const columns = Math.ceil(entries.length / perColumn);
  const side = columns * (colWidth + GAP);
  if (side > width * 0.5) return top;
  return {
    positions: entries.map((_, i) => ({
      x: Math.floor(i / perColumn) * (colWidth + GAP),
      y: (i % perColumn) * ROW,
    })),
    height: 0,
    side,
  };
}

/** Where the legend group goes: above the plot at its left edge, or at the right. */
export function legendOrigin(
  layout: LegendLayout,
  plotLeft: number,
  chartWidth: number,
  titleHeight: number,
): string {
  return layout.side
    ? `translate(${chartWidth - layout.side},${titleHeight + 6})`
    : `translate(${plotLeft},${titleHeight + 2})`;
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
