/**
 * The backend probe's figures per device, in IndexedDB, so the probe runs on the first visit
 * only. Its own small database: a failure here costs a re-probe, nothing else.
 */
import type { BackendProbe, ProbeCache } from '../../ml/backend';

const DB = 'coreset-workbench-device';
const STORE = 'probes';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export function idbProbeCache(): ProbeCache | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
    });
  return {
    async get(device) {
      const db = await open();
      try {
        return (await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(device))) as
          BackendProbe[] | undefined;
      } finally {
        db.close();
      }
    },
    async set(device, probes) {
      const db = await open();
      try {
        await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(probes, device));
      } finally {
        db.close();
      }
    },
  };
}
