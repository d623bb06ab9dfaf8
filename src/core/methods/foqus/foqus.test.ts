import { describe, expect, it } from 'vitest';
import { syntheticSignals, testContext } from '../../../test/coreFixtures';
import { createRng } from '../../math/rng';
import { lastHalfQuality, persistentError } from '../../signals/scores';
import type { Signals, TrainingRecord } from '../../signals/types';
import { proportionalBudgets } from '../../budget/budgets';
import { foqusMethod } from './foqus';
import { foqusScores, foqusStrata, rankNormalizeWithin } from './foqusScores';
import { methodParams } from '../registry';
import type { Selection } from '../types';

const SNR_NAMES = ['low', 'mid', 'high'];

/** The shared fixture plus an SNR-like stratum per row. */
function withStrata(n: number, seed: number): Signals {
  const s = syntheticSignals({ n, numClasses: 4, epochs: 8, seed });
  const rng = createRng(seed + 1);
  return {
    ...s,
    strata: { name: 'SNR', of: Uint8Array.from({ length: n }, () => rng.int(3)), names: SNR_NAMES },
  };
}

async function run(
  s: Signals,
  budget: number,
  params: Record<string, unknown> = {},
  seed = 1,
): Promise<Selection> {
  return foqusMethod.select(s, methodParams('foqus', params), testContext(budget, s.n, seed));
}

/** A hand-made record: rows' correctness and true-class probability per epoch. */
function record(rows: { c: number[]; p: number[] }[]): TrainingRecord {
  const n = rows.length;
  const T = rows[0]!.c.length;
  const correct = new Uint8Array(n * T);
  const trueProb = new Float32Array(n * T);
  rows.forEach((r, i) => {
    for (let t = 0; t < T; t++) {
      correct[t * n + i] = r.c[t]!;
      trueProb[t * n + i] = r.p[t]!;
    }
  });
  const z = () => new Float32Array(n * T);
  return { n, epochs: T, correct, trueProb, margin: z(), loss: z(), el2n: z(), grand: z() };
}

