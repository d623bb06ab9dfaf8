// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRocChart, placeLabels, trapezoidAuc } from './rocChart';
import { MIN_PLOT_WIDTH } from './legend';
import { setTestMode } from './theme';
import { count, host, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

describe('rocChart', () => {
  it('computes the area by trapezoids regardless of point order', () => {
    expect(trapezoidAuc([0, 1], [0, 1])).toBeCloseTo(0.5);
    expect(trapezoidAuc([1, 0, 0], [1, 1, 0])).toBeCloseTo(1);
    expect(trapezoidAuc([0, 0.5, 1], [0, 0.5, 1])).toBeCloseTo(0.5);
  });

  it('draws the diagonal, one curve each, labelled Youden points and AUCs in the legend', () => {
    const el = host();
    const chart = createRocChart(el, { title: 'Noisy-label detection' });
    chart.update({
      curves: [
        {
          name: 'AUM',
          fpr: [0, 0.1, 0.3, 1],
          tpr: [0, 0.6, 0.92, 1],
          point: { fpr: 0.1, tpr: 0.6, label: 'Youden t=0.2' },
        },
        { name: 'forgetting', fpr: [0, 0.5, 1], tpr: [0, 0.6, 1] },
      ],
    });
    expect(count(el, 'line.diagonal')).toBe(1);
    expect(count(el, 'path.roc-curve')).toBe(2);
    expect(count(el, 'g.roc-point')).toBe(1);
    expect(texts(el, '.point-label')).toEqual(['Youden t=0.2']);
    expect(texts(el, '.legend-label')).toEqual(['AUM (AUC 0.85)', 'forgetting (AUC 0.55)']);
    expect(texts(el, '.axis-label')).toEqual(['false positive rate', 'true positive rate']);
    expect(texts(el, '.x-axis .tick text')).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    chart.update({ curves: [] });
    expect(count(el, 'path.roc-curve')).toBe(0);
    expect(count(el, 'line.diagonal')).toBe(1);
  });

  it('names a curve that already carries its area once, and leaves out point labels that would collide', () => {
    const el = host(600, 400);
    const chart = createRocChart(el, { title: 'Per class' });
    const curve = (name: string, at: number) => ({
      name,
      fpr: [0, at, 1],
      tpr: [0, 0.8, 1],
      point: { fpr: at, tpr: 0.8, label: `J = ${at}` },
    });
    chart.update({ curves: [curve('0 (AUROC 0.914)', 0.2), curve('1', 0.21), curve('2', 0.22)] });
    expect(texts(el, '.legend-label')).toEqual(['0 (AUROC 0.914)', '1 (AUC 0.80)', '2 (AUC 0.79)']);
    // Three operating points a pixel apart: two labels are drawn, one each side; the third
    // stays a tooltip.
    expect(texts(el, 'text.point-label').filter(Boolean)).toHaveLength(2);
    const anchors = Array.from(el.querySelectorAll('text.point-label'), (t) => t.getAttribute('text-anchor'));
    expect(anchors.slice(0, 2).sort()).toEqual(['end', 'start']);
    expect(
      placeLabels([
        { x: 0, y: 0, right: false, text: 'a' },
        { x: 200, y: 0, right: false, text: 'b' },
      ]),
    ).toEqual(['right', 'right']);
    // A label is kept off other points: it goes to the point's other side, or is left out.
    expect(
      placeLabels(
        [
          { x: 200, y: 50, right: false, text: 'Youden J = 0.66' },
          { x: 240, y: 50, right: false, text: 'x' },
        ],
        400,
      )[0],
    ).toBe('left');
    expect(
      placeLabels(
        [
          { x: 200, y: 50, right: false, text: 'Youden J = 0.66' },
          { x: 240, y: 50, right: false, text: 'x' },
          { x: 120, y: 50, right: false, text: 'y' },
        ],
        400,
      )[0],
    ).toBeNull();
    // Nor out of the plot: near the right edge it goes left.
    expect(placeLabels([{ x: 390, y: 50, right: false, text: 'Youden J = 0.66' }], 400)).toEqual(['left']);
  });

  it('keeps the plot of ten curves at least MIN_PLOT_WIDTH wide, grows for the legend rows, and does not grow again on resize', () => {
    let width = 356;
    const el = document.createElement('div');
    // Like a block host with min-height 250: it grows to fit the chart drawn in it.
    const drawn = () => Number(el.querySelector('svg')?.getAttribute('height') ?? 0);
    Object.defineProperty(el, 'clientWidth', { configurable: true, get: () => width });
    Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => Math.max(250, drawn()) });
    document.body.appendChild(el);
    const chart = createRocChart(el, { title: 'Own class vs other classes, per class' });
    const curves = Array.from({ length: 10 }, (_, i) => ({
      name: `${i} (AUROC 0.9${i})`,
      fpr: [0, 0.1 + i * 0.02, 1],
      tpr: [0, 0.8, 1],
    }));
    chart.update({ curves });
    const plotWidth = () =>
      Number(
        el
          .querySelector('.x-axis .domain')
          ?.getAttribute('d')
          ?.match(/H(\d+(\.\d+)?)/)?.[1],
      );
    const grown = drawn();
    expect(grown).toBeGreaterThan(250);
    expect(plotWidth()).toBeGreaterThanOrEqual(MIN_PLOT_WIDTH);
    // The legend rows end above the plot.
    const legend = el.querySelector('g.legend')!.getAttribute('transform')!;
    const plotTop = Number(
      el
        .querySelector('g.plot')!
        .getAttribute('transform')!
        .match(/,(\d+)/)![1],
    );
    const rowYs = new Set(
      Array.from(el.querySelectorAll('g.legend-entry'), (g) => g.getAttribute('transform')!.split(',')[1]),
    );
    expect(rowYs.size).toBeGreaterThanOrEqual(3);
    expect(legend).toMatch(/^translate\(4,/);
    expect(plotTop).toBeGreaterThan(22 * rowYs.size);
    chart.resize();
    chart.resize();
    expect(drawn()).toBe(grown);
    // In a grid row a sibling that grew further stretches this host: the chart keeps its height
    // (it grew the sibling, which grew it, without end before).
    for (const row of [grown + 40, grown + 120]) {
      Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => Math.max(row, drawn()) });
      chart.resize();
      expect(drawn()).toBe(grown);
    }
    Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => Math.max(250, drawn()) });
    // Wide enough for the legend at the side: back to the host's own height.
    width = 720;
    chart.resize();
    expect(drawn()).toBe(250);
    const at = (sel: string) =>
      Number(
        el
          .querySelector(sel)!
          .getAttribute('transform')!
          .match(/\(([\d.]+),/)![1],
      );
    // The side legend starts right of the plot.
    expect(at('g.legend')).toBeGreaterThanOrEqual(at('g.plot') + plotWidth());
    expect(plotWidth()).toBeGreaterThanOrEqual(MIN_PLOT_WIDTH);
  });
});
