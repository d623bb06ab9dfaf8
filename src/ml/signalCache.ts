/**
 * Where computed signals are kept so methods run side by side (and later sessions) reuse one
 * training-dynamics run. Values are plain objects of typed arrays, so the same interface fits
 * memory (here), a file store (src/cli/fileSignalCache.ts) and IndexedDB (structured clone) later.
 */
import type { Embeddings, TrainingRecord } from '../core/signals/types';
import type { EpochReport } from './train';

/** One weight tensor of a model, in model.getWeights() order. */
export interface WeightArray {
  shape: number[];
  data: Float32Array;
}

/** The shared training-dynamics run: the record plus the final weights, so later signals need no retraining. */
export interface RecordedRun {
  record: TrainingRecord;
  weights: WeightArray[];
  /** Whether the record holds input-gradient norms. */
  inputGrads: boolean;
  epochs: EpochReport[];
  /** Training time alone, ms (record passes excluded). */
  trainMs: number;
  /** Time in record passes, ms. */
  recordMs: number;
}

/** `checksum`: set by the persistent layer (verifiedSignalCache) over everything else in the value. */
export type CachedSignal = (
  { kind: 'run'; run: RecordedRun } | { kind: 'embeddings'; embeddings: Embeddings }
) & {
  checksum?: string;
};

export interface SignalCache {
  /** Undefined for a miss; throws for an entry that is there but unreadable. */
  get(key: string): Promise<CachedSignal | undefined>;
  set(key: string, value: CachedSignal): Promise<void>;
  /** Drops an entry (a corrupt one, before it is recomputed). */
  delete?(key: string): Promise<void>;
}

/**
 * FNV-1a (two lanes) over a value's content: every typed array's bytes and every scalar, keys in
 * sorted order, the checksum field itself left out. 16 hex digits.
 */
export function signalChecksum(value: CachedSignal): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const byte = (x: number) => {
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x01000193) ^ (b >>> 13);
  };
  const text = (t: string) => {
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      byte(c & 0xff);
      byte(c >> 8);
    }
  };
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      text(`<${v.constructor.name}:${bytes.length}>`);
      for (let i = 0; i < bytes.length; i++) byte(bytes[i]!);
    } else if (Array.isArray(v)) {
      text(`[${v.length}`);
      v.forEach(walk);
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v).sort()) {
        if (k === 'checksum') continue;
        text(`{${k}:`);
        walk((v as Record<string, unknown>)[k]);
      }
    } else text(`${typeof v}:${String(v)};`);
  };
  walk(value);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The persistent layer as the signals code uses it: each stored value carries its checksum, and
 * an entry that fails to read or to verify is dropped, reported through `onCorrupt`, and treated
 * as a miss (so it is recomputed and stored anew), never used.
 */
export function verifiedSignalCache(
  inner: SignalCache,
  onCorrupt: (key: string, why: string) => void,
): SignalCache {
  const drop = async (key: string, why: string) => {
    onCorrupt(key, why);
    await inner.delete?.(key).catch(() => {});
  };
  return {
    async get(key) {
      let value: CachedSignal | undefined;
      try {
        value = await inner.get(key);
      } catch (e) {
        await drop(key, `unreadable (${(e as Error).message})`);
        return undefined;
      }
      if (!value) return undefined;
      if (!value.checksum) {
        await drop(key, 'no checksum');
        return undefined;
      }
      const sum = signalChecksum(value);
      if (sum !== value.checksum) {
        await drop(key, `checksum ${sum} does not match the stored ${value.checksum}`);
        return undefined;
      }
      return value;
    },
    set: (key, value) => inner.set(key, { ...value, checksum: signalChecksum(value) }),
    delete: (key) => inner.delete?.(key) ?? Promise.resolve(),
  };
}

/** Bytes held by the typed arrays of a cached value (what matters for memory limits). */
export function cachedBytes(value: CachedSignal): number {
  if (value.kind === 'embeddings') return value.embeddings.data.byteLength;
  const r = value.run.record;
  const arrays = [r.correct, r.trueProb, r.margin, r.loss, r.el2n, r.grand, r.inputGradNorm];
  return (
    arrays.reduce((a, x) => a + (x?.byteLength ?? 0), 0) +
    value.run.weights.reduce((a, w) => a + w.data.byteLength, 0)
  );
}

export interface MemorySignalCache extends SignalCache {
  clear(): void;
  readonly size: number;
  readonly bytes: number;
}

/**
 * An LRU cache bounded by bytes (default 768 MiB): a worker that explores many datasets must not
 * grow without bound. A value larger than the bound is not kept.
 */
export function createMemorySignalCache(maxBytes = 768 * 2 ** 20): MemorySignalCache {
  const entries = new Map<string, { value: CachedSignal; bytes: number }>();
  let bytes = 0;
  return {
    async get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      // Re-insert: Map iteration order is insertion order, so the first entry is the least recent.
      entries.delete(key);
      entries.set(key, e);
      return e.value;
    },
    async set(key, value) {
      const size = cachedBytes(value);
      const old = entries.get(key);
      if (old) {
        entries.delete(key);
        bytes -= old.bytes;
      }
      if (size > maxBytes) return;
      entries.set(key, { value, bytes: size });
      bytes += size;
      for (const [k, e] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(k);
        bytes -= e.bytes;
      }
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
