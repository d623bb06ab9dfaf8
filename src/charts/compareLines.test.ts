// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryRow } from '../core/experiment/records';
import { compareLines } from './compareLines';
import { createLineChart } from './lineChart';
import { setTestMode } from './theme';
import { count, host, texts } from './testUtil';
import { summarize, type ResultRecord } from '../core/experiment/records';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

function rec(label: string, fraction: number, seed: number, accuracy: number): ResultRecord {
  return {
    cell: 0,
    status: 'ok',
    group: 'g',
    dataset: 'mnist',
    trainSize: 1000,
    corruption: 'clean',
    noise: 0,
    imbalance: 1,
    ood: 0,
    model: 'mlp',
    epochs: 3,
    method: label,
    label,
    fraction,
    seed,
    coresetSize: fraction * 1000,
    accuracy,
    balancedAccuracy: accuracy,
    worstClassAccuracy: accuracy - 0.2,
    macroF1: accuracy,
    signalsMs: 1,
    selectionMs: 1,
    trainingMs: 1,
    evaluationMs: 1,
  };
}

const records = [
  rec('random', 0.3, 1, 0.8),
  rec('random', 0.1, 1, 0.6),
  rec('random', 0.3, 2, 0.84),
  rec('random', 0.1, 2, 0.64),
  rec('el2n', 0.1, 1, 0.4),
  rec('el2n', 0.3, 1, 0.82),
  rec('ccs', 0.1, 1, 0.66),
];

describe('compareLines', () => {
  it('one line per method sorted by fraction, a band for random only, the full-data line dashed', () => {
    const d = compareLines(summarize(records), { full: 0.9 });
    expect(d.series.map((s) => s.name)).toEqual(['random', 'el2n', 'ccs', 'full data']);
    const random = d.series[0]!;
    expect(Array.from(random.x)).toEqual([0.1, 0.3]);
    expect(random.y[0]).toBeCloseTo(0.62, 12);
    expect(random.band!.hi[1]! - random.band!.lo[1]!).toBeCloseTo(2 * Math.SQRT2 * 0.02, 12);
    expect(d.series[1]!.band).toBeUndefined();
    expect(d.series[3]).toMatchObject({ dashed: true, x: [0.1, 0.3], y: [0.9, 0.9] });
    const worst = compareLines(summarize(records), { metric: 'worstClassAccuracy' });
    expect(worst.series[1]!.y[0]).toBeCloseTo(0.2, 12);
    expect(compareLines(summarize(records), { metric: 'fgsm' }).series).toEqual([]);
  });

  it('renders as lines with points, the random band and a legend; grows as records stream in', () => {
    const el = host();
    const chart = createLineChart(el, {
      points: true,
      yDomain: [0, 1],
      xLabel: 'fraction kept',
      yLabel: 'test accuracy',
    });
    chart.update(compareLines(summarize(records.slice(0, 2))));
    expect(count(el, 'path.line')).toBe(1);
    expect(count(el, 'path.band')).toBe(0);
    const first = el.querySelector('g.series[data-name="random"] path.line');
    chart.update(compareLines(summarize(records), { full: 0.9 }));
    expect(el.querySelector('g.series[data-name="random"] path.line')).toBe(first);
    expect(count(el, 'path.line')).toBe(4);
    expect(count(el, 'path.band')).toBe(1);
    expect(el.querySelector('path.band')!.getAttribute('d')).toMatch(/^M.+Z$/);
    expect(count(el, 'g.series[data-name="random"] circle.point')).toBe(2);
    expect(count(el, 'g.series[data-name="ccs"] circle.point')).toBe(1);
    expect(
      el.querySelector('g.series[data-name="full data"] path.line')!.getAttribute('stroke-dasharray'),
    ).toBe('6 4');
    expect(texts(el, '.legend-label')).toEqual(['random', 'el2n', 'ccs', 'full data']);
  });

  it('names lines by nameOf while colours and bands stay keyed by label', () => {
    const row = (label: string, fraction: number, mean: number) =>
      ({ label, fraction, accuracy: { mean, std: 0.01, n: 2 } }) as unknown as SummaryRow;
    const data = compareLines([row('random', 0.1, 0.8), row('kcenter', 0.1, 0.82)], {
      nameOf: (l) => (l === 'kcenter' ? 'k-Center greedy' : l === 'random' ? 'Random' : l),
    });
    expect(data.series.map((s) => s.name)).toEqual(['Random', 'k-Center greedy']);
    expect(data.series[0]!.band).toBeDefined();
  });
});
