/**
 * The one bridge between React and a chart: create on mount, update when `data` changes
 * (by identity), resize when the host's box changes, destroy on unmount. `deps` rebuild the
 * chart (options that are fixed at creation).
 */
import { useEffect, useRef, type DependencyList, type RefObject } from 'react';
import type { Chart } from '../types';

export function useChart<D, C extends Chart<D> = Chart<D>>(
  create: (el: HTMLElement) => C,
  data: D,
  deps: DependencyList = [],
): { ref: RefObject<HTMLDivElement | null>; chart: RefObject<C | null> } {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<C | null>(null);
  const drawn = useRef<D | undefined>(undefined);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = create(el);
    c.update(data);
    chart.current = c;
    drawn.current = data;
    const stopObserving = observeSize(el, () => c.resize());
    return () => {
      stopObserving();
      c.destroy();
      chart.current = null;
      drawn.current = undefined;
    };
    // `create` and `data` are read at creation only; data changes go through update below.
  }, deps);

  useEffect(() => {
    if (!chart.current || drawn.current === data) return;
    chart.current.update(data);
    drawn.current = data;
  }, [data]);

  return { ref, chart };
}

/**
 * Calls `onChange` when the element's size changes; the observer's first report (the size at
 * observe time) is skipped because the chart has just drawn at that size.
 */
export function observeSize(el: HTMLElement, onChange: () => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let last = `${el.clientWidth}x${el.clientHeight}`;
  const ro = new ResizeObserver(() => {
    const now = `${el.clientWidth}x${el.clientHeight}`;
    if (now === last) return;
    last = now;
    onChange();
  });
  ro.observe(el);
  return () => ro.disconnect();
}
