/**
 * Runs and their results survive a reload. The store is the truth while the page is open; this
 * module mirrors each run into a RunStorage (IndexedDB in the app, a fake in tests) whenever its
 * status changes — once when it starts, once when it ends — each write one atomic record.
 * On start the saved runs are restored; a run that was still in flight when the page went away
 * comes back as `interrupted` (never as a half-written success) so the user can retry it.
 * Storage failures (full, blocked, unavailable) become a notice; the page keeps working and what
 * was saved before stays whole.
 */
import type { AppStore } from './store';
import type { RunRecord, RunStatus } from './types';

export type StorageFailure = 'quota' | 'blocked' | 'unavailable' | 'failed';

export class StorageError extends Error {
  constructor(
    readonly failure: StorageFailure,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export const RECORD_SCHEMA = 1;

export interface StoredRun {
  schema: typeof RECORD_SCHEMA;
  savedAt: number;
  run: RunRecord;
}

export interface RunStorage {
  /** Every saved record, unchecked (old or damaged ones are filtered by the caller). */
  loadAll(): Promise<unknown[]>;
  /** Writes one run atomically: all of it or nothing. */
  put(record: StoredRun): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
}

export const INTERRUPTED = 'the page was closed or reloaded while this run was in flight';
/** Live curves hold a point per batch; a saved run keeps at most this many. */
const MAX_CURVE = 1500;
const STATUSES: readonly RunStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'];

export function toStored(run: RunRecord, now = Date.now()): StoredRun {
  const { progress: _progress, ...rest } = run;
  const curve =
    run.curve.length <= MAX_CURVE
      ? run.curve
      : run.curve.filter((_, i) => i % Math.ceil(run.curve.length / MAX_CURVE) === 0);
  return { schema: RECORD_SCHEMA, savedAt: now, run: { ...rest, curve } };
}

const optional = (v: unknown, ctor: { new (...a: never[]): unknown }) => v === undefined || v instanceof ctor;

/** A saved record back as a run, or undefined when it is not one this version can show. */
export function fromStored(raw: unknown): RunRecord | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const rec = raw as Partial<StoredRun>;
  const r = rec.run as Partial<RunRecord> | undefined;
  if (rec.schema !== RECORD_SCHEMA || typeof r !== 'object' || r === null) return undefined;
  const ok =
    typeof r.id === 'string' &&
    (r.kind === 'full' || r.kind === 'coreset') &&
    STATUSES.includes(r.status as RunStatus) &&
    typeof r.startedAt === 'number' &&
    typeof r.size === 'number' &&
    typeof r.dataKey === 'string' &&
    Array.isArray(r.curve) &&
    optional(r.indices, Int32Array) &&
    optional(r.scores, Float32Array) &&
    optional(r.keptLabels, Uint8Array) &&
    optional(r.sourceRows, Int32Array) &&
    (r.diagnostics === undefined || Array.isArray(r.diagnostics)) &&
    // A success must carry its results: anything less is treated as damaged, never shown as done.
    (r.status !== 'done' || (r.metrics !== undefined && (r.kind === 'full' || r.indices !== undefined)));
  return ok ? (r as RunRecord) : undefined;
}

export interface Persistence {
  /** Resolves once the saved runs are in the store (or restoring failed and was reported). */
  ready: Promise<void>;
  /** Deletes every saved run and drops the finished ones from the page. */
  clearSaved(): Promise<void>;
  /** Resolves when every write queued so far has settled (tests). */
  idle(): Promise<void>;
  stop(): void;
}

/** The part of the Web Locks API used to tell a run in flight in another tab from a dead one. */
export interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

const lockName = (id: string) => `coreset-workbench-run:${id}`;

function defaultLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}

