/**
 * A grid of small I/Q constellation plots, one per sequence (the radio set's samples): each
 * complex sample is a dot at (I, Q), scaled per cell to ±2.5 × its RMS amplitude so a weak and a
 * strong signal read alike. What an image grid is for pictures: captions, kept / pruned borders
 * and hover. SVG only (one path of dots per cell), so it renders and tests without a canvas.
 */
import * as d3 from 'd3';
import { createFrame, textWidth } from './frame';
import { COLORS, FONT, categoryColor } from './theme';
import type { BaseOptions, Chart, NumArray } from './types';

export interface ConstellationGridData {
  /** Interleaved I/Q, row-major: sequence i occupies [i·2L, (i+1)·2L). */
  values: Float32Array;
  /** Complex samples per sequence (L). */
  length: number;
  /** Which sequences of `values` to show, in display order. */
  rows: NumArray;
  captions?: string[];
  /** Per cell border colour (kept / pruned); none when missing. */
  borders?: (string | null | undefined)[];
  /** Per cell dot colour group (e.g. the class); one colour when missing. */
  groups?: NumArray;
  /** What hover reports per cell; defaults to `rows`. */
  ids?: NumArray;
}

export interface ConstellationGridOptions extends BaseOptions {
  /** Plot side in px (default 64). */
  cell?: number;
  columns?: number;
  gap?: number;
  onHover?: (row: number | null) => void;
}

const BORDER = 3;
const DOT = 1.1;

/** SVG path of dots for one sequence inside a `side`-pixel square. */
export function constellationPath(
  values: Float32Array,
  offset: number,
  length: number,
  side: number,
): string {
  if (offset < 0 || offset + 2 * length > values.length) return '';
  let power = 0;
  for (let j = 0; j < 2 * length; j++) power += values[offset + j]! ** 2;
  const rms = Math.sqrt(power / length) || 1;
  const half = side / 2;
  const k = half / (2.5 * rms);
  const parts: string[] = [];
  for (let n = 0; n < length; n++) {
    const x = half + Math.max(-half, Math.min(half, values[offset + 2 * n]! * k));
    const y = half - Math.max(-half, Math.min(half, values[offset + 2 * n + 1]! * k));
    parts.push(`M${(x - DOT).toFixed(1)},${y.toFixed(1)}h${2 * DOT}`);
  }
  return parts.join('');
}

export function createConstellationGrid(
  el: HTMLElement,
  opts: ConstellationGridOptions = {},
): Chart<ConstellationGridData> {
  const frame = createFrame(el, opts, 'constellation-grid');
  const cellsG = frame.svg.append('g').attr('class', 'cells');
  let last: ConstellationGridData = { values: new Float32Array(0), length: 0, rows: [] };

  function render(data: ConstellationGridData): void {
    last = data;
    const side = opts.cell ?? 64;
    const gap = opts.gap ?? 8;
    const captionH = data.captions ? FONT.caption + 6 : 0;
    const cw = side + 2 * BORDER;
    const ch = side + 2 * BORDER + captionH;
    const n = data.rows.length;
    // Columns are as wide as the widest caption ("16QAM −10 dB" is wider than a cell), so
    // neighbouring captions never overprint; the cell sits centred in its column.
    const widest = Math.max(0, ...(data.captions ?? []).map((c) => textWidth(c, FONT.caption)));
    const pitch = Math.max(cw, Math.ceil(widest) + 6);
    const fit = Math.max(1, Math.floor((frame.measure().width + gap) / (pitch + gap)));
    const columns = Math.max(1, Math.min(opts.columns ?? fit, Math.max(1, n)));
    const lines = Math.ceil(n / columns);
    frame.setSize({
      width: Math.max(1, columns * pitch + (columns - 1) * gap),
      height: Math.max(1, lines * ch + Math.max(0, lines - 1) * gap),
    });
    const cells = d3.range(n).map((k) => ({
      k,
      x: (k % columns) * (pitch + gap) + (pitch - cw) / 2,
      y: Math.floor(k / columns) * (ch + gap),
      d: constellationPath(data.values, data.rows[k]! * 2 * data.length, data.length, side),
      caption: data.captions?.[k],
      border: data.borders?.[k] ?? null,
      color: data.groups ? categoryColor(data.groups[k]!) : COLORS.ink,
      id: data.ids?.[k] ?? data.rows[k]!,
    }));
    const g = cellsG
      .selectAll<SVGGElement, (typeof cells)[number]>('g.cell')
      .data(cells)
      .join((enter) => {
        const c = enter.append('g').attr('class', 'cell');
        c.append('rect').attr('class', 'plot-bg');
        c.append('path').attr('class', 'axes').attr('stroke', COLORS.grid).attr('fill', 'none');
        c.append('path')
          .attr('class', 'dots')
          .attr('fill', 'none')
          .attr('stroke-width', 2 * DOT)
          .attr('stroke-linecap', 'round');
        c.append('rect').attr('class', 'cell-border').attr('fill', 'none');
        c.append('text').attr('class', 'caption').attr('text-anchor', 'middle');
        return c;
      })
      .attr('transform', (d) => `translate(${d.x},${d.y})`)
      .on('mouseenter', (_, d) => opts.onHover?.(d.id))
      .on('mouseleave', () => opts.onHover?.(null));
    g.select('rect.plot-bg')
      .attr('fill', COLORS.plotBg)
      .attr('x', BORDER)
      .attr('y', BORDER)
      .attr('width', side)
      .attr('height', side);
    g.select('path.axes').attr(
      'd',
      `M${BORDER},${BORDER + side / 2}h${side}M${BORDER + side / 2},${BORDER}v${side}`,
    );
    g.select('path.dots')
      .attr('transform', `translate(${BORDER},${BORDER})`)
      .attr('stroke', (d) => d.color)
      .attr('d', (d) => d.d);
    g.select('rect.cell-border')
      .attr('x', BORDER / 2)
      .attr('y', BORDER / 2)
      .attr('width', cw - BORDER)
      .attr('height', ch - captionH - BORDER)
      .attr('stroke', (d) => d.border ?? 'none')
      .attr('stroke-width', BORDER)
      .attr('display', (d) => (d.border ? null : 'none'));
    g.select('text.caption')
      .attr('x', cw / 2)
      .attr('y', ch - 3)
      .attr('font-size', FONT.caption)
      .attr('display', (d) => (d.caption === undefined ? 'none' : null))
      .text((d) => d.caption ?? '');
    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'Constellations'}: ${n} I/Q sequences of ${data.length} samples, I across, Q up`,
    );
  }

  render(last);
  return {
    update: render,
    resize: () => render(last),
    destroy: () => frame.destroy(),
  };
}
