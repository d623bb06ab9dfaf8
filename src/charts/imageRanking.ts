/**
 * The images a score ranks highest and lowest, side by side with their scores. Pixels come from
 * the caller (the store or a worker holds the dataset); without them the view says so instead of
 * drawing nothing.
 */
import * as d3 from 'd3';
import { createImageGrid, type ImageGridChart } from './imageGrid';
import { COLORS, FONT } from './theme';
import type { BaseOptions, Chart, NumArray } from './types';

export interface ImageRankingData {
  /** Dataset rows, best first. */
  rows: NumArray;
  scores: NumArray;
  scoreLabel: string;
}

export interface Images {
  /** Bytes (grey, or R, G, B interleaved) of exactly the requested rows, in the requested order. */
  pixels: Uint8Array;
  width: number;
  height: number;
  channels?: number;
}

export interface ImageRankingOptions extends BaseOptions {
  getImages?: (rows: Int32Array) => Images | undefined;
  /** Images shown at each end of the ranking (default 24). */
  count?: number;
  /** Green border when kept, red when pruned. */
  isKept?: (row: number) => boolean;
  onHover?: (row: number | null) => void;
  scale?: number;
}

/** Positions in the ranking to show: the first `count`, then the last `count`, never twice. */
export function rankingEnds(n: number, count: number): { top: number[]; bottom: number[] } {
  const k = Math.min(count, n);
  const top = d3.range(k);
  const bottom = d3.range(Math.max(k, n - count), n);
  return { top, bottom };
}

export function createImageRanking(el: HTMLElement, opts: ImageRankingOptions = {}): Chart<ImageRankingData> {
  const root = d3
    .select(el)
    .append('div')
    .attr('class', ['cw-chart', 'cw-chart--image-ranking', opts.className ?? ''].join(' ').trim());
  // Inline type sizes keep the view legible without the app's stylesheet (exports, other hosts).
  const title = root
    .append('div')
    .attr('class', 'cw-chart-title')
    .style('font-size', `${FONT.title}px`)
    .style('font-weight', '600');
  const note = root.append('p').attr('class', 'cw-note');
  // Without images (toy points, radio sequences) the ranking's ends are listed as rows instead.
  const fallback = root
    .append('table')
    .attr('class', 'cw-table ranking-rows')
    .style('font-size', `${FONT.caption}px`);
  const sections = (['top', 'bottom'] as const).map((end) => {
    const section = root.append('section').attr('class', `ranking-${end}`);
    const heading = section
      .append('div')
      .attr('class', 'ranking-heading')
      .style('font-size', `${FONT.label}px`)
      .style('margin', '0.5em 0 0.25em');
    const host = section.append('div').node()!;
    return { end, section, heading, host, grid: null as ImageGridChart | null };
  });
  const fmt = d3.format('.3~g');

  function render(data: ImageRankingData): void {
    title.text(opts.title ?? '').attr('hidden', opts.title ? null : '');
    const ends = rankingEnds(data.rows.length, opts.count ?? 24);
    const positions = [...ends.top, ...ends.bottom];
    const wanted = Int32Array.from(positions, (p) => data.rows[p]!);
    const images = wanted.length > 0 ? opts.getImages?.(wanted) : undefined;
    note
      .text(
        images || wanted.length === 0
          ? ''
          : "Images are not available for this dataset: the ranking's ends by row.",
      )
      .attr('hidden', images || wanted.length === 0 ? '' : null);
    const listed = images ? [] : positions;
    fallback.attr('hidden', listed.length ? null : '');
    // At most 2 × count rows: rebuilding is cheaper to read than a keyed join.
    fallback.selectAll('*').remove();
    if (listed.length) {
      const head = fallback.append('thead').append('tr');
      for (const h of ['rank', 'row', data.scoreLabel]) head.append('th').text(h);
      const body = fallback.append('tbody');
      for (const p of listed) {
        const tr = body.append('tr');
        if (opts.isKept) tr.attr('class', opts.isKept(data.rows[p]!) ? 'kept' : 'pruned');
        for (const v of [String(p + 1), String(data.rows[p]!), fmt(data.scores[p] ?? NaN)])
          tr.append('td').text(v);
      }
    }

    let offset = 0;
    for (const s of sections) {
      const pos = s.end === 'top' ? ends.top : ends.bottom;
      const start = offset;
      offset += pos.length;
      const show = Boolean(images) && pos.length > 0;
      s.section.attr('hidden', show ? null : '');
      if (!show || !images) continue;
      // "Best first" is the method's order, which may be lowest score first (EasyCore keeps the
      // lowest AIGN): the heading names the score end each section actually shows.
      const n = data.scores.length;
      const descending = n < 2 || (data.scores[0] ?? 0) >= (data.scores[n - 1] ?? 0);
      const high = (s.end === 'top') === descending;
      s.heading.text(
        `${high ? 'Highest' : 'Lowest'} ${data.scoreLabel} (ranked ${s.end === 'top' ? 'first' : 'last'})`,
      );
      s.grid ??= createImageGrid(s.host, {
        ariaLabel: `${opts.title ?? 'Image ranking'}: ${s.end === 'top' ? 'first' : 'last'} ranked images`,
        ...(opts.scale ? { scale: opts.scale } : {}),
        ...(opts.onHover ? { onHover: opts.onHover } : {}),
      });
      const ids = pos.map((p) => data.rows[p]!);
      s.grid.update({
        ...images,
        rows: d3.range(start, start + pos.length),
        ids,
        captions: pos.map((p) => fmt(data.scores[p] ?? NaN)),
        ...(opts.isKept
          ? { borders: ids.map((r) => (opts.isKept!(r) ? COLORS.kept : COLORS.prunedBorder)) }
          : {}),
      });
    }
  }

  return {
    update(data) {
      render(data);
    },
    resize() {
      for (const s of sections) s.grid?.resize();
    },
    destroy() {
      for (const s of sections) s.grid?.destroy();
      root.remove();
    },
  };
}
