/**
 * Per-sample scores derived from one TrainingRecord (docs/methods-decisions.md, "Training-dynamics record"):
 * record once, reuse everywhere. Every N × T array is epoch-major ([t·n + i]); every function
 * returns a Float32Array of length n.
 */
import type { TrainingRecord } from './types';

/** Number of epochs actually used when a method asks for the first `epochs` (at least 1). */
export function earlyEpochs(record: TrainingRecord, epochs: number): number {
  return Math.max(1, Math.min(record.epochs, Math.floor(epochs)));
}

/** Mean over epochs [from, to) of an epoch-major array. */
export function epochMean(values: Float32Array, n: number, from: number, to: number): Float32Array {
  if (!(to > from)) throw new RangeError(`empty epoch range [${from}, ${to})`);
  if (values.length < to * n) throw new RangeError(`record holds ${values.length / n} epochs, need ${to}`);
  const acc = new Float64Array(n);
  for (let t = from; t < to; t++) {
    const o = t * n;
    for (let i = 0; i < n; i++) acc[i]! += values[o + i]!;
  }
  const inv = 1 / (to - from);
  return Float32Array.from(acc, (v) => v * inv);
}

/**
 * Forgetting events (Toneva et al. 2019): correct → incorrect transitions between consecutive
 * epochs. Samples never classified correctly get T, above any real count (at most ⌊T/2⌋), so
 * they rank first as the paper's "never learned = infinitely forgotten".
 */
export function forgettingEvents(record: TrainingRecord): Float32Array {
  const { n, epochs: T, correct } = record;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let events = 0;
    let learned = false;
    let prev = 0;
    for (let t = 0; t < T; t++) {
      const c = correct[t * n + i]!;
      if (c) learned = true;
      else if (prev) events++;
      prev = c;
    }
    out[i] = learned ? events : T;
  }
  return out;
}

/** Samples never classified correctly in any recorded epoch. */
export function neverLearned(record: TrainingRecord): Uint8Array {
  const { n, epochs: T, correct } = record;
  const out = new Uint8Array(n).fill(1);
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let i = 0; i < n; i++) if (correct[o + i]) out[i] = 0;
  }
  return out;
}

/**
 * Area under the margin (Pleiss et al. 2020) over all recorded epochs, with the record's
 * probability margin p_y − max_{j≠y} p_j. Low = hard or mislabeled. `mean` (default) keeps the
 * scale independent of T; `sum` is the paper's definition; both rank identically.
 */
export function aum(record: TrainingRecord, reduce: 'mean' | 'sum' = 'mean'): Float32Array {
  const m = epochMean(record.margin, record.n, 0, record.epochs);
  if (reduce === 'sum') for (let i = 0; i < m.length; i++) m[i] = m[i]! * record.epochs;
  return m;
}

/** EL2N (Paul et al. 2021): ‖p − e_y‖ averaged over the first E epochs. High = hard. */
export function el2nScores(record: TrainingRecord, epochs: number): Float32Array {
  return epochMean(record.el2n, record.n, 0, earlyEpochs(record, epochs));
}

/** GraNd (Paul et al. 2021): closed-form last-layer gradient norm averaged over the first E epochs. */
export function grandScores(record: TrainingRecord, epochs: number): Float32Array {
  return epochMean(record.grand, record.n, 0, earlyEpochs(record, epochs));
}

/** AIGN (EasyCore): mean input-gradient norm over all recorded epochs. */
export function aign(record: TrainingRecord): Float32Array {
  if (!record.inputGradNorm)
    throw new Error('AIGN needs input-gradient norms: record the run with them enabled');
  return epochMean(record.inputGradNorm, record.n, 0, record.epochs);
}

export interface DataMap {
  /** Mean true-class probability. */
  confidence: Float32Array;
  /** Standard deviation (population) of the true-class probability. */
  variability: Float32Array;
  /** Fraction of epochs classified correctly. */
  correctness: Float32Array;
}

/** Data-map coordinates (Swayamdipta et al. 2020) over all recorded epochs. */
export function dataMap(record: TrainingRecord): DataMap {
  const { n, epochs: T, trueProb, correct } = record;
  const sum = new Float64Array(n);
  const sq = new Float64Array(n);
  const hits = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const o = t * n;
    for (let i = 0; i < n; i++) {
      const p = trueProb[o + i]!;
      sum[i]! += p;
      sq[i]! += p * p;
      hits[i]! += correct[o + i]!;
    }
  }
  const confidence = new Float32Array(n);
  const variability = new Float32Array(n);
  const correctness = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const mu = sum[i]! / T;
    confidence[i] = mu;
    variability[i] = Math.sqrt(Math.max(0, sq[i]! / T - mu * mu));
    correctness[i] = hits[i]! / T;
  }
  return { confidence, variability, correctness };
}

/** FoQuS persistent error: fraction of recorded epochs in which the sample was misclassified. */
export function persistentError(record: TrainingRecord): Float32Array {
  const c = dataMap(record).correctness;
  return c.map((v) => 1 - v);
}

/** FoQuS quality: mean true-class probability over the last half of training (last ⌈T/2⌉ epochs). */
export function lastHalfQuality(record: TrainingRecord): Float32Array {
  const from = Math.floor(record.epochs / 2);
  return epochMean(record.trueProb, record.n, from, record.epochs);
}
