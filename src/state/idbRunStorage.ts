/**
 * IndexedDB behind the RunStorage interface (main thread: the records are small apart from a
 * few typed arrays, which structured-clone as they are). Every run is written with one put in one
 * transaction, so a failure (full disk, a closing tab) leaves the previous copy whole.
 * A database of its own, apart from the worker's signal cache, so neither blocks the other's
 * upgrades.
 */
import { StorageError, type RunStorage, type StorageFailure, type StoredRun } from './persistence';

export const RUNS_DB = 'coreset-workbench-runs';
const STORE = 'runs';
const VERSION = 1;
const OPEN_TIMEOUT_MS = 4000;

export function classify(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const name =
    e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException)
      ? (e as Error).name
      : '';
  const text = e instanceof Error ? e.message : String(e);
  const failure: StorageFailure =
    name === 'QuotaExceededError'
      ? 'quota'
      : name === 'VersionError'
        ? 'blocked'
        : name === 'SecurityError' || name === 'InvalidStateError'
          ? 'unavailable'
          : 'failed';
  const why: Record<StorageFailure, string> = {
    quota: "the browser's storage for this page is full",
    blocked: 'another tab holds the saved runs open with a different version',
    unavailable: 'this browser gives the page no storage (private window or storage turned off)',
    failed: 'the browser refused the write',
  };
  return new StorageError(
    failure,
    `${why[failure]}${name ? ` (${name}${text ? `: ${text}` : ''})` : text ? ` (${text})` : ''}`,
  );
}

function settle<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(classify(r.error));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(classify(tx.error ?? new Error('transaction aborted')));
  });
}

export function idbRunStorage(factory: IDBFactory | undefined = globalThis.indexedDB): RunStorage {
  let db: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory)
        throw new StorageError(
          'unavailable',
          'this browser gives the page no IndexedDB (private window or storage turned off)',
        );
      const timer = setTimeout(
        () =>
          reject(
            new StorageError(
              'blocked',
              'the saved runs did not open within 4 s (another tab may be holding them)',
            ),
          ),
        OPEN_TIMEOUT_MS,
      );
      let r: IDBOpenDBRequest;
      try {
        r = factory.open(RUNS_DB, VERSION);
      } catch (e) {
        clearTimeout(timer);
        throw classify(e);
      }
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onblocked = () => {
        clearTimeout(timer);
        reject(
          new StorageError(
            'blocked',
            'another tab of the workbench holds the saved runs open; close it and reload',
          ),
        );
      };
      r.onsuccess = () => {
        clearTimeout(timer);
        const d = r.result;
        // A newer version opened elsewhere: step aside instead of blocking it.
        d.onversionchange = () => {
          d.close();
          db = undefined;
        };
        resolve(d);
      };
      r.onerror = () => {
        clearTimeout(timer);
        reject(classify(r.error));
      };
    });
    db.catch(() => (db = undefined));
    return db;
  };
  const tx = async (mode: IDBTransactionMode): Promise<IDBTransaction> => {
    try {
      return (await open()).transaction(STORE, mode);
    } catch (e) {
      throw classify(e);
    }
  };
  return {
    async loadAll() {
      const t = await tx('readonly');
      return (await settle(t.objectStore(STORE).getAll())) as unknown[];
    },
    async put(record: StoredRun) {
      const t = await tx('readwrite');
      t.objectStore(STORE).put(record, record.run.id);
      await done(t);
    },
    async remove(id: string) {
      const t = await tx('readwrite');
      t.objectStore(STORE).delete(id);
      await done(t);
    },
    async clear() {
      const t = await tx('readwrite');
      t.objectStore(STORE).clear();
      await done(t);
    },
  };
}
