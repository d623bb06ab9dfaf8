import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { addRun, initialState, removeRun, updateRun } from './store';
import {
  INTERRUPTED,
  StorageError,
  startPersistence,
  toStored,
  type RunStorage,
  type StoredRun,
} from './persistence';
import type { AppState, RunRecord } from './types';
import { classify } from './idbRunStorage';

/** A storage that keeps structured clones, like IndexedDB, and fails on demand. */
function fakeStorage(initial: unknown[] = []) {
  const rows = new Map<string, StoredRun>();
  for (const r of initial) rows.set((r as StoredRun).run?.id ?? String(Math.random()), r as StoredRun);
  const fail: { put?: StorageError; load?: StorageError; clear?: StorageError } = {};
  const puts: string[] = [];
  const storage: RunStorage = {
    async loadAll() {
      if (fail.load) throw fail.load;
      return [...rows.values()].map((r) => structuredClone(r));
    },
    async put(rec) {
      if (fail.put) throw fail.put;
      puts.push(`${rec.run.id}:${rec.run.status}`);
      rows.set(rec.run.id, structuredClone(rec));
    },
    async remove(id) {
      rows.delete(id);
    },
    async clear() {
      if (fail.clear) throw fail.clear;
      rows.clear();
    },
  };
  return { storage, rows, fail, puts };
}

const newStore = () => createStore<AppState>(() => initialState());

function run(id: string, patch: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    kind: 'coreset',
    dataKey: 'mnist|1000',
    dataName: 'MNIST 1,000',
    model: 'mlp',
    epochs: 1,
    method: 'random',
    fraction: 0.1,
    seed: 1,
    status: 'running',
    startedAt: 1000,
    curve: [],
    size: 100,
    ...patch,
  };
}

const finished = (id: string, startedAt: number): RunRecord =>
  run(id, {
    status: 'done',
    startedAt,
    indices: Int32Array.from([1, 4, 9]),
    scores: Float32Array.from({ length: 10 }, (_, i) => i / 10),
    keptLabels: Uint8Array.from([1, 4, 9]),
    metrics: {
      accuracy: 0.8,
      balancedAccuracy: 0.8,
      macroF1: 0.79,
      worstClassAccuracy: 0.5,
      perClassAccuracy: [],
      confusion: [],
    } as unknown as RunRecord['metrics'],
  });

