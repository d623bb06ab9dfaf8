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
