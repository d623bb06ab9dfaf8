// @vitest-environment jsdom
import * as d3 from 'd3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fitLegend,
  layoutLegend,
  layoutWithLegend,
  MIN_PLOT_HEIGHT,
  MIN_PLOT_WIDTH,
  renderLegend,
  type LegendEntry,
} from './legend';
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
  const ten = Array.from({ length: 10 }, (_, i) => ({ label: `${i} (AUROC 0.914)`, color: '#000' }));

  it('puts a long legend at the side only where the plot keeps MIN_PLOT_WIDTH, else in rows above', () => {
    // Wide enough: columns at the right, the plot keeps at least the minimum.
    const wide = fitLegend(ten, 640, 300, 80);
    expect(wide.height).toBe(0);
    expect(wide.side).toBeGreaterThan(0);
    expect(640 - 80 - wide.side!).toBeGreaterThanOrEqual(MIN_PLOT_WIDTH);
    // The ROC's width in a four-across (356 px) or two-across (407 px) row: the columns fit in half
    // the width but would leave a plot under 200 px, so the legend wraps into rows from the edge.
    for (const width of [356, 407]) {
      const rows = fitLegend(ten, width, 300, 80);
      expect(rows.side).toBeUndefined();
      expect(rows.edge).toBe(true);
      expect(rows.height).toBeGreaterThan(2 * 22);
      for (const p of rows.positions) expect(p.x).toBeLessThan(width - 4);
    }
    // One row that fits beside the y axis stays there; two short entries never go to the side.
    const short = fitLegend(entries.slice(0, 2), 400, 300, 80);
    expect(short.side).toBeUndefined();
    expect(short.edge).toBeUndefined();
    expect(new Set(short.positions.map((p) => p.y)).size).toBe(1);
    // A row too long for beside the axis but fitting the full width starts at the edge, one row.
    const two = [
      { label: 'labeled 0', color: '#000' },
      { label: 'other classes (negatives)', color: '#000' },
    ];
    const edge = fitLegend(two, 356, 200, 80);
    expect(edge.edge).toBe(true);
    expect(edge.height).toBe(fitLegend(two, 2000, 200, 80).height);
  });

  it('grows the chart for legend rows beyond the first instead of shrinking the plot', () => {
    const input = { size: { width: 356, height: 340 }, titleHeight: 48, yTickLabels: ['0.0'], xLabel: 'x' };
    const one = layoutWithLegend({ ...input, entries: ten.slice(0, 1) });
    const many = layoutWithLegend({ ...input, entries: ten });
    expect(one.height).toBe(340);
    expect(many.legend.height).toBeGreaterThan(one.legend.height);
    expect(many.height - 340).toBe(many.legend.height - one.legend.height);
    expect(many.inner.height).toBe(one.inner.height);
    // The legend ends above the plot; a side legend starts right of it.
    expect(48 + 2 + many.legend.height).toBeLessThanOrEqual(many.margin.top);
    const side = layoutWithLegend({ ...input, size: { width: 640, height: 340 }, entries: ten });
    expect(side.legend.side).toBeGreaterThan(0);
    expect(side.height).toBe(340);
    expect(side.margin.left + side.inner.width).toBeLessThanOrEqual(640 - side.legend.side!);
    expect(side.inner.width).toBeGreaterThanOrEqual(MIN_PLOT_WIDTH);
    // A wrapped title and marker labels that would crush the plot grow the chart to the minimum.
    const crowded = layoutWithLegend({
      ...input,
      size: { width: 356, height: 250 },
      entries: [],
      aboveHeight: 60,
    });
    expect(crowded.inner.height).toBe(MIN_PLOT_HEIGHT);
    expect(crowded.height).toBe(crowded.margin.top + crowded.margin.bottom + MIN_PLOT_HEIGHT);
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