describe('run persistence', () => {
  it('restores saved runs in order, marks the one in flight as interrupted and saves that', async () => {
    const { storage, rows } = fakeStorage([
      toStored(finished('b', 2000)),
      toStored(run('c', { startedAt: 3000, progress: { phase: 'training', done: 0.4 } })),
      toStored(finished('a', 1000)),
      toStored(run('q', { startedAt: 4000, status: 'queued' })),
    ]);
    const store = newStore();
    const p = startPersistence(store, storage);
    await p.idle();
    const runs = store.getState().runs;
    expect(runs.map((r) => r.id)).toEqual(['a', 'b', 'c', 'q']);
    expect(runs[3]!.status).toBe('interrupted'); // a queued run never started: retry it too
    expect(rows.get('q')!.run.status).toBe('interrupted');
    expect(runs[2]!.status).toBe('interrupted');
    expect(runs[2]!.error).toBe(INTERRUPTED);
    expect(runs[2]!.progress).toBeUndefined();
    expect(runs[0]!.indices).toBeInstanceOf(Int32Array);
    expect([...runs[0]!.indices!]).toEqual([1, 4, 9]);
    expect(store.getState().selectedRunId).toBe('b');
    expect(rows.get('c')!.run.status).toBe('interrupted');
    expect(store.getState().storage).toMatchObject({ status: 'saving', saved: 4 });
    p.stop();
  });

  it('skips damaged or half-written records instead of showing them as results', async () => {
    const halfDone = toStored(run('h', { status: 'done' })); // done without metrics or indices
    const { storage } = fakeStorage([
      toStored(finished('ok', 1)),
      halfDone,
      { schema: 99, run: { id: 'old' } },
      { schema: 1, run: { id: 'x', kind: 'coreset', status: 'done' } },
    ]);
    const store = newStore();
    const p = startPersistence(store, storage);
    await p.idle();
    expect(store.getState().runs.map((r) => r.id)).toEqual(['ok']);
    expect(store.getState().notice?.text).toMatch(/3 saved runs .* skipped/);
    p.stop();
  });

  it('writes a run when it starts and when it ends, with its typed arrays, and forgets removed runs', async () => {
    const { storage, rows, puts } = fakeStorage();
    const store = newStore();
    const p = startPersistence(store, storage);
    await p.ready;
    addRun(store, run('r1'));
    for (let i = 0; i < 5; i++) updateRun(store, 'r1', { progress: { phase: 'training', done: i / 5 } });
    const done = finished('r1', 1000);
    updateRun(store, 'r1', done);
    await p.idle();
    expect(puts).toEqual(['r1:running', 'r1:done']); // progress ticks are not written
    const saved = rows.get('r1')!.run;
    expect(saved.scores).toBeInstanceOf(Float32Array);
    expect(saved.keptLabels).toBeInstanceOf(Uint8Array);
    expect(saved.progress).toBeUndefined();
    removeRun(store, 'r1');
    await p.idle();
    expect(rows.has('r1')).toBe(false);
    p.stop();
  });

  it('a full disk gives a clear notice, keeps the results on the page and the last saved copy whole', async () => {
    const { storage, rows, fail } = fakeStorage([toStored(finished('old', 1))]);
    const store = newStore();
    const p = startPersistence(store, storage);
    await p.ready;
    addRun(store, run('r2', { startedAt: 5 }));
    await p.idle();
    fail.put = classify(new DOMException('quota reached', 'QuotaExceededError'));
    updateRun(store, 'r2', finished('r2', 5));
    await p.idle();
    const s = store.getState();
    expect(s.notice?.kind).toBe('error');
    expect(s.notice?.text).toMatch(
      /not saved: the browser's storage for this page is full \(QuotaExceededError/,
    );
    expect(s.storage?.status).toBe('error');
    expect(s.runs.find((r) => r.id === 'r2')!.status).toBe('done');
    // What was stored before the failed write is untouched.
    expect(rows.get('r2')!.run.status).toBe('running');
    expect(rows.get('old')!.run.status).toBe('done');
    // More updates do not retry (and re-announce) the same failed write.
    store.setState({ notice: undefined });
    updateRun(store, 'r2', { curve: [] });
    await p.idle();
    expect(store.getState().notice).toBeUndefined();
    p.stop();
  });

  it('without storage (private window) the app works on and says runs are not kept', async () => {
    const { storage, fail, puts } = fakeStorage();
    fail.load = new StorageError('unavailable', 'this browser gives the page no IndexedDB');
    const store = newStore();
    const p = startPersistence(store, storage);
    await p.idle();
    expect(store.getState().storage?.status).toBe('off');
    expect(store.getState().notice).toMatchObject({ kind: 'info' });
    expect(store.getState().notice?.text).toMatch(
      /could not be read: this browser gives the page no IndexedDB/,
    );
    addRun(store, run('r3'));
    await p.idle();
    expect(puts).toEqual([]);
    expect(store.getState().runs).toHaveLength(1);
    p.stop();
  });

  it('clear saved runs empties the storage and the page, but keeps (and re-saves) a run in flight', async () => {
    const { storage, rows, fail } = fakeStorage([toStored(finished('a', 1)), toStored(finished('b', 2))]);
    const store = newStore();
    const p = startPersistence(store, storage);
    await p.ready;
    addRun(store, run('live', { startedAt: 3 }));
    fail.clear = new StorageError('blocked', 'another tab holds the saved runs open');
    await p.clearSaved();
    expect(store.getState().runs).toHaveLength(3); // a failed clear drops nothing
    fail.clear = undefined;
    await p.clearSaved();
    await p.idle();
    expect(store.getState().runs.map((r) => r.id)).toEqual(['live']);
    expect([...rows.keys()]).toEqual(['live']);
    p.stop();
  });

  it('leaves a run that another open tab is running alone, and holds a lock while its own runs are in flight', async () => {
    const held = new Set(['coreset-workbench-run:other']);
    const requested: string[] = [];
    const locks = {
      async request(name: string, cb: () => Promise<void>) {
        requested.push(name);
        held.add(name);
        await cb();
        held.delete(name);
      },
      async query() {
        return { held: [...held].map((name) => ({ name })) };
      },
    };
    const { storage, rows } = fakeStorage([
      toStored(run('other', { startedAt: 1 })),
      toStored(run('dead', { startedAt: 2 })),
    ]);
    const store = newStore();
    const p = startPersistence(store, storage, locks);
    await p.idle();
    expect(store.getState().runs.map((r) => `${r.id}:${r.status}`)).toEqual(['dead:interrupted']);
    expect(rows.get('other')!.run.status).toBe('running'); // the other tab's record is untouched
    expect(store.getState().notice?.text).toMatch(/1 run is in progress in another tab/);
    addRun(store, run('mine', { startedAt: 3 }));
    await p.idle();
    expect(requested).toEqual(['coreset-workbench-run:mine']);
    expect(held.has('coreset-workbench-run:mine')).toBe(true);
    updateRun(store, 'mine', finished('mine', 3));
    await p.idle();
    expect(held.has('coreset-workbench-run:mine')).toBe(false);
    p.stop();
  });

  it('classifies browser errors into the failures the notice names', () => {
    expect(classify(new DOMException('x', 'QuotaExceededError')).failure).toBe('quota');
    expect(classify(new DOMException('x', 'VersionError')).failure).toBe('blocked');
    expect(classify(new DOMException('x', 'SecurityError')).failure).toBe('unavailable');
    expect(classify(new Error('odd')).failure).toBe('failed');
  });
});
