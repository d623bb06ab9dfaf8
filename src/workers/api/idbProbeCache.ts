/**
 * The backend probe's figures per device (matMul at start, training step per workload), in
 * IndexedDB, so each probe runs on the first visit only. Its own small database: a failure here
 * costs a re-probe, nothing else.
 */
import type { BackendProbe, ProbeCache } from '../../ml/backend';
import type { WorkloadProbe } from '../../ml/workloadPick';
import type { WorkloadCache } from '../../ml/workloadProbe';

const DB = 'coreset-workbench-device';
const STORE = 'probes';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export interface KeyValue<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
}

export function idbProbeCache(): ProbeCache | undefined {
  return idbKeyValue<BackendProbe[]>();
}

/** Workload keys start with "workload", so they share the store with the matMul figures. */
export function idbWorkloadCache(): WorkloadCache | undefined {
  return idbKeyValue<WorkloadProbe[]>();
}

/** A value per key in the device database (IndexedDB); undefined where there is none. */
export function idbKeyValue<T>(): KeyValue<T> | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
    });
  return {
    async get(key) {
      const db = await open();
      try {
        return (await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key))) as
          T | undefined;
      } finally {
        db.close();
      }
    },
    async set(key, value) {
      const db = await open();
      try {
        await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(value, key));
      } finally {
        db.close();
      }
    },
  };
}
