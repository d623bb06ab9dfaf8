/**
 * The DOM scaffold every chart shares: a positioned root holding an optional <canvas> (dense
 * marks) under an <svg> (axes, highlights, text), sized from the host, with the accessible name
 * on the svg. Charts own only their marks; this file owns measuring, layering and teardown.
 */
import * as d3 from 'd3';
import { knownSize } from './hostSize';
import { COLORS, FONT } from './theme';
import type { BaseOptions, Margin, Size } from './types';

export type SvgSel = d3.Selection<SVGSVGElement, unknown, null, undefined>;
export type GSel = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface Frame {
  root: HTMLDivElement;
  svg: SvgSel;
  canvas: HTMLCanvasElement | null;
  /**
   * Host size now (falls back to options, then to 640×300 where layout is unavailable); a host
   * that grew only because the chart drew taller than it reports the height it had before.
   */
  measure(): Size;
  /** Sizes the svg and the canvas backing store (device pixels) to `size` (taller than measured: grown). */
  setSize(size: Size): void;
  /** A cleared 2-D context scaled to CSS pixels, or null where canvas is unsupported (jsdom). */
  context2d(): CanvasRenderingContext2D | null;
  setLabel(label: string): void;
  /** Draws or clears the visible title; returns the vertical space it takes. */
  setTitle(title: string | undefined): number;
  destroy(): void;
}

export const DEFAULT_SIZE: Size = { width: 640, height: 300 };

export function createFrame(el: HTMLElement, opts: BaseOptions, kind: string, withCanvas = false): Frame {
  const root = document.createElement('div');
  root.className = ['cw-chart', `cw-chart--${kind}`, opts.className ?? ''].join(' ').trim();
  root.style.position = 'relative';
  el.appendChild(root);

  let canvas: HTMLCanvasElement | null = null;
  if (withCanvas) {
    canvas = document.createElement('canvas');
    canvas.className = 'cw-chart-canvas';
    // The canvas sits under the svg; the svg receives the pointer so hover works over both.
    Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none' });
    canvas.setAttribute('aria-hidden', 'true');
    root.appendChild(canvas);
  }

  const svg: SvgSel = d3
    .select(root)
    .append('svg')
    .attr('class', 'cw-chart-svg')
    .attr('role', 'img')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('font-family', FONT.family)
    .attr('font-size', FONT.tick)
    .attr('fill', COLORS.ink)
    // display:block avoids the inline baseline gap that would make the host grow on each resize.
    .style('display', 'block')
    .style('position', 'relative')
    .style('overflow', 'visible');
  const titleNode = svg.append('title');
  const titleText = svg.append('text').attr('class', 'chart-title');

  let ctx: CanvasRenderingContext2D | null | undefined;
  let size: Size = DEFAULT_SIZE;
  let dpr = 1;
  // The host's own height, and the height a chart grew to beyond it (legend rows): a host that
  // only grew to fit the chart must not read as a taller host next time, or the chart would grow
  // on every redraw.
  let measured = 0;
  let grown: { from: number; to: number } | undefined;

  return {
    root,
    svg,
    canvas,
    measure() {
      // The size the shared observer saw after the last layout; reading the host would force one.
      const host = knownSize(el) ?? { width: el.clientWidth, height: el.clientHeight };
      const width = opts.width ?? (host.width > 0 ? host.width : DEFAULT_SIZE.width);
      let height = opts.height ?? (host.height > 0 ? host.height : DEFAULT_SIZE.height);
      // At least as tall as the chart grew: the chart itself, or a grid row stretched by a
      // sibling that grew too (two charts growing each other without end otherwise).
      if (grown && height >= grown.to - 1) height = grown.from;
      measured = height;
      return { width, height };
    },
    setSize(s) {
      size = s;
      grown = measured > 0 && s.height > measured ? { from: measured, to: s.height } : undefined;
      svg.attr('width', s.width).attr('height', s.height).attr('viewBox', `0 0 ${s.width} ${s.height}`);
      if (canvas) {
        dpr = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
        canvas.width = Math.round(s.width * dpr);
        canvas.height = Math.round(s.height * dpr);
        canvas.style.width = `${s.width}px`;
        canvas.style.height = `${s.height}px`;
      }
    },
    context2d() {
      if (!canvas) return null;
      // Asked once: jsdom logs "not implemented" on every call and always answers null.
      if (ctx === undefined) ctx = safeContext(canvas);
      if (!ctx) return null;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, size.width, size.height);
      return ctx;
    },
    setLabel(label) {
      svg.attr('aria-label', label);
      titleNode.text(label);
    },
    setTitle(title) {
      if (!title) {
        titleText.text('').attr('display', 'none');
        return 0;
      }
      // A long title wraps onto a second line (then ends in "…") instead of running over the
      // chart beside it; the full title stays in the accessible name.
      const lines = wrapTitle(title, size.width - 8);
      titleText
        .attr('display', null)
        .attr('x', 4)
        .attr('y', FONT.title + 2)
        .attr('font-size', FONT.title)
        .attr('font-weight', 600)
        .text(null);
      titleText
        .selectAll('tspan')
        .data(lines)
        .join('tspan')
        .attr('x', 4)
        .attr('dy', (_, i) => (i === 0 ? 0 : FONT.title + 4))
        .text((l) => l);
      return lines.length * (FONT.title + 4) + 8;
    },
    destroy() {
      root.remove();
      ctx = null;
    },
  };
}

