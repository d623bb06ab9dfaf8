// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createScatterChart, layoutScatter, project } from './scatterChart';
import { categoryColor, COLORS, setTestMode } from './theme';
import { installFakeCanvas } from './fakeCanvas';
import { count, host, quietNoCanvas, texts } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
});

function cloud(n: number) {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const group = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // Deterministic spiral: spread out, no RNG needed.
    x[i] = Math.cos(i * 0.37) * (i % 97);
    y[i] = Math.sin(i * 0.37) * (i % 89);
    group[i] = i % 10;
  }
  return { x, y, group, groupNames: Array.from({ length: 10 }, (_, c) => `class ${c}`) };
}

describe('scatterChart', () => {
  // This test alone meets jsdom's real getContext (null, with a logged "not implemented").
  it('draws axes, a legend per group, and one ring per highlighted point', () => {
    const el = host();
    const chart = createScatterChart(el, { title: 'Picks', xLabel: 'PC 1', yLabel: 'PC 2' });
    chart.update({ ...cloud(200), highlight: [0, 5, 7], highlightLabel: 'herding picks' });
    expect(el.querySelector('canvas')).not.toBeNull();
    expect(count(el, '.x-axis .tick')).toBeGreaterThan(2);
    expect(count(el, 'circle.ring')).toBe(3);
    expect(texts(el, '.legend-label')).toEqual([...cloud(1).groupNames, 'herding picks']);
    expect(el.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Picks: 200 points in 10 groups, 3 herding picks ringed',
    );
    chart.update({ ...cloud(200), keptRows: [1, 2] });
    expect(count(el, 'circle.ring')).toBe(0);
    expect(texts(el, '.legend-label').at(-1)).toBe('pruned');
  });

  it('handles 60k points and moves many rings onto the canvas (no SVG node per ring)', () => {
    const restore = quietNoCanvas();
    const el = host(900, 600);
    const chart = createScatterChart(el, { ringLimit: 1000 });
    const highlight = Int32Array.from({ length: 6000 }, (_, i) => i * 10);
    // Its speed is a benchmark's business; here, the structure that keeps it fast on any machine.
    const data = { ...cloud(60_000), highlight };
    chart.update(data);
    // At a drawn point's own pixel (the spiral has holes, so a fixed pixel may be empty).
    const at = project(data, layoutScatter(data, {}, { width: 900, height: 600 }, 0));
    const row = chart.nearest(at.px[1234]!, at.py[1234]!);
    expect(count(el, 'circle.ring')).toBe(0);
    expect(el.querySelector('g.rings')!.getAttribute('data-count')).toBe('6000');
    expect(row).not.toBeNull();
    restore();
  });

  it('finds the nearest point in pixels and reports hover rows', () => {
    const data = { x: [0, 10, 10], y: [0, 0, 10] };
    const L = layoutScatter(data, {}, { width: 600, height: 320 }, 0);
    const pos = project(data, L);
    const el = host();
    const onHover = vi.fn();
    const restore = quietNoCanvas();
    const chart = createScatterChart(el, { onHover });
    chart.update(data);
    expect(chart.nearest(pos.px[2]! + 3, pos.py[2]! - 2)).toBe(2);
    expect(chart.nearest(pos.px[2]! + 200, pos.py[2]! + 200, 10)).toBeNull();

    const target = el.querySelector('rect.hover-target')!;
    // jsdom has no layout: the svg sits at client (0, 0), so client = svg coordinates.
    const at = (i: number) => ({
      clientX: pos.px[i]! + L.margin.left,
      clientY: pos.py[i]! + L.margin.top,
      bubbles: true,
    });
    target.dispatchEvent(new MouseEvent('pointermove', at(1)));
    expect(onHover).toHaveBeenLastCalledWith(1);
    expect(el.querySelector('circle.hover-ring')!.getAttribute('display')).toBeNull();
    target.dispatchEvent(new MouseEvent('pointerleave'));
    expect(onHover).toHaveBeenLastCalledWith(null);
    chart.destroy();
    expect(el.innerHTML).toBe('');
    restore();
  });

  it('paints pruned points grey and kept points in their class colour (fake canvas)', () => {
    const fake = installFakeCanvas();
    try {
      const el = host();
      createScatterChart(el).update({
        x: [0, 1, 2, 3],
        y: [0, 1, 2, 3],
        group: [0, 1, 1, 2],
        keptRows: [1, 3],
      });
      expect(fake.log.calls.arc).toBe(4);
      expect(fake.log.fillStyles).toEqual([
        COLORS.pruned,
        categoryColor(0),
        categoryColor(1),
        categoryColor(2),
      ]);
    } finally {
      fake.restore();
    }
  });
});
