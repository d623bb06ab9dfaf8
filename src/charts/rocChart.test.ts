// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRocChart, trapezoidAuc } from './rocChart';
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
});
