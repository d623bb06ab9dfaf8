/** NUCS views: each featured class's difficulty histogram with its kept window marked. */
import type { HistogramDiagnostic } from '../diagnostics';
import { windowStart } from './nucsCore';

/** Difficulty histogram of one class: inside vs outside the window, edges as markers. */
export function windowHistogram(
  name: string,
  sorted: Int32Array,
  budget: number,
  offset: number,
  d: Float32Array,
): HistogramDiagnostic {
  const start = windowStart(sorted.length, budget, offset);
  const end = start + budget;
  const inside = Float32Array.from(sorted.subarray(start, end), (r) => d[r]!);
  const outside = Float32Array.from([...sorted.subarray(0, start), ...sorted.subarray(end)], (r) => d[r]!);
  const markers =
    budget > 0
      ? [
          { value: d[sorted[start]!]!, label: 'window start' },
          { value: d[sorted[end - 1]!]!, label: 'window end' },
        ]
      : [];
  return {
    kind: 'histogram',
    title: `Class ${name}: the kept window (${budget} of ${sorted.length})`,
    xLabel: 'difficulty',
    bins: 30,
    series: [
      { name: 'kept window', values: inside },
      { name: 'outside', values: outside },
    ],
    markers,
  };
}

/** Classes worth drawing a window for: the easiest, the hardest and the smallest. */
export function featuredClasses(difficulty: number[], sizes: number[]): number[] {
  const argBy = (f: (c: number) => number) =>
    difficulty.reduce((best, _, c) => (f(c) < f(best) ? c : best), 0);
  const picks = [argBy((c) => difficulty[c]!), argBy((c) => -difficulty[c]!), argBy((c) => sizes[c]!)];
  return [...new Set(picks)];
}