describe('FoQuS', () => {
  it('rank normalisation lives inside each stratum: mid-ranks for ties, [0, 1], singletons 0.5', () => {
    const v = Float32Array.from([5, 1, 3, 3, 100, -7, 2]);
    const groups = [Int32Array.from([0, 1, 2, 3]), Int32Array.from([4, 5]), Int32Array.from([6])];
    const r = rankNormalizeWithin(v, groups);
    expect(Array.from(r)).toEqual([1, 0, 0.5, 0.5, 1, 0, 0.5]);
    // A value far outside one stratum does not move another stratum's ranks.
    const v2 = v.slice();
    v2[4] = 1e9;
    expect(Array.from(rankNormalizeWithin(v2, groups))).toEqual(Array.from(r));
  });

  it('scores a hand-made record as the definitions say', () => {
    const rec = record([
      { c: [1, 0, 1, 0], p: [0.6, 0.4, 0.7, 0.3] }, // forgotten twice
      { c: [0, 1, 1, 1], p: [0.3, 0.6, 0.8, 0.9] }, // learned, never forgotten
      { c: [0, 0, 0, 0], p: [0.1, 0.1, 0.2, 0.2] }, // never learned
      { c: [1, 1, 1, 1], p: [0.9, 0.9, 0.9, 0.95] }, // easy
    ]);
    const all = [Int32Array.from([0, 1, 2, 3])];
    const s = foqusScores(rec, all, { forgetting: 1, error: 1, quality: 1, neverLearned: 1 });
    expect(Array.from(s.forgetting)).toEqual([2, 0, 0, 0]);
    expect(Array.from(s.persistentError)).toEqual(Array.from(persistentError(rec)));
    expect(Array.from(s.persistentError)).toEqual([0.5, 0.25, 1, 0]);
    expect(s.quality[0]).toBeCloseTo(0.5, 6);
    expect(Array.from(s.quality)).toEqual(Array.from(lastHalfQuality(rec)));
    expect(Array.from(s.neverLearned)).toEqual([0, 0, 1, 0]);
    // F̃ = [1, 1/3, 1/3, 1/3]; Ẽ = [2/3, 1/3, 1, 0]; 1 − Q̃ = [2/3, 1/3, 1, 0].
    const expected = [(1 + 2 / 3 + 2 / 3) / 3, 1 / 3, (1 / 3 + 1 + 1) / 3, 1 / 9];
    s.importance.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    // Weights: only forgetting counts.
    const f = foqusScores(rec, all, { forgetting: 1, error: 0, quality: 0, neverLearned: 1 });
    expect(f.importance[0]).toBeCloseTo(1, 6);
    // Down-weighting never-learned samples.
    const d = foqusScores(rec, all, { forgetting: 1, error: 1, quality: 1, neverLearned: 0.25 });
    expect(d.importance[2]).toBeCloseTo(expected[2]! * 0.25, 5);
    expect(() => foqusScores(rec, all, { forgetting: 0, error: 0, quality: 0, neverLearned: 1 })).toThrow(
      /positive/,
    );
  });

  it('strata are class × SNR bin when the data has them, class otherwise', () => {
    const s = withStrata(400, 2);
    const both = foqusStrata(s, true);
    const cls = foqusStrata(s, false);
    expect(cls.rows).toHaveLength(4);
    expect(both.rows.length).toBeGreaterThan(4);
    expect(both.rows.length).toBeLessThanOrEqual(12);
    expect(both.rows.reduce((a, r) => a + r.length, 0)).toBe(400);
    for (let i = 0; i < s.n; i++) {
      const st = both.of[i]!;
      expect(both.cls[st]).toBe(s.labels[i]);
      expect(both.names[st]).toContain(SNR_NAMES[s.strata!.of[i]!]!);
    }
  });

  it('stratum budgets sum exactly to k and are proportional; each stratum keeps its most important rows', async () => {
    const s = withStrata(503, 4);
    for (const budget of [1, 17, 50, 151, 400, 503]) {
      const sel = await run(s, budget);
      expect(sel.indices.length).toBe(budget);
      expect(new Set(sel.indices).size).toBe(budget);
      const strata = foqusStrata(s, true);
      const sizes = strata.rows.map((r) => r.length);
      const expected = proportionalBudgets(sizes, budget);
      const got = new Array<number>(sizes.length).fill(0);
      for (const r of sel.indices) got[strata.of[r]!]!++;
      expect(got).toEqual(expected);
      got.forEach((g, st) => expect(Math.abs(g - (sizes[st]! * budget) / s.n)).toBeLessThan(1));
      // Top importance inside every stratum.
      const keptMask = new Uint8Array(s.n);
      for (const r of sel.indices) keptMask[r] = 1;
      for (const rows of strata.rows) {
        const kept = Array.from(rows).filter((r) => keptMask[r]);
        const pruned = Array.from(rows).filter((r) => !keptMask[r]);
        if (!kept.length || !pruned.length) continue;
        expect(Math.min(...kept.map((r) => sel.scores![r]!))).toBeGreaterThanOrEqual(
          Math.max(...pruned.map((r) => sel.scores![r]!)),
        );
      }
    }
  });

  it('on a synthetic record it keeps hard samples over easy ones, reproducibly', async () => {
    const s = syntheticSignals({ n: 600, numClasses: 5, epochs: 10, seed: 7 });
    const sel = await run(s, 120, { neverLearnedWeight: 1 });
    const again = await run(s, 120, { neverLearnedWeight: 1 });
    expect(Array.from(sel.indices)).toEqual(Array.from(again.indices));
    const mean = (rows: ArrayLike<number>) =>
      Array.from(rows).reduce((a, r) => a + s.difficulty[r]!, 0) / rows.length;
    expect(mean(sel.indices)).toBeGreaterThan(mean(Int32Array.from({ length: s.n }, (_, i) => i)) + 0.15);
    // Down-weighting never-learned rows (difficulty > 0.9 in the fixture) keeps fewer of them.
    const never = (x: Selection) => Array.from(x.indices).filter((r) => s.difficulty[r]! > 0.9).length;
    const down = await run(s, 120, { neverLearnedWeight: 0 });
    expect(never(down)).toBeLessThan(never(sel));
    const kinds = sel.diagnostics.map((d) => d.kind);
    expect(kinds).toContain('curves');
    expect(kinds.filter((k) => k === 'histogram').length).toBeGreaterThanOrEqual(3);
    expect(kinds).toContain('classBars');
    expect(kinds).toContain('imageRanking');
  });

  it('with SNR strata it adds per-SNR budget bars; turning them off stratifies by class only', async () => {
    const s = withStrata(300, 9);
    const on = await run(s, 60);
    const off = await run(s, 60, { snrStrata: false });
    expect(on.diagnostics.some((d) => d.kind === 'classBars' && d.title.includes('SNR'))).toBe(true);
    expect(off.diagnostics.some((d) => d.kind === 'classBars' && d.title.includes('SNR'))).toBe(false);
    expect(off.perClassCounts).toEqual(
      proportionalBudgets(
        off.perClassCounts.map((_, c) => s.labels.filter((l) => l === c).length),
        60,
      ),
    );
  });

  it('needs a record', async () => {
    const s = syntheticSignals({ n: 50, numClasses: 2, seed: 1 });
    await expect(async () => run({ ...s, record: undefined }, 10)).rejects.toThrow(/training record/);
  });
});
