// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBarChart } from './barChart';
import { downloadBlob, exportPng, exportSvg } from './export';
import { setTestMode } from './theme';
import { host } from './testUtil';

beforeAll(() => setTestMode(true));
afterEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

describe('export', () => {
  it('serializes a standalone SVG with namespace, size, background and inlined CSS', () => {
    const style = document.createElement('style');
    style.textContent = '.cw-chart-svg .chart-title { font-weight: 700; }';
    document.head.appendChild(style);
    const el = host(500, 300);
    createBarChart(el, { title: 'Counts' }).update({
      categories: ['a', 'b'],
      series: [{ name: 's', values: [1, 2] }],
    });
    const svg = el.querySelector('svg')!;
    const text = exportSvg(svg);
    expect(text.startsWith('<?xml')).toBe(true);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).toBe('500');
    expect(root.getAttribute('role')).toBe('img');
    expect(root.querySelectorAll('rect.bar')).toHaveLength(2);
    expect(root.children[0]!.tagName).toBe('title');
    expect(root.children[1]!.getAttribute('fill')).toBe('#ffffff');
    // The stylesheet rule travels inside the file.
    expect(root.querySelector('.chart-title')!.getAttribute('style')).toContain('font-weight: 700');
    // The page is untouched.
    expect(svg.querySelector(':scope > rect')).toBeNull();
  });

  it('rejects PNG export without a 2-D canvas instead of hanging', async () => {
    const el = host();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    await expect(exportPng(el)).rejects.toThrow(/2-D canvas/);
    vi.restoreAllMocks();
  });

  it('downloads through a temporary link', () => {
    const created = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    downloadBlob('chart.svg', new Blob(['<svg/>']));
    expect(created).toHaveBeenCalledOnce();
    expect(click).toHaveBeenCalledOnce();
    expect(document.querySelector('a')).toBeNull();
    vi.restoreAllMocks();
  });
});
