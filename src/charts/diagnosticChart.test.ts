// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../core/methods/diagnostics';
import { renderDiagnostic } from './diagnosticChart';
import { rankingEnds } from './imageRanking';
import { setTestMode } from './theme';
import { count, host, quietNoCanvas, texts } from './testUtil';

let restore: () => void = () => {};
beforeAll(() => {
  setTestMode(true);
  restore = quietNoCanvas();
});
afterAll(() => restore());
afterEach(() => {
  document.body.innerHTML = '';
});

const fixtures: Record<Diagnostic['kind'], Diagnostic> = {
  histogram: {
    kind: 'histogram',
    title: 'Forgetting events',
    xLabel: 'events',
    series: [{ name: 'all', values: Float32Array.from([0, 1, 1, 2, 5]) }],
    markers: [{ value: 2, label: 'cut' }],
  },
  classBars: {
    kind: 'classBars',
    title: 'Kept per class',
    classNames: ['a', 'b'],
    yLabel: 'samples kept',
    series: [
      { name: 'herding', values: [3, 5] },
      { name: 'proportional', values: [4, 4] },
    ],
  },
  curves: {
    kind: 'curves',
    title: 'Coverage',
    xLabel: 'k',
    yLabel: 'covered',
    series: [{ name: 'greedy', x: [1, 2, 3], y: [0.2, 0.5, 0.6] }],
    markers: [{ x: 2, y: 0.5, label: 'budget' }],
  },
  scatter: {
    kind: 'scatter',
    title: 'Picks',
    xLabel: 'PC 1',
    yLabel: 'PC 2',
    x: [0, 1, 2],
    y: [0, 1, 0],
    group: Uint8Array.from([0, 1, 0]),
    groupNames: ['a', 'b'],
    highlight: [1],
    highlightLabel: 'picked',
  },
  roc: { kind: 'roc', title: 'Noise ROC', curves: [{ name: 'AUM', fpr: [0, 1], tpr: [0, 1] }] },
  imageRanking: {
    kind: 'imageRanking',
    title: 'By EL2N',
    rows: [7, 3, 1],
    scores: [0.9, 0.5, 0.1],
    scoreLabel: 'EL2N',
  },
  table: {
    kind: 'table',
    title: 'Summary',
    columns: ['class', 'kept'],
    rows: [
      ['a', 3],
      ['b', 0.12345],
    ],
  },
};

/** What each kind must put in the DOM, as selector → count. */
const expected: Record<Diagnostic['kind'], Record<string, number>> = {
  histogram: { 'path.hist-series': 1, 'g.threshold': 1 },
  classBars: { 'rect.bar': 4, '.legend-entry': 2 },
  curves: { 'path.line': 1, 'circle.point': 3, 'g.marker': 1 },
  scatter: { canvas: 1, 'circle.ring': 1, '.legend-entry': 3 },
  roc: { 'path.roc-curve': 1, 'line.diagonal': 1 },
  imageRanking: { 'g.cell': 3 },
  table: { 'tbody tr': 2, th: 2 },
};

const images = (rows: Int32Array) => ({
  pixels: new Uint8Array(rows.length * 4).fill(128),
  width: 2,
  height: 2,
});

describe('renderDiagnostic', () => {
  for (const kind of Object.keys(fixtures) as Diagnostic['kind'][]) {
    it(`renders ${kind}`, () => {
      const el = host();
      const chart = renderDiagnostic(el, fixtures[kind], { getImages: images });
      for (const [sel, n] of Object.entries(expected[kind])) expect(count(el, sel), sel).toBe(n);
      expect(el.textContent).toContain(fixtures[kind].title);
      chart.resize();
      chart.destroy();
      expect(el.innerHTML).toBe('');
    });
  }

  it('curves over whole-number x (epochs, picks) get whole-number ticks; fractional x does not', () => {
    const epochs = host();
    renderDiagnostic(epochs, {
      ...fixtures.curves,
      series: [{ name: 'kept', x: [1, 2, 3], y: [0.2, 0.4, 0.5] }],
    } as Diagnostic);
    const ticks = Array.from(epochs.querySelectorAll('.x-axis .tick text'), (t) => t.textContent ?? '');
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every((t) => /^\d+$/.test(t))).toBe(true);
    const fractions = host();
    renderDiagnostic(fractions, {
      ...fixtures.curves,
      series: [{ name: 'kept', x: [0.1, 0.2, 0.3], y: [0.2, 0.4, 0.5] }],
    } as Diagnostic);
    const fracTicks = Array.from(fractions.querySelectorAll('.x-axis .tick text'), (t) => t.textContent);
    expect(fracTicks.some((t) => t?.includes('.'))).toBe(true);
  });

  it('switches kind in place and updates the same kind without rebuilding', () => {
    const el = host();
    const chart = renderDiagnostic(el, fixtures.histogram);
    const svg = el.querySelector('svg');
    chart.update({
      ...fixtures.histogram,
      series: [
        { name: 'x', values: [1] },
        { name: 'y', values: [2] },
      ],
    } as Diagnostic);
    expect(el.querySelector('svg')).toBe(svg);
    expect(count(el, 'path.hist-series')).toBe(2);
    chart.update(fixtures.roc);
    expect(count(el, 'path.hist-series')).toBe(0);
    expect(count(el, 'path.roc-curve')).toBe(1);
    expect(el.querySelectorAll('.cw-chart')).toHaveLength(1);
  });

  it('asks for exactly the ranked ends, captions scores, borders by kept, reports dataset rows', () => {
    const el = host(800);
    const getImages = vi.fn(images);
    const onHoverRow = vi.fn();
    const rows = Int32Array.from({ length: 10 }, (_, i) => 100 + i);
    renderDiagnostic(
      el,
      {
        kind: 'imageRanking',
        title: 'Ranked',
        rows,
        scores: Float32Array.from(rows, (r) => r / 1000),
        scoreLabel: 'score',
      },
      { getImages, isKept: (r) => r < 105, onHoverRow, rankingCount: 2 },
    );
    expect(Array.from(getImages.mock.calls[0]![0])).toEqual([100, 101, 108, 109]);
    // Scores ascend in the method's order (EasyCore keeps the lowest first): the headings say so.
    expect(texts(el, '.ranking-heading')).toEqual([
      'Lowest score (ranked first)',
      'Highest score (ranked last)',
    ]);
    expect(texts(el, 'text.caption')).toEqual(['0.1', '0.101', '0.108', '0.109']);
    const strokes = Array.from(el.querySelectorAll('rect.cell-border'), (r) => r.getAttribute('stroke'));
    expect(strokes).toEqual(['#1a7f37', '#1a7f37', '#b42318', '#b42318']);
    el.querySelectorAll('svg')[1]!.dispatchEvent(new MouseEvent('pointermove', { clientX: 5, clientY: 5 }));
    expect(onHoverRow).toHaveBeenLastCalledWith(108);
  });

  it('says so when images are unavailable', () => {
    const el = host();
    renderDiagnostic(el, fixtures.imageRanking);
    expect(el.querySelector('.cw-note')!.textContent).toContain('not available');
    expect(count(el, 'g.cell')).toBe(0);
  });

  it('picks ranking ends without overlap', () => {
    expect(rankingEnds(5, 3)).toEqual({ top: [0, 1, 2], bottom: [3, 4] });
    expect(rankingEnds(10, 2)).toEqual({ top: [0, 1], bottom: [8, 9] });
    expect(rankingEnds(0, 2)).toEqual({ top: [], bottom: [] });
  });
});
