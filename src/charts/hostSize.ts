/**
 * Chart host sizes without forced layouts. Reading `clientWidth` after the DOM changed makes the
 * browser lay out the whole page on the spot; a panel that mounts several charts in one React
 * commit (a run's diagnostics, the diff view) used to do that once per chart, and again per chart
 * to start its size observer: 30–70 ms tasks on the main thread. Instead one shared
 * ResizeObserver reports every host after the browser's own layout; its callback reads all the
 * sizes first (layout is clean then, so the reads are free), each chart draws in a task of its
 * own after that, and `measure()` (charts/frame.ts) reads the size remembered here.
 */
import type { Size } from './types';

const known = new WeakMap<Element, Size>();
const listeners = new Map<Element, (size: Size) => void>();
let observer: ResizeObserver | undefined;

/** The host's size as last reported by the shared observer (undefined before its first report). */
export function knownSize(el: Element): Size | undefined {
  return known.get(el);
}

export function canWatchSize(): boolean {
  return typeof ResizeObserver !== 'undefined';
}

/**
 * Calls `onSize` with the host's size after each layout that changed it, starting with the
 * first layout after this call. Needs ResizeObserver (see canWatchSize).
 */
export function watchSize(el: HTMLElement, onSize: (size: Size) => void): () => void {
  observer ??= new ResizeObserver((entries) => {
    // Read every size before any listener draws: a draw dirties layout for the next read.
    const sized = entries.map((e) => {
      const t = e.target as HTMLElement;
      const size = { width: t.clientWidth, height: t.clientHeight };
      known.set(t, size);
      return [t, size] as const;
    });
    for (const [t, size] of sized) listeners.get(t)?.(size);
  });
  listeners.set(el, onSize);
  observer.observe(el);
  return () => {
    observer?.unobserve(el);
    listeners.delete(el);
    known.delete(el);
  };
}

/**
 * Charts waiting to be drawn after the frame that laid their hosts out, one chart per task: a
 * run's details mount five or six charts at once, and drawing them all in one task was a 180 ms
 * task on a loaded 2-core machine (EL2N journey), 190 ms under 4× CPU throttling. Each chart
 * reads the size remembered above, so a frame in between forces no layout.
 */
const pending: (() => void)[] = [];

function drawNext(): void {
  const create = pending.shift();
  try {
    create?.();
  } finally {
    if (pending.length) setTimeout(drawNext, 0);
  }
}

function drawSoon(create: () => void): void {
  if (!pending.length) setTimeout(drawNext, 0);
  pending.push(create);
}

/**
 * Creates a chart at its host's laid-out size, then resizes it when the host's size changes.
 * The first draw runs in a task of its own after the frame that laid the host out, not inside
 * that frame: a frame that lays out a page, runs React's commit and draws new charts all at once
 * was a 70–100 ms task on a loaded machine. The report that follows the first draw (the host
 * fitting its new content) is taken as the chart's own size, not as a resize, so a chart never
 * chases its own growth. Without ResizeObserver (jsdom) the chart is created at once.
 * Returns the teardown.
 */
export function attachChart(el: HTMLElement, create: () => void, resize: () => void): () => void {
  if (!canWatchSize()) {
    create();
    return () => {};
  }
  let state: 'waiting' | 'scheduled' | 'settling' | 'drawn' = 'waiting';
  let stopped = false;
  let last = '';
  const stop = watchSize(el, (size) => {
    const key = `${size.width}x${size.height}`;
    if (state === 'waiting') {
      state = 'scheduled';
      drawSoon(() => {
        if (stopped) return;
        create();
        last = `${knownSize(el)?.width}x${knownSize(el)?.height}`;
        state = 'settling';
        // The host's next report (its first layout with the chart in it) lands before the
        // second animation frame from now.
        requestAnimationFrame(() => requestAnimationFrame(() => (state = 'drawn')));
      });
      return;
    }
    if (key === last) return;
    last = key;
    if (state === 'drawn') resize();
  });
  return () => {
    stopped = true;
    stop();
  };
}
