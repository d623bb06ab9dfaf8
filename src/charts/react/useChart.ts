/**
 * The one bridge between React and a chart: create at the host's first layout after mount
 * (hostSize.ts: same frame, no forced layout), update when `data` changes
 * (by identity), resize when the host's box changes, destroy on unmount. `deps` rebuild the
 * chart (options that are fixed at creation).
 */
import { useEffect, useRef, type DependencyList, type RefObject } from 'react';
import { attachChart, canWatchSize } from '../hostSize';
import type { Chart } from '../types';

export interface UseChartOptions {
  /** `create` draws its first data itself (renderDiagnostic): no update right after it. */
  drawsOnCreate?: boolean;
}

export function useChart<D, C extends Chart<D> = Chart<D>>(
  create: (el: HTMLElement, first: D) => C,
  data: D,
  deps: DependencyList = [],
  opts: UseChartOptions = {},
): { ref: RefObject<HTMLDivElement | null>; chart: RefObject<C | null> } {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<C | null>(null);
  const drawn = useRef<D | undefined>(undefined);
  const latest = useRef(data);
  useEffect(() => {
    latest.current = data;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Created at the host's laid-out size (hostSize.ts), with the data current by then.
    const stop = attachChart(
      el,
      () => {
        const c = create(el, latest.current);
        if (!opts.drawsOnCreate) c.update(latest.current);
        chart.current = c;
        drawn.current = latest.current;
      },
      () => chart.current?.resize(),
    );
    return () => {
      stop();
      chart.current?.destroy();
      chart.current = null;
      drawn.current = undefined;
    };
    // `create` is read at creation only; data changes go through update below.
  }, deps);

  // Redraws run in a task of their own, not in React's commit (a record landing in the compare
  // view re-rendered the table and redrew the chart in one 35–55 ms task); several data changes
  // before it runs draw once, with the latest. Without ResizeObserver (jsdom) at once.
  useEffect(() => {
    const redraw = () => {
      if (!chart.current || drawn.current === latest.current) return;
      chart.current.update(latest.current);
      drawn.current = latest.current;
    };
    // Not cleared on the next change: a burst of changes must not starve the chart; the check
    // above makes the extra calls no-ops, and an unmounted chart is null by then.
    if (canWatchSize()) setTimeout(redraw, 0);
    else redraw();
  }, [data]);

  return { ref, chart };
}
