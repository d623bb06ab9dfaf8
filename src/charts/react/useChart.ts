/**
 * The one bridge between React and a chart: create at the host's first layout after mount
 * (hostSize.ts: same frame, no forced layout), update when `data` changes
 * (by identity), resize when the host's box changes, destroy on unmount. `deps` rebuild the
 * chart (options that are fixed at creation).
 */
import { useEffect, useRef, type DependencyList, type RefObject } from 'react';
import { attachChart } from '../hostSize';
import type { Chart } from '../types';

export function useChart<D, C extends Chart<D> = Chart<D>>(
  create: (el: HTMLElement) => C,
  data: D,
  deps: DependencyList = [],
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
        const c = create(el);
        c.update(latest.current);
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

  useEffect(() => {
    if (!chart.current || drawn.current === data) return;
    chart.current.update(data);
    drawn.current = data;
  }, [data]);

  return { ref, chart };
}
