// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLineChart, layoutLineChart, linePath } from './lineChart';
import { setTestMode } from './theme';
import { count, host, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

const two = {
  series: [
    { name: 'train loss', x: [0, 1, 2, 3], y: [2, 1.5, 1.1, 0.9] },
    { name: 'val loss', x: [0, 1, 2, 3], y: [2.1, 1.7, 1.4, 1.3], dashed: true },
  ],
};

describe('lineChart', () => {
  it('draws accessible axes with ticks, one path per series and a legend', () => {
    const el = host();
    const chart = createLineChart(el, { title: 'Loss', xLabel: 'epoch', yLabel: 'loss' });
    chart.update(two);
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toContain('Loss');
    expect(svg.querySelector('title')?.textContent).toContain('train loss');
    expect(count(el, '.x-axis .tick')).toBeGreaterThan(2);
    expect(count(el, '.y-axis .tick')).toBeGreaterThan(2);
    expect(count(el, 'path.line')).toBe(2);
    expect(texts(el, '.legend-label')).toEqual(['train loss', 'val loss']);
    expect(texts(el, '.axis-label')).toEqual(['epoch', 'loss']);
    expect(
      el.querySelector('g.series[data-name="val loss"] path.line')?.getAttribute('stroke-dasharray'),
    ).toBe('6 4');
    for (const t of el.querySelectorAll('text')) {
      const size = Number(t.getAttribute('font-size') ?? t.closest('[font-size]')?.getAttribute('font-size'));
      expect(size).toBeGreaterThanOrEqual(12);
    }
  });

  it('appends points in place: same elements, longer path', () => {
    const el = host();
    const chart = createLineChart(el, { yDomain: [0, 3] });
    const x = [0, 1];
    const y = [2, 1.5];
    chart.update({ series: [{ name: 'loss', x, y }] });
    const path = el.querySelector('path.line')!;
    const before = path.getAttribute('d')!;
    chart.update({ series: [{ name: 'loss', x: [...x, 2, 3], y: [...y, 1.2, 1] }] });
    expect(el.querySelector('path.line')).toBe(path);
    expect(path.getAttribute('d')!.split('L').length).toBe(before.split('L').length + 2);
    // One series: no legend unless asked.
    expect(count(el, '.legend-entry')).toBe(0);
  });

  it('adds and removes series, draws points, markers and bands', () => {
    const el = host();
    const chart = createLineChart(el, { points: true });
    chart.update({
      series: [
        { name: 'hypercore', x: [0.1, 0.3, 0.5], y: [0.8, 0.9, 0.95] },
        {
          name: 'random',
          x: [0.1, 0.3, 0.5],
          y: [0.7, 0.85, 0.93],
          band: { lo: [0.65, 0.8, 0.9], hi: [0.75, 0.9, 0.96] },
        },
      ],
      markers: [{ x: 0.3, y: 0.9, label: 'best' }],
    });
    expect(count(el, 'path.line')).toBe(2);
    expect(count(el, 'circle.point')).toBe(6);
    expect(count(el, 'path.band')).toBe(1);
    expect(el.querySelector('path.band')!.getAttribute('d')).toMatch(/^M.+Z$/);
    expect(texts(el, '.marker-label')).toEqual(['best']);
    chart.update({ series: [{ name: 'random', x: [0.1], y: [0.7] }] });
    expect(count(el, 'path.line')).toBe(1);
    expect(count(el, 'circle.point')).toBe(1);
    expect(count(el, 'path.band')).toBe(0);
    expect(count(el, 'g.marker')).toBe(0);
  });

  it('uses a log x scale and skips non-positive x', () => {
    const data = { series: [{ name: 's', x: [0, 1, 10, 100], y: [1, 2, 3, 4] }] };
    const L = layoutLineChart(data, { logX: true }, { width: 600, height: 300 }, 0);
    expect(L.x.domain()).toEqual([1, 100]);
    const d = linePath(data.series[0]!.x, data.series[0]!.y, (v) => (v > 0 ? L.x(v) : NaN), L.y);
    expect(d.startsWith('M0.0,')).toBe(true);
    expect(d.split('L').length).toBe(3);
  });

  it('puts x ticks only at whole numbers when asked (one epoch: one tick, "1")', () => {
    const el = host();
    const one = { series: [{ name: 'acc', x: [1], y: [0.6] }] };
    createLineChart(el, { xDomain: [0.5, 1.5], xIntegers: true }).update(one);
    expect(texts(el, '.x-axis .tick text')).toEqual(['1']);
    const many = host();
    createLineChart(many, { xDomain: [1, 12], xIntegers: true }).update(one);
    const ticks = texts(many, '.x-axis .tick text');
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.every((t) => /^\d+$/.test(t))).toBe(true);
  });

  it('breaks the line at NaN and survives empty data', () => {
    expect(
      linePath(
        [0, 1, 2, 3],
        [1, NaN, 2, 3],
        (v) => v,
        (v) => v,
      ),
    ).toBe('M0.0,1.0M2.0,2.0L3.0,3.0');
    const el = host();
    const chart = createLineChart(el);
    chart.update({ series: [] });
    expect(count(el, 'path.line')).toBe(0);
    chart.resize();
    chart.destroy();
    expect(el.innerHTML).toBe('');
  });
});
