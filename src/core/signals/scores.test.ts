import { describe, it, expect } from 'vitest';
import {
  aign,
  aum,
  dataMap,
  el2nScores,
  forgettingEvents,
  grandScores,
  lastHalfQuality,
  neverLearned,
  persistentError,
} from './scores';
import type { TrainingRecord } from './types';

/** Builds an epoch-major record from per-sample trajectories (rows = samples, columns = epochs). */
function recordOf(
  correct: number[][],
  trueProb?: number[][],
  extra: Partial<TrainingRecord> = {},
): TrainingRecord {
  const n = correct.length;
  const T = correct[0]!.length;
  const em = (rows: number[][]): Float32Array => {
    const out = new Float32Array(n * T);
    rows.forEach((r, i) => r.forEach((v, t) => (out[t * n + i] = v)));
    return out;
  };
  const c = new Uint8Array(n * T);
  correct.forEach((r, i) => r.forEach((v, t) => (c[t * n + i] = v)));
  const p = trueProb ? em(trueProb) : em(correct.map((r) => r.map((v) => (v ? 0.9 : 0.1))));
  return {
    n,
    epochs: T,
    correct: c,
    trueProb: p,
    margin: p.map((v) => 2 * v - 1),
    loss: p.map((v) => -Math.log(v)),
    el2n: p.map((v) => 1 - v),
    grand: p.map((v) => 2 * (1 - v)),
    ...extra,
  };
}

describe('forgetting events', () => {
  it('counts correct → incorrect transitions; never-learned gets T and ranks first', () => {
    const rec = recordOf([
      [0, 1, 1, 1, 1, 1], // learned once, never forgotten: 0
      [1, 0, 1, 0, 1, 0], // forgotten three times: 3
      [0, 0, 0, 0, 0, 0], // never learned: T = 6
      [1, 1, 0, 0, 1, 1], // one event (a two-epoch dip counts once): 1
      [1, 1, 1, 1, 1, 0], // forgotten at the very end: 1
      [0, 0, 0, 0, 0, 1], // learned only at the end: 0
    ]);
    const f = forgettingEvents(rec);
    expect(Array.from(f)).toEqual([0, 3, 6, 1, 1, 0]);
    const ranked = Array.from(f.keys()).sort((a, b) => f[b]! - f[a]!);
    expect(ranked[0]).toBe(2);
    expect(Array.from(neverLearned(rec))).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('never-learned beats the largest possible real count (⌊T/2⌋)', () => {
    const rec = recordOf([
      [1, 0, 1, 0, 1, 0, 1, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    const f = forgettingEvents(rec);
    expect(f[0]).toBe(4);
    expect(f[1]).toBe(8);
  });
});

describe('record-derived scores', () => {
  const probs = [
    [0.2, 0.4, 0.6, 0.8],
    [0.9, 0.9, 0.9, 0.9],
    [0.1, 0.1, 0.7, 0.1],
  ];
  const correct = probs.map((r) => r.map((p) => (p > 0.5 ? 1 : 0)));
  const rec = recordOf(correct, probs, { inputGradNorm: Float32Array.from({ length: 12 }, (_, j) => j) });

  it('AUM: mean (default) or sum of margins; low for the hard sample', () => {
    const m = aum(rec);
    expect(m[0]).toBeCloseTo(2 * 0.5 - 1, 6);
    expect(m[1]).toBeCloseTo(0.8, 6);
    expect(m[2]).toBeCloseTo(2 * 0.25 - 1, 6);
    expect(aum(rec, 'sum')[1]).toBeCloseTo(3.2, 5);
    expect(m[2]!).toBeLessThan(m[0]!);
  });

  it('EL2N and GraNd average the first E epochs only (E capped at T, at least 1)', () => {
    expect(el2nScores(rec, 2)[0]).toBeCloseTo(1 - 0.3, 6);
    expect(el2nScores(rec, 1)[2]).toBeCloseTo(0.9, 6);
    expect(el2nScores(rec, 99)[0]).toBeCloseTo(0.5, 6);
    expect(el2nScores(rec, 0)[0]).toBeCloseTo(0.8, 6);
    expect(grandScores(rec, 2)[1]).toBeCloseTo(0.2, 6);
  });

  it('AIGN is the mean input-gradient norm, and needs the opt-in signal', () => {
    // Sample 0 sits at j = 0, 3, 6, 9 of the epoch-major array.
    expect(aign(rec)[0]).toBeCloseTo(4.5, 6);
    expect(() => aign({ ...rec, inputGradNorm: undefined })).toThrow(/input-gradient/);
  });

  it('data map, persistent error and last-half quality', () => {
    const dm = dataMap(rec);
    expect(dm.confidence[0]).toBeCloseTo(0.5, 6);
    expect(dm.variability[0]).toBeCloseTo(Math.sqrt(0.05), 5);
    expect(dm.variability[1]).toBeCloseTo(0, 6);
    expect(dm.correctness[0]).toBeCloseTo(0.5, 6);
    expect(dm.correctness[2]).toBeCloseTo(0.25, 6);
    expect(persistentError(rec)[2]).toBeCloseTo(0.75, 6);
    expect(lastHalfQuality(rec)[0]).toBeCloseTo(0.7, 6);
    expect(lastHalfQuality(rec)[2]).toBeCloseTo(0.4, 6);
  });
});
