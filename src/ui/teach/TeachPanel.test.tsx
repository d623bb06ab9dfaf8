// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setTestMode } from '../../charts/theme';
import { quietNoCanvas } from '../../charts/testUtil';
import { makeToy } from '../../core/data/toy';
import { teachSteps, type TeachMethod } from '../../core/methods/stepThrough';
import type { Jobs } from '../../state/jobs';
import { appStore } from '../../state/store';
import type { AppState } from '../../state/types';
import { JobsContext } from '../context';
import { TeachPanel } from './TeachPanel';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
beforeAll(() => {
  setTestMode(true);
  quietNoCanvas();
});

const toy = makeToy({ shape: 'blobs', n: 120, noise: 0.1, seed: 3 });
const points = toy.x as Float32Array;
type Summary = NonNullable<AppState['data']['summary']>;
const summary: Summary = {
  key: 'toy-test',
  name: toy.name,
  n: 120,
  testN: 0,
  shape: [2],
  numClasses: 3,
  classNames: toy.classNames,
  classCounts: [40, 40, 40],
  testClassCounts: [0, 0, 0],
  sampleRows: [],
  points,
  labels: toy.labels,
  noisyCount: 0,
  oodCount: 0,
  truth: {},
  source: { id: 'toy', numbering: 'rows of the generated toy set', size: 1 },
  sourceRows: new Int32Array(0),
  loadMs: 1,
};

/** The worker's part is the real core step-through, run in place of the worker round trip. */
const calls: { method: string; budget: number; gamma?: number }[] = [];
const jobs = {
  teachSteps: (method: string, budget: number, gamma?: number) => {
    calls.push({ method, budget, gamma });
    return Promise.resolve(teachSteps(points, toy.labels, budget, method as TeachMethod, { gamma }));
  },
} as unknown as Jobs;

let root: Root | null = null;
let el: HTMLDivElement;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

async function mount(): Promise<void> {
  appStore.setState({ data: { status: 'ready', summary } });
  el = document.createElement('div');
  document.body.appendChild(el);
  root = createRoot(el);
  await act(async () => {
    root!.render(createElement(JobsContext.Provider, { value: jobs }, createElement(TeachPanel)));
  });
}

const byId = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
const click = async (id: string) => act(async () => byId(id).click());
const pickLabels = () =>
  Array.from(el.querySelectorAll('[data-testid="teach.chart"] text.pick-label'), (t) => t.textContent);

describe('TeachPanel', () => {
  it('steps forward and back through the greedy picks with buttons and arrow keys', async () => {
    await mount();
    expect(byId('teach.status').textContent).toContain('10 greedy picks ready');
    expect((byId('teach.back') as HTMLButtonElement).disabled).toBe(true);
    await click('teach.step');
    await click('teach.step');
    expect(pickLabels()).toEqual(['1', '2']);
    expect(byId('teach.status').textContent).toMatch(/^Step 2 of 10: kept point \d+ \(class [ABC]\), gain /);
    await click('teach.back');
    expect(pickLabels()).toEqual(['1']);
    const plot = byId('teach.chart').parentElement!;
    await act(async () => {
      plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(pickLabels()).toEqual(['1', '2']);
    await click('teach.reset');
    expect(pickLabels()).toEqual([]);
    // The gain chart draws one point per step.
    expect(el.querySelectorAll('[data-testid="teach.gains"] path').length).toBeGreaterThan(0);
  });

  it('plays the picks one after another and stops at the last', async () => {
    await mount();
    vi.useFakeTimers();
    try {
      await click('teach.play');
      expect(byId('teach.play').getAttribute('aria-pressed')).toBe('true');
      for (let t = 0; t < 3; t++) await act(() => vi.advanceTimersByTime(700));
      expect(pickLabels()).toEqual(['1', '2', '3']);
      for (let t = 0; t < 10; t++) await act(() => vi.advanceTimersByTime(700));
      expect(pickLabels().length).toBe(10);
      expect(byId('teach.play').textContent).toBe('Play');
      expect((byId('teach.step') as HTMLButtonElement).disabled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('recomputes for another method and shows γ for SubZeroCore', async () => {
    await mount();
    expect(el.querySelector('[data-testid="teach.gamma"]')).toBeNull();
    const select = byId('teach.method') as HTMLSelectElement;
    await act(async () => {
      select.value = 'subzero';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(calls.at(-1)).toEqual({ method: 'subzero', budget: 10, gamma: 0.6 });
    expect(el.querySelector('[data-testid="teach.gamma"]')).not.toBeNull();
    expect(byId('teach.status').textContent).toMatch(/K = \d+ neighbours/);
    await click('teach.step');
    expect(byId('teach.status').textContent).toContain('density weight');
  });
});
