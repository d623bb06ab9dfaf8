/**
 * Seeded synthetic signals for core tests: clustered embeddings (class centres, each class a
 * few sub-clusters) and a training record with per-sample difficulty driving the dynamics,
 * some samples never learned.
 */
import { createRng, type Rng } from '../core/math/rng';
import type { SelectContext } from '../core/methods/types';
import type { Signals, TrainingRecord } from '../core/signals/types';

export interface FixtureOptions {
  n: number;
  numClasses: number;
  dim?: number;
  epochs?: number;
  seed?: number;
  /** Relative class sizes (default equal). */
  classWeights?: number[];
  projection?: boolean;
}

export function syntheticSignals(opts: FixtureOptions): Signals & { difficulty: Float32Array } {
  const { n, numClasses } = opts;
  const dim = opts.dim ?? 8;
  const T = opts.epochs ?? 6;
  const rng = createRng(opts.seed ?? 1);
  const weights = opts.classWeights ?? new Array<number>(numClasses).fill(1);
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w));
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // Every class gets at least a few rows, the rest follow the weights.
    if (i < numClasses * 3) labels[i] = i % numClasses;
    else {
      const u = rng.next() * acc;
      labels[i] = cum.findIndex((c) => u < c);
    }
  }
  const subs = 3;
  const centres = Float32Array.from({ length: numClasses * subs * dim }, () => 4 * rng.normal());
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const s = labels[i]! * subs + rng.int(subs);
    for (let q = 0; q < dim; q++) data[i * dim + q] = centres[s * dim + q]! + rng.normal();
  }
  const difficulty = Float32Array.from({ length: n }, () => rng.next());
  const record = syntheticRecord(difficulty, T, rng.fork('record'));
  const projection2d = opts.projection ? data.filter((_, j) => j % dim < 2) : undefined;
  return {
    n,
    numClasses,
    labels,
    classNames: Array.from({ length: numClasses }, (_, c) => `c${c}`),
    embeddings: { data, dim, source: 'synthetic' },
    record,
    projection2d,
    difficulty,
  };
}

function syntheticRecord(difficulty: Float32Array, T: number, rng: Rng): TrainingRecord {
  const n = difficulty.length;
  const correct = new Uint8Array(n * T);
  const trueProb = new Float32Array(n * T);
  const margin = new Float32Array(n * T);
  const loss = new Float32Array(n * T);
  const el2n = new Float32Array(n * T);
  const grand = new Float32Array(n * T);
  const inputGradNorm = new Float32Array(n * T);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) {
      const u = difficulty[i]!;
      // The hardest tenth never gets above chance (likely "mislabeled").
      const logit = u > 0.9 ? -2 + 0.3 * rng.normal() : (3 * (t + 1)) / T - 4 * u + 0.8 * rng.normal();
      const p = 1 / (1 + Math.exp(-logit));
      const o = t * n + i;
      trueProb[o] = p;
      correct[o] = p > 0.5 ? 1 : 0;
      margin[o] = 2 * p - 1;
      loss[o] = -Math.log(Math.max(p, 1e-7));
      el2n[o] = Math.SQRT2 * (1 - p);
      grand[o] = el2n[o]! * (1 + 0.1 * rng.next());
      inputGradNorm[o] = (1 - p) * 2;
    }
  }
  return { n, epochs: T, correct, trueProb, margin, loss, el2n, grand, inputGradNorm };
}

export function testContext(budget: number, n: number, seed = 1): SelectContext {
  return {
    fraction: budget / n,
    budget,
    rng: createRng(seed),
    onProgress: () => {},
    signal: new AbortController().signal,
  };
}
