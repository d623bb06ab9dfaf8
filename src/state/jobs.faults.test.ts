import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createJobs } from './jobs';
import { DEFAULT_SPEC } from '../core/experiment/spec';
import { initialState } from './store';
import type { AppState } from './types';
import type { LabClient } from '../workers/client/labClient';
import { WorkerCrashedError } from '../workers/client/labClient';
import type { DataSummary, TrainOutcomeDto } from '../workers/api/types';
import type { BackendChoice } from '../ml/backend';

const summary = (key: string): DataSummary => ({
  key,
  name: 'tiny',
  n: 10,
  testN: 5,
  shape: [2],
  numClasses: 2,
  classNames: ['a', 'b'],
  classCounts: [5, 5],
  testClassCounts: [3, 2],
  sampleRows: [],
  labels: new Uint8Array(10),
  noisyCount: 0,
  oodCount: 0,
  truth: {},
  source: { id: 'toy', numbering: 'rows of the generated toy set', size: 10 },
  sourceRows: Int32Array.from({ length: 10 }, (_, i) => i),
  loadMs: 1,
});

const outcome: TrainOutcomeDto = {
  metrics: {
    accuracy: 0.9,
    perClassAccuracy: [0.9, 0.9],
    worstClassAccuracy: 0.9,
    balancedAccuracy: 0.9,
    macroF1: 0.9,
    confusion: [],
  },
  epochs: [],
  samplesPerSecond: 100,
  timings: { trainingMs: 5 },
};

/**
 * A client whose worker can crash, hang or finish on command: the same surface jobs.ts uses.
 * `generation` moves on a crash like the real client's does.
 */
function fakeClient() {
  let job = 0;
  const pending: { reject: (e: Error) => void; resolve: (o: TrainOutcomeDto) => void }[] = [];
  const client = {
    generation: 1,
    loads: 0,
    killed: [] as string[],
    cancelled: [] as string[],
    onBackendChange: undefined as unknown,
    newJobId: () => `job-${++job}`,
    init: async () => ({ name: 'cpu' }),
    loadData: async (spec: { seed: number }) => {
      client.loads++;
      return summary(`k${spec.seed}`);
    },
    images: async (rows: number[]) => new Uint8Array(rows.length),
    /** Loads answer at once; every other job waits for the test to finish, crash or cancel it. */
    runJob: (_jobId: string, name: string, request: { seed: number }) =>
      name === 'loadData'
        ? client.loadData(request)
        : new Promise<TrainOutcomeDto>((resolve, reject) => pending.push({ resolve, reject })),
    /** A worker that honours cancel by rejecting the pending call with an AbortError. */
    cooperative: true,
    cancel: async (jobId: string) => {
      client.cancelled.push(jobId);
      if (client.cooperative)
        pending.shift()?.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    },
    kill: (reason: string) => {
      client.killed.push(reason);
      client.generation++;
      for (const p of pending.splice(0)) p.reject(new WorkerCrashedError(reason));
    },
    crash: (reason: string) => {
      client.generation++;
      for (const p of pending.splice(0)) p.reject(new WorkerCrashedError(reason));
    },
    finish: () => pending.shift()?.resolve(outcome),
    pending,
  };
  return client;
}

function setup() {
  const store = createStore<AppState>(() => initialState());
  const client = fakeClient();
  const jobs = createJobs(store, client as unknown as LabClient);
  return { store, client, jobs };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(cond()).toBe(true);
};

afterEach(() => vi.useRealTimers());

