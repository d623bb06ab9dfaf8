/**
 * The WebGPU adapter the last start found, kept per browser (IndexedDB), so a return visit need
 * not ask for it before it can train. In a worker, the first `requestAdapter` holds the worker's
 * thread while the browser sets up its GPU channel: 0.4–0.9 s measured on a loaded 2-core
 * machine with a software adapter (SwiftShader), during which nothing else in the worker (the
 * data load included) moves (issue 21). Only a software adapter or none is taken from memory —
 * the start then goes to wasm, as it would have; a hardware adapter is asked for each time
 * (WebGPU, which needs it, starts then). After a start from memory the adapter is asked for
 * again once the worker is idle (idleProbe.ts), so a new one is seen by the next start.
 */
import { probeWebGpuAdapter, type AdapterProbe } from '../../ml/backend';
import type { KeyValue } from './idbProbeCache';

export interface AdapterMemory {
  /** The adapter for this start: from memory when the last was software or none, else asked for. */
  atStart(): Promise<AdapterProbe>;
  /** After a start from memory: asks the browser and keeps the answer (once). */
  refresh(): Promise<void>;
}

export function adapterMemory(
  kv: KeyValue<AdapterProbe> | undefined,
  probe: () => Promise<AdapterProbe> = probeWebGpuAdapter,
): AdapterMemory {
  const nav = (globalThis as { navigator?: { userAgent?: string; hardwareConcurrency?: number } }).navigator;
  const key = JSON.stringify(['adapter', 1, nav?.userAgent ?? '', nav?.hardwareConcurrency ?? 0]);
  let fromMemory = false;
  const askAndKeep = async (): Promise<AdapterProbe> => {
    const real = await probe();
    await kv?.set(key, real).catch(() => {});
    return real;
  };
  return {
    async atStart() {
      const kept = await kv?.get(key).catch(() => undefined);
      if (kept && !(kept.available && !kept.software)) {
        fromMemory = true;
        return kept;
      }
      return askAndKeep();
    },
    async refresh() {
      if (!fromMemory) return;
      fromMemory = false;
      await askAndKeep();
    },
  };
}
