/** A plain HTML table for the `table` diagnostic: real table semantics beat a drawn one. */
import * as d3 from 'd3';
import { FONT } from './theme';
import { chartHandle, type BaseOptions, type Chart } from './types';

const CELL_PADDING = '0.25em 0.75em';
/** Above this many rows a table scrolls inside a box of about this many (the app's CSS). */
export const TALL_ROWS = 20;

export interface TableData {
  columns: string[];
  rows: (string | number)[][];
  /** Said in the body, across every column, when there are no rows (default "none"). */
  empty?: string;
}

export interface TableOptions extends BaseOptions {
  numberFormat?: (v: number) => string;
}

/** Integers as they are, other numbers to four significant digits. */
export const defaultNumber = (v: number): string =>
  Number.isInteger(v) ? d3.format(',')(v) : d3.format('.4~g')(v);

export function createTable(el: HTMLElement, opts: TableOptions = {}): Chart<TableData> {
  const root = d3
    .select(el)
    .append('div')
    .attr('class', ['cw-chart', 'cw-chart--table', opts.className ?? ''].join(' ').trim());
  // Minimal inline layout so the table reads anywhere; the app may restyle .cw-table.
  const table = root
    .append('table')
    .attr('class', 'cw-table')
    .style('border-collapse', 'collapse')
    .style('font-size', `${FONT.label}px`);
  const caption = table.append('caption').style('text-align', 'left').style('font-weight', '600');
  const head = table.append('thead').append('tr');
  const body = table.append('tbody');
  const note = root.append('p').attr('class', 'cw-table-note').attr('hidden', '');
  const fmt = opts.numberFormat ?? defaultNumber;

  function render(data: TableData): void {
    caption.text(opts.title ?? '').attr('hidden', opts.title ? null : '');
    // Six columns and more do not fit one narrow grid cell: the app gives such a table more room.
    root.classed('cw-chart--wide', data.columns.length >= 6);
    // A long table (FoQuS's 70 strata) scrolls in its own box instead of making the page
    // thousands of pixels tall; the note says so, since a projector hides the scrollbar.
    const tall = data.rows.length > TALL_ROWS;
    root.classed('cw-chart--tall', tall);
    note
      .attr('hidden', tall ? null : '')
      .text(tall ? `${data.rows.length} rows: scroll inside the table` : '');
    if (opts.ariaLabel) table.attr('aria-label', opts.ariaLabel);
    head
      .selectAll('th')
      .data(data.columns)
      .join('th')
      .attr('scope', 'col')
      .style('padding', CELL_PADDING)
      // Numeric columns align right, header included, so digits line up under their name.
      .style('text-align', (_, i) => (typeof data.rows[0]?.[i] === 'number' ? 'right' : 'left'))
      .text((d) => d);
    body
      .selectAll('tr.empty')
      .data(data.rows.length ? [] : [data.empty ?? 'none'])
      .join('tr')
      .attr('class', 'empty')
      .selectAll('td')
      .data((t) => [t])
      .join('td')
      .attr('colspan', Math.max(1, data.columns.length))
      .style('padding', CELL_PADDING)
      .style('font-style', 'italic')
      .text((t) => t);
    body
      .selectAll('tr:not(.empty)')
      .data(data.rows)
      .join('tr')
      .selectAll('td')
      .data((r) => r)
      .join('td')
      .attr('class', (v) => (typeof v === 'number' ? 'num' : null))
      .style('padding', CELL_PADDING)
      .style('text-align', (v) => (typeof v === 'number' ? 'right' : 'left'))
      .style('font-variant-numeric', 'tabular-nums')
      .text((v) => (typeof v === 'number' ? fmt(v) : v));
  }

  const initial: TableData = { columns: [], rows: [] };
  return chartHandle(render, initial, () => root.remove());
}
