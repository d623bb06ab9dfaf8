/**
 * Where computed signals are kept so methods run side by side (and later sessions) reuse one
 * training-dynamics run. Values are plain objects of typed arrays, so the same interface fits
 * memory (here), a file store (src/cli/signalCache.ts) and IndexedDB (structured clone) later.
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

export type CachedSignal = { kind: 'run'; run: RecordedRun } | { kind: 'embeddings'; embeddings: Embeddings };

export interface SignalCache {
  get(key: string): Promise<CachedSignal | undefined>;
  set(key: string, value: CachedSignal): Promise<void>;
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
