/**
 * A grid of small images (MNIST- or CIFAR-sized, grey or colour) on one <canvas>, scaled by an integer factor with
 * smoothing off so every source pixel stays a crisp square. Captions, kept/pruned borders and the
 * hover box live in an SVG overlay: legible text, and testable without a canvas.
 */
import * as d3 from 'd3';
import { createFrame } from './frame';
import { COLORS, FONT } from './theme';
import type { BaseOptions, Chart, NumArray } from './types';

export interface ImageGridData {
  /** Bytes, row-major, channels interleaved: image i occupies [i·w·h·c, (i+1)·w·h·c). */
  pixels: Uint8Array;
  width: number;
  height: number;
  /** 1 (grayscale, the default) or 3 (R, G, B). */
  channels?: number;
  /** Which images of `pixels` to show, in display order. */
  rows: NumArray;
  /** Per cell (aligned with `rows`): e.g. a formatted score. */
  captions?: string[];
  /** Per cell border colour, e.g. COLORS.kept / COLORS.prunedBorder; none when missing. */
  borders?: (string | null | undefined)[];
  /** What hover reports per cell (e.g. dataset rows when `pixels` holds only these images); defaults to `rows`. */
  ids?: NumArray;
}

export interface ImageGridOptions extends BaseOptions {
  /** Integer magnification; by default the largest that keeps a cell near 56 px. */
  scale?: number;
  /** Fixed column count; by default as many as fit the host's width. */
  columns?: number;
  gap?: number;
  /** Draw dark strokes on light paper (MNIST is light on dark). */
  invert?: boolean;
  onHover?: (row: number | null) => void;
}

export interface ImageGridLayout {
  scale: number;
  columns: number;
  cellWidth: number;
  cellHeight: number;
  captionHeight: number;
  width: number;
  height: number;
  cells: { x: number; y: number }[];
}

export interface ImageGridChart extends Chart<ImageGridData> {
  /** Index of the cell at (x, y) in grid pixels, or null. */
  cellAt(x: number, y: number): number | null;
}

const BORDER = 3;

export function layoutImageGrid(
  data: ImageGridData,
  opts: ImageGridOptions,
  availableWidth: number,
): ImageGridLayout {
  const side = Math.max(1, data.width, data.height);
  const scale = Math.max(1, Math.floor(opts.scale ?? Math.max(1, Math.round(56 / side))));
  const gap = opts.gap ?? 8;
  const captionHeight = data.captions ? FONT.caption + 6 : 0;
  // The border is drawn outside the image, so each cell reserves room for it on both sides.
  const cellWidth = data.width * scale + 2 * BORDER;
  const cellHeight = data.height * scale + 2 * BORDER + captionHeight;
  const fit = Math.max(1, Math.floor((availableWidth + gap) / (cellWidth + gap)));
  const n = data.rows.length;
  const columns = Math.max(1, Math.min(opts.columns ?? fit, Math.max(1, n)));
  const lines = Math.ceil(n / columns);
  const cells = Array.from({ length: n }, (_, i) => ({
    x: (i % columns) * (cellWidth + gap),
    y: Math.floor(i / columns) * (cellHeight + gap),
  }));
  return {
    scale,
    columns,
    cellWidth,
    cellHeight,
    captionHeight,
    width: columns * cellWidth + (columns - 1) * gap,
    height: lines > 0 ? lines * cellHeight + (lines - 1) * gap : 0,
    cells,
  };
}

/**
 * The images at 1× in the grid's own arrangement, grayscale or RGB → RGBA. Laid out in `columns` so a
 * thousand images stay within the browser's canvas size limits (a single strip would not).
 */
export function atlasPixels(
  data: ImageGridData,
  columns: number,
  invert = false,
): { width: number; height: number; rgba: Uint8ClampedArray } {
  const { width: w, height: h } = data;
  const c = data.channels === 3 ? 3 : 1;
  const size = w * h * c;
  const width = w * columns;
  const height = h * Math.ceil(data.rows.length / columns);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let k = 0; k < data.rows.length; k++) {
    const src = data.rows[k]! * size;
    if (src < 0 || src + size > data.pixels.length) continue; // a missing image stays transparent
    const ox = (k % columns) * w;
    const oy = Math.floor(k / columns) * h;
    for (let p = 0; p < w * h; p++) {
      const o = ((oy + Math.floor(p / w)) * width + ox + (p % w)) * 4;
      for (let q = 0; q < 3; q++) {
        const v = data.pixels[src + p * c + (c === 3 ? q : 0)]!;
        rgba[o + q] = invert ? 255 - v : v;
      }
      rgba[o + 3] = 255;
    }
  }
  return { width, height, rgba };
}

function drawImages(
  ctx: CanvasRenderingContext2D,
  data: ImageGridData,
  L: ImageGridLayout,
  invert: boolean,
): void {
  if (data.rows.length === 0 || data.width === 0 || data.height === 0) return;
  const a = atlasPixels(data, L.columns, invert);
  const atlas = document.createElement('canvas');
  atlas.width = a.width;
  atlas.height = a.height;
  const actx = atlas.getContext('2d');
  if (!actx) return;
  const image = actx.createImageData(a.width, a.height);
  image.data.set(a.rgba);
  actx.putImageData(image, 0, 0);
  // Nearest-neighbour upscaling: the integer scale keeps every source pixel the same size.
  ctx.imageSmoothingEnabled = false;
  const { width: w, height: h } = data;
  L.cells.forEach((c, k) => {
    const sx = (k % L.columns) * w;
    const sy = Math.floor(k / L.columns) * h;
    ctx.drawImage(atlas, sx, sy, w, h, c.x + BORDER, c.y + BORDER, w * L.scale, h * L.scale);
  });
}

