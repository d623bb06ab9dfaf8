// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { barsOf, createBarChart, layoutBarChart } from './barChart';
import { categoryColor, setTestMode } from './theme';
import { count, host, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

const budgets = {
  categories: ['0', '1', '2'],
  series: [
    { name: 'herding', values: [30, 10, 20] },
    { name: 'proportional', values: [20, 20, 20] },
  ],
};

describe('barChart', () => {
  it('draws one rect per category × series with value tooltips and a legend', () => {
    const el = host();
    createBarChart(el, { title: 'Kept per class', yLabel: 'samples kept', xLabel: 'class' }).update(budgets);
    expect(count(el, 'rect.bar')).toBe(6);
    expect(texts(el, 'rect.bar title')).toContain('0 · herding: 30');
    expect(texts(el, '.legend-label')).toEqual(['herding', 'proportional']);
    expect(texts(el, '.x-axis .tick text')).toEqual(['0', '1', '2']);
    expect(count(el, '.y-axis .tick')).toBeGreaterThan(2);
    expect(el.querySelector('svg')!.getAttribute('aria-label')).toContain('across 3 categories');
  });

  it('sizes bars by value and applies updates synchronously in test mode', () => {
    const el = host();
    const chart = createBarChart(el);
    chart.update(budgets);
    const h = (series: string, cat: string) =>
      Number(
        el.querySelector(`rect.bar[data-series="${series}"][data-category="${cat}"]`)!.getAttribute('height'),
      );
    expect(h('herding', '0')).toBeGreaterThan(h('herding', '2'));
    expect(h('herding', '0')).toBeCloseTo(3 * h('herding', '1'), 5);
    const rect = el.querySelector('rect.bar[data-series="herding"][data-category="0"]');
    chart.update({ categories: ['0', '1'], series: [{ name: 'herding', values: [5, 40] }] });
    expect(count(el, 'rect.bar')).toBe(2);
    // Keyed join: the surviving bar is the same element, now short.
    expect(el.querySelector('rect.bar[data-series="herding"][data-category="0"]')).toBe(rect);
    expect(h('herding', '0')).toBeLessThan(h('herding', '1'));
    expect(count(el, '.legend-entry')).toBe(0);
    chart.destroy();
    expect(el.childElementCount).toBe(0);
  });

  it('colours by category when asked and rotates long category names', () => {
    const data = {
      categories: [
        'T-shirt/top',
        'Trouser',
        'Pullover',
        'Dress',
        'Coat',
        'Sandal',
        'Shirt',
        'Sneaker',
        'Bag',
        'Ankle boot',
      ],
      series: [{ name: 'count', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }],
    };
    const bars = barsOf(data, { colorByCategory: true });
    expect(bars.map((b) => b.color)).toEqual(data.categories.map((_, i) => categoryColor(i)));
    expect(layoutBarChart(data, {}, { width: 400, height: 300 }, 0).rotateLabels).toBe(true);
    expect(layoutBarChart(data, {}, { width: 2000, height: 300 }, 0).rotateLabels).toBe(false);
  });

  it('names every few categories where even rotated names would stack (50 CCS strata)', () => {
    const data = {
      categories: Array.from({ length: 50 }, (_, i) => `${i + 1}`),
      series: [{ name: 'kept', values: Array.from({ length: 50 }, () => 1) }],
    };
    const narrow = layoutBarChart(data, {}, { width: 380, height: 260 }, 0);
    expect(narrow.rotateLabels).toBe(false);
    expect(narrow.labelStep).toBeGreaterThan(1);
    // The named ticks are at least one label width apart.
    expect(narrow.x0.step() * narrow.labelStep).toBeGreaterThanOrEqual(2 * 13 * 0.6 + 10 - 1e-9);
    expect(layoutBarChart(data, {}, { width: 3000, height: 260 }, 0).labelStep).toBe(1);
  });
});