/** Greedy word wrap into at most two lines of `width` pixels (estimated), the second cut with "…". */
export function wrapTitle(title: string, width: number): string[] {
  if (textWidth(title, FONT.title) <= width) return [title];
  const words = title.split(' ');
  let first = '';
  let i = 0;
  for (; i < words.length; i++) {
    const next = first ? `${first} ${words[i]}` : words[i]!;
    if (first && textWidth(next, FONT.title) > width) break;
    first = next;
  }
  let second = words.slice(i).join(' ');
  const room = Math.max(1, Math.floor(width / (FONT.title * 0.6)));
  if (second.length > room) second = `${second.slice(0, room - 1).trimEnd()}…`;
  return second ? [first, second] : [first];
}

function safeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}

/**
 * Text width without layout (jsdom has none, and measuring in the browser would force a reflow
 * per label): an average lower-case glyph is about 0.6 em in the UI's sans-serif stack, but
 * capitals and digits run to ~0.7 em and m, w, % to ~0.95 em in the widest of them (DejaVu
 * Sans, Linux's default), so names like "16QAM" are counted wider; the estimate never runs
 * under the plain 0.6 em.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 0.95 : CAPS.test(ch) ? 0.7 : 0.6;
  return em * fontSize;
}

const WIDE = /[mwMW%@]/;
const CAPS = /[A-HJ-Z0-9=#&]/;

export interface CartesianLayoutInput {
  size: Size;
  titleHeight: number;
  legendHeight: number;
  yTickLabels: string[];
  xLabel?: string | undefined;
  yLabel?: string | undefined;
  /** Extra room under the x axis (rotated category names). */
  xTickHeight?: number;
}

export interface CartesianLayout {
  margin: Margin;
  inner: Size;
}

/** Margins that fit the tick labels, axis titles, legend and title; pure, so it is testable. */
export function layoutCartesian(p: CartesianLayoutInput): CartesianLayout {
  const widest = Math.max(0, ...p.yTickLabels.map((t) => textWidth(t, FONT.tick)));
  const margin: Margin = {
    top: p.titleHeight + p.legendHeight + 10,
    right: 18,
    bottom: (p.xTickHeight ?? FONT.tick + 12) + (p.xLabel ? FONT.label + 12 : 4),
    left: Math.ceil(widest) + 14 + (p.yLabel ? FONT.label + 10 : 0),
  };
  const inner: Size = {
    width: Math.max(10, p.size.width - margin.left - margin.right),
    height: Math.max(10, p.size.height - margin.top - margin.bottom),
  };
  return { margin, inner };
}

/** The part of a selection or a transition that sets attributes from data. */
export interface AttrTarget<D> {
  attr(name: string, value: number | string | ((d: D, i: number) => number | string)): AttrTarget<D>;
}

/**
 * Applies `set` through a transition, or directly when the duration is 0 (test mode, reduced
 * motion): a zero-length d3 transition still lands a frame later, which screenshots and jsdom
 * assertions would miss.
 */
export function animate<E extends d3.BaseType, D, P extends d3.BaseType, PD>(
  sel: d3.Selection<E, D, P, PD>,
  ms: number,
  set: (t: AttrTarget<D>) => void,
): void {
  if (ms > 0) {
    // d3 is marked side-effect free, so a bundler drops d3-transition (which patches
    // selection.transition) unless one of its exports is used: d3.transition() is that use.
    const t = sel.transition(d3.transition().duration(ms));
    // @types/d3-transition's attr overloads do not unify with the interface; the call is the same.
    set(t as unknown as AttrTarget<D>);
  } else set(sel);
}