export function createImageGrid(el: HTMLElement, opts: ImageGridOptions = {}): ImageGridChart {
  const frame = createFrame(el, opts, 'image-grid', true);
  const cellsG = frame.svg.append('g').attr('class', 'cells');
  const hoverBox = frame.svg.append('rect').attr('class', 'hover-cell').attr('display', 'none');
  let last: ImageGridData = { pixels: new Uint8Array(0), width: 0, height: 0, rows: [] };
  let layout: ImageGridLayout | null = null;
  let hovered: number | null = null;

  function render(data: ImageGridData): void {
    const L = layoutImageGrid(data, opts, frame.measure().width);
    layout = L;
    frame.setSize({ width: Math.max(1, L.width), height: Math.max(1, L.height) });
    const cells = L.cells.map((c, k) => ({
      ...c,
      k,
      caption: data.captions?.[k],
      border: data.borders?.[k] ?? null,
    }));
    const g = cellsG
      .selectAll<SVGGElement, (typeof cells)[number]>('g.cell')
      .data(cells)
      .join((enter) => {
        const c = enter.append('g').attr('class', 'cell');
        c.append('rect').attr('class', 'cell-border').attr('fill', 'none');
        c.append('text').attr('class', 'caption').attr('text-anchor', 'middle');
        return c;
      })
      .attr('transform', (d) => `translate(${d.x},${d.y})`);
    g.select('rect.cell-border')
      .attr('x', BORDER / 2)
      .attr('y', BORDER / 2)
      .attr('width', L.cellWidth - BORDER)
      .attr('height', L.cellHeight - L.captionHeight - BORDER)
      .attr('stroke', (d) => d.border ?? 'none')
      .attr('stroke-width', BORDER)
      .attr('display', (d) => (d.border ? null : 'none'));
    // Edge columns anchor their caption to the outer edge, so a caption wider than its cell (a
    // class name under a 32-pixel image) runs inward instead of off the chart.
    const anchor = (k: number): 'start' | 'middle' | 'end' =>
      L.columns > 1 && k % L.columns === 0
        ? 'start'
        : L.columns > 1 && k % L.columns === L.columns - 1
          ? 'end'
          : 'middle';
    g.select('text.caption')
      .attr('text-anchor', (d) => anchor(d.k))
      .attr('x', (d) => ({ start: 0, middle: L.cellWidth / 2, end: L.cellWidth })[anchor(d.k)])
      .attr('y', L.cellHeight - 3)
      .attr('font-size', FONT.caption)
      .attr('display', (d) => (d.caption === undefined ? 'none' : null))
      .text((d) => d.caption ?? '');

    const ctx = frame.context2d();
    if (ctx) drawImages(ctx, data, L, opts.invert ?? false);
    setHover(hovered !== null && hovered < cells.length ? hovered : null, false);
    frame.setLabel(
      opts.ariaLabel ??
        `${opts.title ?? 'Image grid'}: ${data.rows.length} images of ${data.width}×${data.height} pixels` +
          (data.captions ? ', captioned' : ''),
    );
  }

  function cellAt(x: number, y: number): number | null {
    const L = layout;
    if (!L) return null;
    const gap = opts.gap ?? 8;
    const col = Math.floor(x / (L.cellWidth + gap));
    const row = Math.floor(y / (L.cellHeight + gap));
    if (x < 0 || y < 0 || col >= L.columns) return null;
    // Points in the gutter between cells belong to no cell.
    if (x - col * (L.cellWidth + gap) > L.cellWidth || y - row * (L.cellHeight + gap) > L.cellHeight)
      return null;
    const k = row * L.columns + col;
    return k < L.cells.length ? k : null;
  }

  function setHover(k: number | null, notify: boolean): void {
    const changed = k !== hovered;
    hovered = k;
    const c = k === null ? undefined : layout?.cells[k];
    hoverBox
      .attr('display', c ? null : 'none')
      .attr('x', c ? c.x - 1 : 0)
      .attr('y', c ? c.y - 1 : 0)
      .attr('width', (layout?.cellWidth ?? 0) + 2)
      .attr('height', (layout?.cellHeight ?? 0) + 2)
      .attr('fill', 'none')
      .attr('stroke', COLORS.hover)
      .attr('stroke-width', 2);
    if (notify && changed) {
      const ids = last.ids ?? last.rows;
      opts.onHover?.(k === null ? null : (ids[k] ?? null));
    }
  }

  frame.svg.on('pointermove', (event: PointerEvent) => {
    const [x, y] = d3.pointer(event, frame.svg.node());
    setHover(cellAt(x, y), true);
  });
  frame.svg.on('pointerleave', () => setHover(null, true));

  return {
    update(data) {
      last = data;
      render(data);
    },
    resize() {
      render(last);
    },
    destroy() {
      frame.svg.on('pointermove', null).on('pointerleave', null);
      frame.destroy();
    },
    cellAt,
  };
}
