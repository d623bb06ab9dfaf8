import { afterEach, describe, expect, it, vi } from 'vitest';
import { SpecError } from '../core/experiment/spec';
import type { Progress } from '../workers/api/types';
import { WorkerCrashedError } from '../workers/client/labClient';
import { createJobRunner, HARD_CANCEL_MS, type JobClient } from './runJob';

interface Call {
  jobId: string;
  name: string;
  onProgress: (p: Progress) => void;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** A client whose jobs end when the test says, and which honours cancel when `cooperative`. */
function fakeClient() {
  let n = 0;
  const calls: Call[] = [];
  const state = { cooperative: true, cancelled: [] as string[], killed: [] as string[] };
  const client = {
    newJobId: () => `job-${++n}`,
    runJob: (jobId: string, name: string, _request: unknown, onProgress: (p: Progress) => void) =>
      new Promise((resolve, reject) => calls.push({ jobId, name, onProgress, resolve, reject })),
    cancel: async (jobId: string) => {
      state.cancelled.push(jobId);
      const c = calls.find((x) => x.jobId === jobId);
      if (state.cooperative) c?.reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
    },
    kill: (reason: string) => {
      state.killed.push(reason);
      for (const c of calls) c.reject(new WorkerCrashedError(reason));
    },
  };
  return { client: client as unknown as JobClient, calls, state };
}

const tick = (p: number): Progress => ({ phase: 'training', done: p });

afterEach(() => vi.useRealTimers());

describe('runJob', () => {
  it('ends done with the result, passing progress through as it comes', async () => {
    const { client, calls } = fakeClient();
    const runner = createJobRunner(client);
    const seen: Progress[] = [];
    const end = runner.runJob('s', 'trainFull', {} as never, (p) => seen.push(p));
    expect(runner.running('s')).toBe(true);
    calls[0]!.onProgress(tick(0.5));
    expect(seen).toEqual([tick(0.5)]);
    calls[0]!.resolve({ ok: 1 });
    expect(await end).toEqual({ status: 'done', result: { ok: 1 } });
    expect(runner.running('s')).toBe(false);
  });

  it('folds fast progress every few ms and once more before the end', async () => {
    vi.useFakeTimers();
    const { client, calls } = fakeClient();
    const runner = createJobRunner(client);
    const batches: Progress[][] = [];
    const end = runner.runJob('s', 'trainFull', {} as never, { everyMs: 100, apply: (e) => batches.push(e) });
    calls[0]!.onProgress(tick(0.1));
    calls[0]!.onProgress(tick(0.2));
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([[tick(0.1), tick(0.2)]]);
    calls[0]!.onProgress(tick(0.3));
    calls[0]!.reject(new Error('out of memory'));
    expect(await end).toEqual({ status: 'failed', error: 'out of memory' });
    expect(batches).toEqual([[tick(0.1), tick(0.2)], [tick(0.3)]]);
  });

  it('drops a progress report that lands after the result (it travels on its own port)', async () => {
    const { client, calls } = fakeClient();
    const seen: Progress[] = [];
    const end = createJobRunner(client).runJob('s', 'runPlan', {} as never, (p) => seen.push(p as Progress));
    calls[0]!.resolve({ records: [] });
    await end;
    calls[0]!.onProgress(tick(1));
    expect(seen).toEqual([]);
  });

  it('names the field of a spec error', async () => {
    const { client, calls } = fakeClient();
    const end = createJobRunner(client).runJob('s', 'runCoreset', {} as never, () => {});
    calls[0]!.reject(new SpecError('fraction', 'must be in (0, 1]'));
    expect(await end).toEqual({ status: 'failed', error: 'fraction: must be in (0, 1]' });
  });

  it('cancel that the worker hears ends the job cancelled and leaves the worker alone', async () => {
    vi.useFakeTimers();
    const { client, state } = fakeClient();
    const runner = createJobRunner(client);
    const end = runner.runJob('compare', 'runPlan', {} as never, () => {});
    const cancelled = runner.cancel('compare');
    expect(await end).toEqual({ status: 'cancelled' });
    await vi.advanceTimersByTimeAsync(HARD_CANCEL_MS);
    await cancelled;
    expect(state.cancelled).toEqual(['job-1']);
    expect(state.killed).toEqual([]);
  });

  it('a worker deaf to cancel is stopped after a second, and the job still ends cancelled', async () => {
    vi.useFakeTimers();
    const { client, calls, state } = fakeClient();
    state.cooperative = false;
    const runner = createJobRunner(client);
    const end = runner.runJob('ssl', 'runSsl', {} as never, () => {});
    const cancelled = runner.cancel('ssl');
    await vi.advanceTimersByTimeAsync(HARD_CANCEL_MS - 1);
    expect(state.killed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await cancelled;
    expect(state.killed).toEqual(['the run did not stop within a second of Cancel']);
    expect(await end).toEqual({ status: 'cancelled' });
    // The next job in that slot is not taken for cancelled when it fails.
    const next = runner.runJob('ssl', 'runSsl', {} as never, () => {});
    calls[1]!.reject(new Error('out of memory'));
    expect(await next).toEqual({ status: 'failed', error: 'out of memory' });
  });

  it('a crash nobody asked for is a failure with the reason', async () => {
    const { client, state } = fakeClient();
    const runner = createJobRunner(client);
    const end = runner.runJob('s', 'trainFull', {} as never, () => {});
    client.kill('out of memory');
    expect(await end).toEqual({ status: 'failed', error: 'the worker stopped: out of memory' });
    expect(state.killed).toEqual(['out of memory']);
  });
});
