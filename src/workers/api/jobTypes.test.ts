import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobContext, PROGRESS_EVERY_MS } from './jobTypes';

afterEach(() => vi.useRealTimers());

describe('jobContext', () => {
  it('throttles ticks to one per interval, but a finished phase and a report always go', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const ctx = jobContext(new AbortController().signal, (p: string) => sent.push(p));
    ctx.tick('a', 0.1);
    ctx.tick('b', 0.2);
    ctx.report('epoch');
    ctx.tick('c', 1);
    vi.advanceTimersByTime(PROGRESS_EVERY_MS);
    ctx.tick('d', 0.3);
    expect(sent).toEqual(['a', 'epoch', 'c', 'd']);
  });
});
