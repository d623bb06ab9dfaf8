// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createImageRanking } from './imageRanking';
import { setTestMode } from './theme';
import { host, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

describe('image ranking without images (radio sequences, toy points)', () => {
  it('lists both ends of the ranking as rows with scores and kept / pruned marks', () => {
    const el = host();
    const chart = createImageRanking(el, { count: 2, isKept: (r) => r < 12 });
    chart.update({
      rows: [10, 11, 12, 13, 14],
      scores: [0.9, 0.8, 0.5, 0.2, 0.1],
      scoreLabel: 'importance I',
    });
    expect(el.querySelector('.cw-note')!.textContent).toContain('not available');
    expect(texts(el, 'table.ranking-rows th')).toEqual(['rank', 'row', 'importance I']);
    expect(texts(el, 'table.ranking-rows tbody td')).toEqual([
      '1',
      '10',
      '0.9',
      '2',
      '11',
      '0.8',
      '4',
      '13',
      '0.2',
      '5',
      '14',
      '0.1',
    ]);
    expect(Array.from(el.querySelectorAll('table.ranking-rows tbody tr'), (r) => r.className)).toEqual([
      'kept',
      'kept',
      'pruned',
      'pruned',
    ]);
    // With images the table goes away.
    const withImages = createImageRanking(host(), {
      count: 1,
      getImages: (rows) => ({ pixels: new Uint8Array(rows.length), width: 1, height: 1 }),
    });
    withImages.update({ rows: [1, 2], scores: [2, 1], scoreLabel: 's' });
    expect(document.querySelectorAll('table.ranking-rows tbody tr').length).toBe(4);
    chart.destroy();
  });
});
