// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { atlasPixels, createImageGrid, layoutImageGrid } from './imageGrid';
import { installFakeCanvas } from './fakeCanvas';
import { COLORS, setTestMode } from './theme';
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

/** N images of 2×2 where image i has every pixel = i·10. */
function images(n: number) {
  const pixels = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) pixels.fill(i * 10, i * 4, i * 4 + 4);
  return { pixels, width: 2, height: 2 };
}

describe('imageGrid layout', () => {
  it('uses an integer scale and fits columns to the width', () => {
    const L = layoutImageGrid({ ...images(10), width: 28, height: 28, rows: [0, 1, 2, 3, 4] }, {}, 200);
    expect(L.scale).toBe(2);
    expect(L.cellWidth).toBe(28 * 2 + 6);
    expect(L.columns).toBe(Math.floor((200 + 8) / (62 + 8)));
    expect(L.columns).toBe(2);
    expect(L.cells[2]).toEqual({ x: 0, y: L.cellHeight + 8 });
    expect(L.cells[3]).toEqual({ x: L.cellWidth + 8, y: L.cellHeight + 8 });
    expect(layoutImageGrid({ ...images(1), rows: [0] }, { scale: 2.7 }, 500).scale).toBe(2);
  });

  it('packs the chosen rows into a grayscale atlas, in display order', () => {
    const a = atlasPixels({ ...images(5), rows: [3, 1] }, 2);
    expect([a.width, a.height]).toEqual([4, 2]);
    // Pixel (0,0) is image 3, pixel (2,0) is image 1; alpha is opaque.
    expect([a.rgba[0], a.rgba[3], a.rgba[8]]).toEqual([30, 255, 10]);
    expect(atlasPixels({ ...images(5), rows: [1] }, 1, true).rgba[0]).toBe(245);
  });
});

describe('imageGrid', () => {
  it('renders captions, borders and an accessible label; update changes the count', () => {
    const el = host(300);
    const chart = createImageGrid(el, { title: 'Hardest examples' });
    chart.update({
      ...images(6),
      rows: [5, 4, 3],
      captions: ['0.91', '0.80', '0.75'],
      borders: [COLORS.kept, COLORS.prunedBorder, null],
    });
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toContain('3 images of 2×2 pixels');
    expect(count(el, 'g.cell')).toBe(3);
    expect(texts(el, 'text.caption')).toEqual(['0.91', '0.80', '0.75']);
    const strokes = Array.from(el.querySelectorAll('rect.cell-border'), (r) => r.getAttribute('stroke'));
    expect(strokes).toEqual([COLORS.kept, COLORS.prunedBorder, 'none']);
    // Edge columns anchor their captions inward (a class name wider than a 2-pixel cell stays on the chart).
    const anchors = Array.from(el.querySelectorAll('text.caption'), (t) => t.getAttribute('text-anchor'));
    expect(anchors).toEqual(['start', 'middle', 'end']);
    chart.update({ ...images(6), rows: [0] });
    expect(count(el, 'g.cell')).toBe(1);
    expect(el.querySelector('text.caption')!.getAttribute('display')).toBe('none');
    chart.destroy();
    expect(el.innerHTML).toBe('');
  });

  it('reports the hovered row (or its id) once per change', () => {
    const el = host(400);
    const onHover = vi.fn();
    const chart = createImageGrid(el, { onHover, scale: 10, columns: 2, gap: 10 });
    chart.update({ ...images(4), rows: [0, 1, 2], ids: [100, 101, 102] });
    // Cells are 26 px wide (20 px image + 2·3 px border) with 10 px gaps.
    expect(chart.cellAt(5, 5)).toBe(0);
    expect(chart.cellAt(30, 5)).toBeNull();
    expect(chart.cellAt(40, 5)).toBe(1);
    expect(chart.cellAt(5, 40)).toBe(2);
    expect(chart.cellAt(40, 40)).toBeNull();
    const svg = el.querySelector('svg')!;
    svg.dispatchEvent(new MouseEvent('pointermove', { clientX: 40, clientY: 5 }));
    svg.dispatchEvent(new MouseEvent('pointermove', { clientX: 41, clientY: 6 }));
    expect(onHover.mock.calls).toEqual([[101]]);
    expect(el.querySelector('rect.hover-cell')!.getAttribute('display')).toBeNull();
    svg.dispatchEvent(new MouseEvent('pointerleave'));
    expect(onHover.mock.calls).toEqual([[101], [null]]);
  });

  it('draws each image with smoothing off at an integer scale (fake canvas)', () => {
    restore();
    const fake = installFakeCanvas();
    try {
      const el = host(400);
      createImageGrid(el, { scale: 3 }).update({ ...images(4), rows: [2, 0] });
      expect(fake.log.imageSmoothingEnabled).toBe(false);
      expect(fake.log.calls.putImageData).toBe(1);
      expect(fake.log.drawImageArgs).toHaveLength(2);
      // Source 2×2, destination 6×6.
      expect(fake.log.drawImageArgs[1]!.slice(2, 4)).toEqual([2, 2]);
      expect(fake.log.drawImageArgs[1]!.slice(6, 8)).toEqual([6, 6]);
    } finally {
      fake.restore();
      restore = quietNoCanvas();
    }
  });

  it('draws colour images (channels 3) as their own R, G, B', () => {
    // Two 2×1 colour images: image 0 red then green, image 1 blue then grey.
    const pixels = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]);
    const a = atlasPixels({ pixels, width: 2, height: 1, channels: 3, rows: [1, 0] }, 2);
    expect([a.width, a.height]).toEqual([4, 1]);
    expect(Array.from(a.rgba)).toEqual([0, 0, 255, 255, 9, 9, 9, 255, 255, 0, 0, 255, 0, 255, 0, 255]);
  });
});
