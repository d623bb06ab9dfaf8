// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { binSeries, createHistogram, stepPath } from './histogram';
import { setTestMode } from './theme';
import { count, host, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

describe('binSeries', () => {
  it('bins into equal-width bins over the shared range, top edge in the last bin', () => {
    const b = binSeries(
      [
        { name: 'a', values: [0, 0.1, 0.5, 1] },
        { name: 'b', values: Float32Array.from([2, NaN]) },
      ],
      4,
    );
    expect([b.lo, b.hi, b.width]).toEqual([0, 2, 0.5]);
    expect(b.counts).toEqual([
      [2, 1, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(b.totals).toEqual([4, 1]);
  });

  it('widens a degenerate range and honours a fixed domain', () => {
    expect(binSeries([{ name: 'a', values: [3, 3] }], 2).counts).toEqual([[0, 2]]);
    const b = binSeries([{ name: 'a', values: [-1, 0.2, 0.7, 5] }], 2, [0, 1]);
    expect(b.counts).toEqual([[1, 1]]);
  });

  it('draws a closed step outline', () => {
    expect(
      stepPath(
        [1, 2],
        0,
        1,
        (v) => v * 10,
        (v) => 100 - v,
      ),
    ).toBe('M0,100V99H10V98H20V100Z');
  });
});

describe('histogram', () => {
  it('draws one path per series, a legend, and labelled threshold markers', () => {
    const el = host();
    const chart = createHistogram(el, { title: 'EL2N', xLabel: 'score' });
    chart.update({
      series: [
        { name: 'kept', values: [0.1, 0.2, 0.3] },
        { name: 'pruned', values: Float32Array.from([0.5, 0.6, 0.9, 0.95]) },
      ],
      bins: 10,
      markers: [
        { value: 0.4, label: 'cut' },
        { value: 0.42, label: 'Youden' },
      ],
    });
    expect(count(el, 'path.hist-series')).toBe(2);
    expect(texts(el, '.legend-label')).toEqual(['kept', 'pruned']);
    expect(texts(el, '.marker-label')).toEqual(['cut', 'Youden']);
    expect(count(el, 'line.marker-line')).toBe(2);
    // Close markers get their labels on different rows.
    const ys = Array.from(el.querySelectorAll('.marker-label'), (t) => t.getAttribute('y'));
    expect(ys[0]).not.toBe(ys[1]);
    expect(texts(el, '.axis-label')).toEqual(['score', 'count']);
    expect(count(el, '.x-axis .tick')).toBeGreaterThan(2);
    expect(el.querySelector('svg')!.getAttribute('aria-label')).toContain('markers cut, Youden');

    chart.update({ series: [{ name: 'all', values: [1, 2, 3] }] });
    expect(count(el, 'path.hist-series')).toBe(1);
    expect(count(el, 'g.threshold')).toBe(0);
    expect(count(el, '.legend-entry')).toBe(0);
  });

  it('normalizes each series to shares', () => {
    const el = host();
    createHistogram(el, { normalize: true }).update({
      series: [{ name: 'a', values: [1, 1, 2, 2] }],
      bins: 2,
    });
    expect(texts(el, '.y-label')).toEqual(['share']);
    expect(texts(el, '.y-axis .tick text').at(-1)).toMatch(/%$/);
  });
});
