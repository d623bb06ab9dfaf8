// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A ResizeObserver the test drives: `report` delivers entries as the browser would after layout. */
class FakeObserver {
  static all: FakeObserver[] = [];
  targets = new Set<Element>();
  constructor(private cb: (entries: { target: Element }[]) => void) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  report(els: Element[]) {
    this.cb(els.filter((e) => this.targets.has(e)).map((target) => ({ target })));
  }
}

function host(width: number, height: number) {
  const el = document.createElement('div');
  const reads: string[] = [];
  let size = { width, height };
  Object.defineProperty(el, 'clientWidth', { get: () => (reads.push('w'), size.width) });
  Object.defineProperty(el, 'clientHeight', { get: () => (reads.push('h'), size.height) });
  return { el, reads, resizeTo: (w: number, h: number) => (size = { width: w, height: h }) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.resetModules();
  FakeObserver.all = [];
});

async function load() {
  vi.stubGlobal('ResizeObserver', FakeObserver);
  vi.useFakeTimers();
  return import('./hostSize');
}

describe('chart host sizes', () => {
  it('reads every host in a report before any chart draws, then draws each in a later task of its own at that size', async () => {
    const { attachChart, knownSize } = await load();
    const a = host(300, 200);
    const b = host(500, 220);
    const log: string[] = [];
    attachChart(
      a.el,
      () => log.push(`draw a ${JSON.stringify(knownSize(a.el))} reads b ${b.reads.length}`),
      () => {},
    );
    attachChart(
      b.el,
      () => log.push('draw b'),
      () => {},
    );
    FakeObserver.all[0]!.report([a.el, b.el]);
    expect(log).toEqual([]); // not inside the frame that laid the hosts out
    vi.runOnlyPendingTimers();
    expect(log).toEqual(['draw a {"width":300,"height":200} reads b 2']);
    // One chart per task: a panel mounting several charts never draws them all in one long task.
    vi.runOnlyPendingTimers();
    expect(log).toEqual(['draw a {"width":300,"height":200} reads b 2', 'draw b']);
    expect(knownSize(b.el)).toEqual({ width: 500, height: 220 });
  });

  it('ignores the host fitting its new chart, then resizes on a real change; nothing after teardown', async () => {
    const { attachChart } = await load();
    const h = host(300, 200);
    const create = vi.fn();
    const resize = vi.fn();
    const stop = attachChart(h.el, create, resize);
    const ro = FakeObserver.all[0]!;
    ro.report([h.el]);
    vi.runOnlyPendingTimers();
    expect(create).toHaveBeenCalledTimes(1);
    h.resizeTo(300, 224); // the chart's own growth, reported in the next frame
    ro.report([h.el]);
    expect(resize).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100); // two animation frames
    h.resizeTo(420, 224);
    ro.report([h.el]);
    expect(resize).toHaveBeenCalledTimes(1);
    ro.report([h.el]); // same size again: no redraw
    expect(resize).toHaveBeenCalledTimes(1);
    stop();
    h.resizeTo(100, 224);
    ro.report([h.el]);
    expect(resize).toHaveBeenCalledTimes(1);
  });

  it('a chart unmounted before its draw task never draws', async () => {
    const { attachChart } = await load();
    const h = host(300, 200);
    const create = vi.fn();
    const stop = attachChart(h.el, create, () => {});
    FakeObserver.all[0]!.report([h.el]);
    stop();
    vi.runOnlyPendingTimers();
    expect(create).not.toHaveBeenCalled();
  });
});