export function startPersistence(store: AppStore, storage: RunStorage, locks = defaultLocks()): Persistence {
  /** Runs in flight in this tab hold a lock until they end, so other tabs do not call them interrupted. */
  const held = new Map<string, () => void>();
  const hold = (id: string, inFlight: boolean) => {
    if (!locks) return;
    if (inFlight && !held.has(id)) {
      let release: () => void = () => {};
      const released = new Promise<void>((r) => (release = r));
      held.set(id, release);
      locks.request(lockName(id), () => released).catch(() => held.delete(id));
    } else if (!inFlight) {
      held.get(id)?.();
      held.delete(id);
    }
  };
  /** The status each run was last written with. */
  const written = new Map<string, RunStatus>();
  const savedOk = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  let off = false;
  let lastError = '';

  const report = (e: unknown, what: string) => {
    const err =
      e instanceof StorageError ? e : new StorageError('failed', e instanceof Error ? e.message : String(e));
    if (err.failure === 'unavailable') off = true;
    const text = `${what}: ${err.message}. Results stay on this page until it is closed.`;
    store.setState({ storage: { status: off ? 'off' : 'error', message: err.message, saved: savedOk.size } });
    if (text === lastError) return;
    lastError = text;
    store.setState({ notice: { kind: off ? 'info' : 'error', text } });
  };
  const enqueue = (op: () => Promise<void>) => {
    queue = queue.then(op, op);
    return queue;
  };
  const counted = () => {
    if (!off)
      store.setState((s) => ({
        storage: {
          status: s.storage?.status === 'error' ? 'error' : 'saving',
          message: s.storage?.message,
          saved: savedOk.size,
        },
      }));
  };

  const put = (run: RunRecord) => {
    written.set(run.id, run.status);
    if (off) return;
    const record = toStored(run);
    void enqueue(async () => {
      try {
        await storage.put(record);
        savedOk.add(run.id);
        counted();
      } catch (e) {
        report(e, `Run "${run.id}" was not saved`);
      }
    });
  };

  const sync = (runs: readonly RunRecord[]) => {
    const live = new Set<string>();
    for (const r of runs) {
      live.add(r.id);
      hold(r.id, r.status === 'running' || r.status === 'queued');
      if (written.get(r.id) !== r.status) put(r);
    }
    for (const id of [...written.keys()])
      if (!live.has(id)) {
        hold(id, false);
        written.delete(id);
        savedOk.delete(id);
        if (!off)
          void enqueue(() =>
            storage.remove(id).then(counted, (e: unknown) => report(e, 'A removed run stays saved')),
          );
      }
  };

  const restore = async () => {
    store.setState({ storage: { status: 'restoring' } });
    let raw: unknown[];
    try {
      raw = await storage.loadAll();
    } catch (e) {
      report(e, 'Saved runs could not be read');
      return;
    }
    const restored: RunRecord[] = [];
    const interrupted = new Set<string>();
    let damaged = 0;
    let elsewhere = 0;
    const liveElsewhere = new Set(
      ((await locks?.query().catch(() => undefined))?.held ?? []).map((h) => h.name ?? ''),
    );
    for (const item of raw) {
      const run = fromStored(item);
      if (!run) {
        damaged++;
        continue;
      }
      const inFlight = run.status === 'running' || run.status === 'queued';
      if (store.getState().runs.some((r) => r.id === run.id)) continue; // started here meanwhile
      if (inFlight && liveElsewhere.has(lockName(run.id))) {
        elsewhere++; // another open tab is running it: that tab owns and saves it
        continue;
      }
      if (inFlight) interrupted.add(run.id);
      // Whatever was in flight died with its page: say so, and save that.
      restored.push(
        inFlight ? { ...run, status: 'interrupted', error: INTERRUPTED, progress: undefined } : run,
      );
    }
    restored.sort((a, b) => a.startedAt - b.startedAt);
    for (const r of restored) {
      savedOk.add(r.id);
      written.set(r.id, interrupted.has(r.id) ? 'running' : r.status);
    }
    store.setState((s) => {
      const here = new Set(s.runs.map((r) => r.id));
      const runs = [...restored.filter((r) => !here.has(r.id)), ...s.runs];
      const lastCoreset = [...runs].reverse().find((r) => r.kind === 'coreset' && r.status === 'done');
      return { runs, selectedRunId: s.selectedRunId ?? lastCoreset?.id };
    });
    counted();
    if (elsewhere)
      store.setState({
        notice: {
          kind: 'info',
          text: `${elsewhere} run${elsewhere > 1 ? 's are' : ' is'} in progress in another tab of the workbench; ${elsewhere > 1 ? 'they show' : 'it shows'} here after a reload once finished.`,
        },
      });
    if (damaged)
      store.setState({
        notice: {
          kind: 'info',
          text: `${damaged} saved run${damaged > 1 ? 's' : ''} from an older or damaged copy could not be restored and ${damaged > 1 ? 'were' : 'was'} skipped.`,
        },
      });
    sync(store.getState().runs); // writes the interrupted ones back
  };

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.runs !== prev.runs) sync(state.runs);
  });
  const ready = restore();

  return {
    ready,
    async clearSaved() {
      await ready;
      let cleared = off;
      await enqueue(async () => {
        if (off) return;
        try {
          await storage.clear();
          cleared = true;
        } catch (e) {
          report(e, 'Saved runs could not be cleared');
        }
      });
      if (!cleared) return; // nothing on the page is dropped while the saved copy remains
      written.clear();
      savedOk.clear();
      lastError = '';
      store.setState((s) => ({
        runs: s.runs.filter((r) => r.status === 'running' || r.status === 'queued'),
        selectedRunId: undefined,
        storage: { status: off ? 'off' : 'saving', saved: 0 },
      }));
      sync(store.getState().runs); // runs still in flight are saved again as such
    },
    idle: () => ready.then(() => queue),
    stop: unsubscribe,
  };
}
