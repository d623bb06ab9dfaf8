// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBarChart } from './barChart';
import { exportElementSvg } from './export';
import { setTestMode } from './theme';
import { host, quietNoCanvas } from './testUtil';

let restore: () => void = () => {};
beforeAll(() => {
  setTestMode(true);
  restore = quietNoCanvas();
});
afterAll(() => restore());
afterEach(() => {
  document.body.innerHTML = '';
});

const parse = (text: string) => new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;

describe('exportElementSvg', () => {
  it('exports a lone chart svg as itself', () => {
    const el = host(400, 200);
    createBarChart(el, { title: 'Counts' }).update({
      categories: ['a', 'b'],
      series: [{ name: 's', values: [1, 2] }],
    });
    const root = parse(exportElementSvg(el));
    expect(root.getAttribute('width')).toBe('400');
    expect(root.querySelector('title')!.textContent).toContain('Counts');
    expect(root.querySelectorAll('rect').length).toBeGreaterThan(2);
  });

  it('composes several svgs and a canvas layer into one file, canvas as an embedded PNG', () => {
    const el = host(400, 300);
    for (const t of ['first', 'second'])
      createBarChart(el, { title: t, width: 300, height: 120 }).update({
        categories: ['a'],
        series: [{ name: 's', values: [1] }],
      });
    const canvas = document.createElement('canvas');
    canvas.toDataURL = () => 'data:image/png;base64,AAAA';
    canvas.setAttribute('width', '50');
    canvas.setAttribute('height', '40');
    el.appendChild(canvas);
    const root = parse(exportElementSvg(el, { background: '#fff' }));
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    const nested = root.querySelectorAll(':scope > svg');
    expect(nested).toHaveLength(2);
    expect(nested[0]!.getAttribute('width')).toBe('300');
    const img = root.querySelector(':scope > image')!;
    expect(img.getAttribute('href')).toBe('data:image/png;base64,AAAA');
    expect(img.getAttribute('width')).toBe('50');
    expect(root.querySelector(':scope > rect')!.getAttribute('fill')).toBe('#fff');
    expect(Number(root.getAttribute('width'))).toBeGreaterThanOrEqual(300);
  });

  it('skips a canvas that cannot be read instead of failing the export', () => {
    const el = host(400, 300);
    createBarChart(el, { title: 'x', width: 200, height: 100 }).update({
      categories: ['a'],
      series: [{ name: 's', values: [1] }],
    });
    const canvas = document.createElement('canvas');
    canvas.toDataURL = () => {
      throw new Error('tainted');
    };
    el.appendChild(canvas);
    const root = parse(exportElementSvg(el));
    expect(root.querySelectorAll('image')).toHaveLength(0);
    expect(root.querySelectorAll(':scope > svg')).toHaveLength(1);
  });
});
