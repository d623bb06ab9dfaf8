// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { constellationPath, createConstellationGrid } from './constellation';
import { COLORS, setTestMode } from './theme';
import { count, host, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

/** Three sequences of four samples: QPSK-like points at growing amplitude. */
function data() {
  const values = new Float32Array(3 * 8);
  for (let i = 0; i < 3; i++)
    for (let n = 0; n < 4; n++) {
      values[i * 8 + 2 * n] = (i + 1) * (n % 2 ? 1 : -1);
      values[i * 8 + 2 * n + 1] = (i + 1) * (n < 2 ? 1 : -1);
    }
  return { values, length: 4 };
}

describe('constellation grid', () => {
  it('places dots per cell scaled to the RMS, so amplitude does not change the picture', () => {
    const d = data();
    const a = constellationPath(d.values, 0, 4, 50);
    const b = constellationPath(d.values, 16, 4, 50);
    expect(a.split('M')).toHaveLength(5);
    expect(a).toBe(b);
    // (−1, 1) at RMS √2 lands left of and above the centre.
    const [x, y] = a.slice(1).split('h')[0]!.split(',').map(Number);
    expect(x! + 1.1).toBeLessThan(25);
    expect(y!).toBeLessThan(25);
    expect(constellationPath(d.values, 100, 4, 50)).toBe('');
  });

  it('draws one cell per row with captions, borders and the accessible name', () => {
    const el = host(400, 300);
    const chart = createConstellationGrid(el, { title: 'Samples', columns: 2 });
    chart.update({
      ...data(),
      rows: [2, 0],
      captions: ['QPSK', 'BPSK'],
      borders: [COLORS.kept, null],
      groups: [1, 0],
    });
    expect(count(el, 'g.cell')).toBe(2);
    expect(texts(el, 'text.caption')).toEqual(['QPSK', 'BPSK']);
    const borders = el.querySelectorAll('rect.cell-border');
    expect(borders[0]!.getAttribute('stroke')).toBe(COLORS.kept);
    expect(borders[1]!.getAttribute('display')).toBe('none');
    expect(el.querySelector('svg')!.getAttribute('aria-label')).toMatch(/2 I\/Q sequences of 4 samples/);
    chart.update({ ...data(), rows: [1] });
    expect(count(el, 'g.cell')).toBe(1);
    chart.destroy();
    expect(el.innerHTML).toBe('');
  });
});
