// @vitest-environment jsdom
import * as d3 from 'd3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fitLegend, layoutLegend, renderLegend, type LegendEntry } from './legend';
import { createAxes, drawAxes, tickCount } from './axes';
import { setTestMode } from './theme';
import { count, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

const svg = () =>
  d3.select(document.body).append('svg') as d3.Selection<SVGSVGElement, unknown, null, undefined>;

const entries: LegendEntry[] = [
  { label: 'kept', color: '#1a7f37', swatch: 'dot' },
  { label: 'pruned', color: '#888', swatch: 'ring' },
  { label: 'loss', color: '#1d5fa8', swatch: 'line' },
  { label: 'budget', color: '#b42318', swatch: 'dashed' },
  { label: 'per class', color: '#9a6700' },
];

describe('legend', () => {
  it('moves a legend that would take most of the height to columns at the right', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ label: `${i} (AUROC 0.914)`, color: '#000' }));
    const crowded = fitLegend(ten, 400, 300);
    expect(crowded.height).toBe(0);
    expect(crowded.side).toBeGreaterThan(0);
    expect(crowded.side!).toBeLessThanOrEqual(200);
    // Two short entries stay above the plot.
    expect(fitLegend(entries.slice(0, 2), 400, 300).side).toBeUndefined();
  });

  it('lays entries out in rows that wrap at the width, never overlapping', () => {
    const wide = layoutLegend(entries, 2000);
    expect(new Set(wide.positions.map((p) => p.y)).size).toBe(1);
    const narrow = layoutLegend(entries, 120);
    expect(narrow.height).toBeGreaterThan(wide.height);
    for (let i = 1; i < narrow.positions.length; i++) {
      const [a, b] = [narrow.positions[i - 1]!, narrow.positions[i]!];
      expect(b.y > a.y || b.x > a.x).toBe(true);
    }
    expect(layoutLegend([], 100)).toEqual({ positions: [], height: 0 });
  });

  it('draws one entry per label with the swatch its kind asks for, and rejoins by label', () => {
    const g = svg().append('g');
    renderLegend(g, entries, layoutLegend(entries, 600));
    const root = g.node()!;
    expect(texts(root, 'text.legend-label')).toEqual(['kept', 'pruned', 'loss', 'budget', 'per class']);
    expect(count(root, 'g.legend-swatch circle')).toBe(2);
    expect(count(root, 'g.legend-swatch line')).toBe(2);
    expect(root.querySelectorAll('g.legend-swatch line')[1]!.getAttribute('stroke-dasharray')).toBe('5 3');
    expect(count(root, 'g.legend-swatch rect')).toBe(1);
    const two = entries.slice(0, 2);
    renderLegend(g, two, layoutLegend(two, 600));
    expect(count(root, 'g.legend-entry')).toBe(2);
  });
});

describe('axes', () => {
  it('draws both axes with titles, grid lines across the plot, and hides missing titles', () => {
    const s = svg();
    const axes = createAxes(s);
    const layout = {
      margin: { top: 10, right: 10, bottom: 40, left: 50 },
      inner: { width: 300, height: 200 },
    };
    const x = d3.scaleLinear().domain([0, 1]).range([0, 300]);
    const y = d3.scaleLinear().domain([0, 100]).range([200, 0]);
    drawAxes(axes, layout, d3.axisBottom(x).ticks(5), d3.axisLeft(y).ticks(4), { x: 'epoch', y: undefined });
    const root = s.node()!;
    expect(count(root, '.x-axis .tick')).toBeGreaterThanOrEqual(5);
    expect(count(root, '.y-axis .tick')).toBeGreaterThanOrEqual(4);
    expect(root.querySelector('.x-label')!.textContent).toBe('epoch');
    expect(root.querySelector('.y-label')!.getAttribute('display')).toBe('none');
    // Grid: y tick lines span the plot width.
    expect(root.querySelector('.y-axis .tick line')!.getAttribute('x2')).toBe('300');
    expect(root.querySelector('.x-axis')!.getAttribute('transform')).toBe('translate(50,210)');
  });

  it('keeps at least two ticks however small the axis', () => {
    expect(tickCount(10, 80)).toBe(2);
    expect(tickCount(800, 80)).toBe(10);
  });
});