describe('jobs: faults', () => {
  it('a crashed worker fails only its run, with the reason; Retry reloads the data and runs the same spec', async () => {
    const { store, client, jobs } = setup();
    await jobs.loadData();
    store.setState((s) => ({ spec: { ...s.spec, epochs: 7 } }));
    const first = jobs.trainFull();
    await until(() => client.pending.length === 1);
    client.finish();
    await first;
    const second = jobs.trainFull();
    await until(() => client.pending.length === 1);
    client.crash('out of memory');
    await second;
    const runs = store.getState().runs;
    expect(runs.map((r) => r.status)).toEqual(['done', 'failed']);
    expect(runs[1]!.error).toBe('the worker stopped: out of memory');
    expect(runs[1]!.spec?.epochs).toBe(7);
    // The user changed the setup since; Retry runs the failed run's own spec, in its place.
    store.setState((s) => ({ spec: { ...s.spec, epochs: 2 } }));
    const loadsBefore = client.loads;
    const retried = jobs.retry(runs[1]!.id);
    await until(() => client.pending.length === 1);
    expect(client.loads).toBe(loadsBefore + 1); // a fresh worker: the data is loaded again
    client.finish();
    await retried;
    const after = store.getState().runs;
    expect(after).toHaveLength(2);
    expect(after.map((r) => r.status)).toEqual(['done', 'done']);
    expect(after[1]!.epochs).toBe(7);
    expect(store.getState().spec.epochs).toBe(7);
  });

  it('cancel stops cooperatively when the worker listens, without stopping the worker', async () => {
    const { store, client, jobs } = setup();
    await jobs.loadData();
    const p = jobs.trainFull();
    await until(() => client.pending.length === 1);
    const id = store.getState().runs[0]!.id;
    vi.useFakeTimers();
    const c = jobs.cancel(id);
    await vi.advanceTimersByTimeAsync(1100);
    await c;
    await p;
    expect(store.getState().runs[0]!.status).toBe('cancelled');
    expect(client.killed).toEqual([]);
  });

  it('cancel stops a worker that does not answer within a second, and the run reads cancelled', async () => {
    const { store, client, jobs } = setup();
    await jobs.loadData();
    client.cooperative = false;
    const p = jobs.trainFull();
    await until(() => client.pending.length === 1);
    const id = store.getState().runs[0]!.id;
    vi.useFakeTimers();
    const c = jobs.cancel(id);
    await vi.advanceTimersByTimeAsync(999);
    expect(client.killed).toEqual([]);
    expect(store.getState().runs[0]!.status).toBe('running');
    await vi.advanceTimersByTimeAsync(2);
    await c;
    await p;
    expect(client.killed).toHaveLength(1);
    expect(store.getState().runs[0]!.status).toBe('cancelled');
    expect(store.getState().runs[0]!.error).toBeUndefined();
  });

  it('queues runs asked for while one is in flight, in order; a queued run can be cancelled before it starts', async () => {
    const { store, client, jobs } = setup();
    await jobs.loadData();
    const first = jobs.trainFull();
    await until(() => client.pending.length === 1);
    store.setState((s) => ({ spec: { ...s.spec, epochs: 4 } }));
    const second = jobs.trainFull();
    store.setState((s) => ({ spec: { ...s.spec, epochs: 5 } }));
    const third = jobs.trainFull();
    expect(store.getState().runs.map((r) => r.status)).toEqual(['running', 'queued', 'queued']);
    expect(store.getState().runs[1]!.epochs).toBe(4);
    await jobs.cancel(store.getState().runs[2]!.id);
    expect(store.getState().runs[2]!.status).toBe('cancelled');
    client.finish();
    await first;
    await until(() => client.pending.length === 1);
    const states = store.getState().runs.map((r) => `${r.status}:${r.epochs}`);
    expect(states).toEqual([`done:${DEFAULT_SPEC.epochs}`, 'cancelled:5', 'running:4']);
    client.finish();
    expect(await third).toBeUndefined(); // cancelled while waiting: never started
    await second;
    expect(store.getState().runs.map((r) => r.status)).toEqual(['done', 'cancelled', 'done']);
    expect(client.pending).toHaveLength(0);
  });

  it('does not retry a run that is still running or has no spec', async () => {
    const { store, jobs } = setup();
    store.setState({
      runs: [
        {
          id: 'x',
          kind: 'full',
          status: 'failed',
          dataKey: '',
          dataName: '',
          model: 'mlp',
          epochs: 1,
          seed: 1,
          startedAt: 0,
          curve: [],
          size: 1,
        },
      ],
    });
    expect(await jobs.retry('x')).toBeUndefined();
    expect(store.getState().runs).toHaveLength(1);
  });

  it('a workload pick from the worker relabels the running run and raises no notice', async () => {
    const { store, client, jobs } = setup();
    await jobs.loadData();
    const run = jobs.trainFull();
    await until(() => client.pending.length === 1);
    const choice: BackendChoice = {
      name: 'wasm',
      adapter: 'software (swiftshader)',
      reason: 'fastest training step for mlp on 28×28×1 (…)',
      gflops: 5,
      workload: {
        workload: 'mlp on 28×28×1',
        pick: 'wasm',
        probes: [{ name: 'wasm', msPerStep: 4 }],
        cached: false,
      },
    };
    (client.onBackendChange as (c: BackendChoice) => void)(choice);
    expect(store.getState().backend.choice).toBe(choice);
    expect(store.getState().notice).toBeUndefined();
    expect(store.getState().runs[0]!.backend).toBe('wasm');
    client.finish();
    await run;
    expect(store.getState().runs[0]!.status).toBe('done');
  });
});
