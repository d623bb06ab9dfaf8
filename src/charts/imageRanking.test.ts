// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createImageRanking } from './imageRanking';
import { setTestMode } from './theme';
import { count, host, quietNoCanvas, texts } from './testUtil';

let restore: () => void = () => {};
beforeAll(() => {
  setTestMode(true);
  restore = quietNoCanvas();
});
afterAll(() => restore());
afterEach(() => {
  document.body.innerHTML = '';
});

const data = {
  rows: Int32Array.from([40, 41, 42, 43, 44, 45, 46]),
  scores: Float32Array.from([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]),
  scoreLabel: 'EL2N',
};

describe('imageRanking', () => {
  it('shows both ends as captioned image grids when pixels are available', () => {
    const el = host(600, 400);
    const asked: number[][] = [];
    const chart = createImageRanking(el, {
      title: 'Ranked by EL2N',
      count: 2,
      getImages: (rows) => {
        asked.push([...rows]);
        return { pixels: new Uint8Array(rows.length * 4), width: 2, height: 2 };
      },
    });
    chart.update(data);
    expect(asked).toEqual([[40, 41, 45, 46]]);
    expect(el.querySelector('.cw-chart-title')!.textContent).toBe('Ranked by EL2N');
    expect(texts(el, '.ranking-heading')).toEqual([
      'Highest EL2N (ranked first)',
      'Lowest EL2N (ranked last)',
    ]);
    expect(count(el, 'section:not([hidden]) canvas')).toBe(2);
    expect(el.querySelector('.ranking-rows')!.hasAttribute('hidden')).toBe(true);
    chart.destroy();
    expect(el.children).toHaveLength(0);
  });

  it('lists the ends as table rows, with kept or pruned, when there are no images', () => {
    const el = host(600, 400);
    const chart = createImageRanking(el, { count: 2, isKept: (r) => r < 43 });
    chart.update(data);
    expect(el.querySelector('.cw-note')!.textContent).toMatch(/not available/);
    expect(texts(el, '.ranking-rows th')).toEqual(['rank', 'row', 'EL2N']);
    expect(texts(el, '.ranking-rows tbody tr:first-child td')).toEqual(['1', '40', '0.9']);
    expect(count(el, '.ranking-rows tr.kept')).toBe(2);
    expect(count(el, '.ranking-rows tr.pruned')).toBe(2);
    expect(count(el, 'section:not([hidden])')).toBe(0);
  });
});
