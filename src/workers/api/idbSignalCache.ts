/**
 * Signals persisted in IndexedDB (inside the worker), so a recorded training run survives a
 * reload. Values are plain typed arrays and structured-clone as they are, with the checksum the
 * signals layer adds. The cache is an optimisation: a failed read is dropped and recomputed, and a failed write (quota, private mode) is reported
 * once through `onError` and otherwise ignored, never breaking the run that produced the value.
 */
import type { CachedSignal, SignalCache } from '../../ml/signalCache';

const DB = 'coreset-workbench';
const STORE = 'signals';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export function idbSignalCache(onError: (message: string) => void = () => {}): SignalCache | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  let db: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
    });
    db.catch(() => (db = undefined));
    return db;
  };
  let warned = false;
  return {
    async get(key) {
      let db: IDBDatabase;
      try {
        db = await open();
      } catch {
        return undefined; // no IndexedDB (private mode): every read a miss
      }
      // A failed read of an entry that exists throws: the checksum layer drops and recomputes it.
      return (await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key))) as
        CachedSignal | undefined;
    },
    async delete(key) {
      try {
        const tx = (await open()).transaction(STORE, 'readwrite');
        await request(tx.objectStore(STORE).delete(key));
      } catch {
        // Nothing to drop, or no IndexedDB: the next write replaces the entry anyway.
      }
    },
    async set(key, value) {
      try {
        const tx = (await open()).transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put(value, key);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        });
      } catch (e) {
        if (!warned)
          onError(`signals could not be saved for later (${(e as Error).name}: ${(e as Error).message})`);
        warned = true;
      }
    },
  };
}
