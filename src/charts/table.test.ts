// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { TALL_ROWS, createTable, defaultNumber } from './table';
import { count, host, texts } from './testUtil';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('table', () => {
  it('renders a captioned table with header cells, one row per record, numbers right-aligned', () => {
    const el = host();
    const t = createTable(el, { title: 'Kept per stratum' });
    t.update({
      columns: ['stratum', 'kept', 'share'],
      rows: [
        ['low SNR', 1200, 0.12345],
        ['high SNR', 30, 0.5],
      ],
    });
    expect(el.querySelector('caption')!.textContent).toBe('Kept per stratum');
    expect(texts(el, 'thead th')).toEqual(['stratum', 'kept', 'share']);
    expect([...el.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).toEqual([
      'col',
      'col',
      'col',
    ]);
    expect(count(el, 'tbody tr')).toBe(2);
    expect(texts(el, 'tbody tr:first-child td')).toEqual(['low SNR', '1,200', '0.1235']);
    expect(count(el, 'td.num')).toBe(4);
    expect((el.querySelector('thead th:nth-child(2)') as HTMLElement).style.textAlign).toBe('right');
    expect((el.querySelector('thead th:first-child') as HTMLElement).style.textAlign).toBe('left');
    expect(el.querySelector('.cw-chart--wide')).toBeNull();
    t.update({ columns: ['a', 'b', 'c', 'd', 'e', 'f'], rows: [[1, 2, 3, 4, 5, 6]] });
    expect(el.querySelector('.cw-chart--wide')).not.toBeNull();
  });

  it('updates rows in place and removes everything on destroy', () => {
    const el = host();
    const t = createTable(el, {});
    t.update({ columns: ['a'], rows: [[1], [2], [3]] });
    const table = el.querySelector('table');
    t.update({ columns: ['a'], rows: [[4]] });
    expect(el.querySelector('table')).toBe(table);
    expect(texts(el, 'tbody td')).toEqual(['4']);
    expect(el.querySelector('caption')!.hasAttribute('hidden')).toBe(true);
    t.destroy();
    expect(el.children).toHaveLength(0);
  });

  it('says so across the columns when there are no rows, and drops the note when rows arrive', () => {
    const el = host();
    const t = createTable(el, {});
    t.update({ columns: ['round', 'size', 'ms'], rows: [] });
    expect(texts(el, 'tbody td')).toEqual(['none']);
    expect(el.querySelector('tbody td')!.getAttribute('colspan')).toBe('3');
    t.update({ columns: ['round', 'size', 'ms'], rows: [], empty: 'none: every epoch was warm-up' });
    expect(texts(el, 'tbody td')).toEqual(['none: every epoch was warm-up']);
    t.update({ columns: ['round', 'size', 'ms'], rows: [[1, 50, 3]] });
    expect(count(el, 'tbody tr')).toBe(1);
    expect(texts(el, 'tbody td')).toEqual(['1', '50', '3']);
  });

  it('a long table scrolls in its own box and says so; a short one does not', () => {
    const el = host();
    const t = createTable(el, {});
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`stratum ${i}`, i]);
    t.update({ columns: ['stratum', 'size'], rows: rows(TALL_ROWS) });
    expect(el.querySelector('.cw-chart--tall')).toBeNull();
    expect(el.querySelector('.cw-table-note')!.hasAttribute('hidden')).toBe(true);
    t.update({ columns: ['stratum', 'size'], rows: rows(70) });
    expect(el.querySelector('.cw-chart--tall')).not.toBeNull();
    expect(count(el, 'tbody tr')).toBe(70);
    const note = el.querySelector('.cw-table-note')!;
    expect(note.hasAttribute('hidden')).toBe(false);
    expect(note.textContent).toBe('70 rows: scroll inside the table');
  });

  it('formats integers with separators and other numbers to four significant digits', () => {
    expect(defaultNumber(60000)).toBe('60,000');
    expect(defaultNumber(0.000123456)).toBe('0.0001235');
    expect(defaultNumber(2.5)).toBe('2.5');
  });
});
