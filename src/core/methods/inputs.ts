/**
 * Guards for the signals a method needs: a clear message naming the method and the missing
 * signal instead of a TypeError deep in a loop.
 */
import type { Matrix } from '../math/distances';
import type { Signals, TrainingRecord } from '../signals/types';

export class MissingSignalError extends Error {
  constructor(method: string, what: string) {
    super(`${method} needs ${what}; compute it first`);
    this.name = 'MissingSignalError';
  }
}

export function requireRecord(signals: Signals, method: string): TrainingRecord {
  const r = signals.record;
  if (!r) throw new MissingSignalError(method, 'a training record');
  if (r.n !== signals.n)
    throw new Error(`${method}: the training record covers ${r.n} samples, the data ${signals.n}`);
  if (r.epochs < 1) throw new MissingSignalError(method, 'a training record with at least one epoch');
  return r;
}

export function requireEmbeddings(signals: Signals, method: string): Matrix {
  const e = signals.embeddings;
  if (!e) throw new MissingSignalError(method, 'embeddings');
  if (e.data.length !== signals.n * e.dim)
    throw new Error(`${method}: embeddings hold ${e.data.length} values, expected ${signals.n} × ${e.dim}`);
  return { data: e.data, rows: signals.n, dim: e.dim };
}
