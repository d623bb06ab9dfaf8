// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTeachChart, layoutTeach, type TeachChartData } from './teachChart';
import { COLORS, setTestMode } from './theme';
import { count, host, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

function fixture(): TeachChartData {
  // Two groups of three points; picks 1 and 4 cover their own group.
  return {
    x: [0, 0.2, 0.1, 3, 3.2, 3.1],
    y: [0, 0.1, 0.3, 1, 1.1, 0.8],
    group: [0, 0, 0, 1, 1, 1],
    groupNames: ['A', 'B'],
    picks: [1, 4],
    assign: [0, 0, 0, 1, 1, 1],
    coverage: [0.9, 1, 0.5, 0.8, 1, 0.1],
    weights: [0.2, 1, 0.6, 0.4, 0.9, 0],
    regionRadius: 0.5,
  };
}

describe('teachChart', () => {
  it('draws every point, numbered picks, one link per covered non-pick and a region per pick', () => {
    const el = host();
    const chart = createTeachChart(el, { title: 'Facility location', xLabel: 'x₁', yLabel: 'x₂' });
    chart.update(fixture());
    expect(count(el, 'circle.point')).toBe(6);
    expect(texts(el, 'text.pick-label')).toEqual(['1', '2']);
    expect(count(el, 'g.pick.latest')).toBe(1);
    expect(el.querySelector('g.pick.latest circle')!.getAttribute('stroke')).toBe(COLORS.hover);
    expect(count(el, 'line.link')).toBe(4);
    expect(count(el, 'circle.region')).toBe(2);
    expect(texts(el, '.legend-label')).toEqual(['A', 'B', 'pick (numbered)', 'covered region']);
    expect(el.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Facility location: 6 points, 2 picks, latest pick point 4, point size shows density weight',
    );
    // Links end at the covering pick.
    const link = el.querySelector('line.link')!;
    const pick = el.querySelectorAll('circle.point')[1]!;
    expect(link.getAttribute('x2')).toBe(pick.getAttribute('cx'));
    // Size follows the density weight, opacity the coverage.
    const r = Array.from(el.querySelectorAll('circle.point'), (c) => Number(c.getAttribute('r')));
    expect(r[1]!).toBeGreaterThan(r[0]!);
    expect(r[5]!).toBeLessThan(r[3]!);
    const op = Array.from(el.querySelectorAll('circle.point'), (c) => Number(c.getAttribute('fill-opacity')));
    expect(op[5]!).toBeLessThan(op[4]!);
  });

  it('steps back to fewer picks reusing the DOM, and clears on destroy', () => {
    const el = host();
    const chart = createTeachChart(el);
    chart.update(fixture());
    const first = el.querySelector('circle.point');
    chart.update({
      ...fixture(),
      picks: [1],
      assign: [0, 0, 0, 0, 0, 0],
      regionRadius: undefined,
      weights: undefined,
    });
    expect(el.querySelector('circle.point')).toBe(first);
    expect(texts(el, 'text.pick-label')).toEqual(['1']);
    expect(count(el, 'line.link')).toBe(5);
    expect(count(el, 'circle.region')).toBe(0);
    chart.update({ ...fixture(), picks: [], assign: undefined });
    expect(count(el, 'g.pick')).toBe(0);
    expect(count(el, 'line.link')).toBe(0);
    chart.destroy();
    expect(el.innerHTML).toBe('');
  });

  it('uses the same pixels per unit on both axes', () => {
    const L = layoutTeach(fixture(), { width: 600, height: 320 }, 0, {});
    const ux = L.x(1) - L.x(0);
    const uy = L.y(0) - L.y(1);
    expect(ux).toBeCloseTo(uy, 6);
  });
});
