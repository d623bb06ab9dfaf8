// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../../core/methods/diagnostics';
import { setTestMode } from '../theme';
import { count, quietNoCanvas } from '../testUtil';
import { DiagnosticView } from './DiagnosticView';
import { LineChartView } from './LineChartView';
import { ScatterView } from './ScatterView';
import { optionsKey } from './liveOptions';
import type { LineChartData } from '../lineChart';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
beforeAll(() => {
  setTestMode(true);
  quietNoCanvas();
});

let root: Root | null = null;
let container: HTMLDivElement;
function mount(): void {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
}
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

const curve = (n: number): LineChartData => ({
  series: [
    {
      name: 'loss',
      x: Array.from({ length: n }, (_, i) => i),
      y: Array.from({ length: n }, (_, i) => 1 / (i + 1)),
    },
  ],
});

describe('React wrappers', () => {
  it('creates on mount, updates on new data, keeps the chart for equal options, destroys on unmount', () => {
    mount();
    act(() =>
      root!.render(
        createElement(LineChartView, { data: curve(2), options: { yLabel: 'loss' }, testId: 'curves' }),
      ),
    );
    const host = container.querySelector('[data-testid="curves"]')!;
    const svg = host.querySelector('svg');
    expect(svg).not.toBeNull();
    const d2 = host.querySelector('path.line')!.getAttribute('d');
    // A new but equal options object must not rebuild the chart.
    act(() =>
      root!.render(
        createElement(LineChartView, { data: curve(5), options: { yLabel: 'loss' }, testId: 'curves' }),
      ),
    );
    expect(host.querySelector('svg')).toBe(svg);
    expect(host.querySelector('path.line')!.getAttribute('d')).not.toBe(d2);
    act(() =>
      root!.render(
        createElement(LineChartView, { data: curve(5), options: { yLabel: 'accuracy' }, testId: 'curves' }),
      ),
    );
    expect(host.querySelector('svg')).not.toBe(svg);
    expect(host.querySelectorAll('svg')).toHaveLength(1);
    expect(host.querySelector('.y-label')!.textContent).toBe('accuracy');
    act(() => root!.unmount());
    root = null;
    expect(host.innerHTML).toBe('');
  });

  it('calls the latest callback without rebuilding', () => {
    mount();
    const first = vi.fn();
    const second = vi.fn();
    const data = { x: [0, 1], y: [0, 1] };
    act(() => root!.render(createElement(ScatterView, { data, options: { onHover: first } })));
    const svg = container.querySelector('svg');
    act(() => root!.render(createElement(ScatterView, { data, options: { onHover: second } })));
    expect(container.querySelector('svg')).toBe(svg);
    container.querySelector('rect.hover-target')!.dispatchEvent(new MouseEvent('pointerleave'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(null);
  });

  it('DiagnosticView draws by kind and follows a change of kind', () => {
    mount();
    const bars: Diagnostic = {
      kind: 'classBars',
      title: 'Kept',
      classNames: ['a', 'b'],
      yLabel: 'n',
      series: [{ name: 'm', values: [1, 2] }],
    };
    const table: Diagnostic = { kind: 'table', title: 'T', columns: ['x'], rows: [[1], [2], [3]] };
    act(() => root!.render(createElement(DiagnosticView, { diagnostic: bars })));
    expect(count(container, 'rect.bar')).toBe(2);
    act(() => root!.render(createElement(DiagnosticView, { diagnostic: table })));
    expect(count(container, 'rect.bar')).toBe(0);
    expect(count(container, 'tbody tr')).toBe(3);
    expect(container.firstElementChild!.getAttribute('data-kind')).toBe('table');
  });

  it('keys options by value, ignoring which function is passed', () => {
    expect(optionsKey({ a: 1, f: () => 1 })).toBe(optionsKey({ a: 1, f: () => 2 }));
    expect(optionsKey({ a: 1 })).not.toBe(optionsKey({ a: 1, f: () => 2 }));
    expect(optionsKey({ a: 1 })).not.toBe(optionsKey({ a: 2 }));
  });
});
