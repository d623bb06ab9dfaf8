import { describe, expect, it } from 'vitest';
import { interval, pairedVerdict, tQuantile975, verdictWord } from './stats';
import { summarize, type ResultRecord } from './records';

const seeds = (...v: number[]) => new Map(v.map((x, i) => [i + 1, x]));

function rec(label: string, fraction: number, seed: number, accuracy: number): ResultRecord {
  return {
    cell: 0,
    status: 'ok',
    group: `g${seed}`,
    dataset: 'mnist',
    trainSize: 5000,
    corruption: 'clean',
    noise: 0,
    imbalance: 1,
    ood: 0,
    model: 'mlp',
    epochs: 5,
    method: label.split(' ')[0]!,
    label,
    fraction,
    seed,
    coresetSize: 250,
    accuracy,
    balancedAccuracy: accuracy,
    worstClassAccuracy: accuracy,
    macroF1: accuracy,
    signalsMs: 0,
    selectionMs: 0,
    trainingMs: 0,
    evaluationMs: 0,
  };
}

describe('confidence intervals', () => {
  it('t quantiles: the table and the large-df expansion', () => {
    expect(tQuantile975(2)).toBeCloseTo(4.303, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 2);
    expect(tQuantile975(1e6)).toBeCloseTo(1.96, 3);
  });

  it('95% t-interval of the mean; none for one value', () => {
    const iv = interval([0.8, 0.82, 0.84])!;
    expect(iv.mean).toBeCloseTo(0.82, 12);
    expect(iv.std).toBeCloseTo(0.02, 12);
    const half = (4.303 * 0.02) / Math.sqrt(3);
    expect(iv.ciLow).toBeCloseTo(0.82 - half, 6);
    expect(iv.ciHigh).toBeCloseTo(0.82 + half, 6);
    expect(interval([0.5])).toEqual({ mean: 0.5, std: 0, n: 1 });
  });
});

describe('paired verdict over seeds', () => {
  it('a small but consistent gain is "better" although the unpaired spreads overlap', () => {
    // Seeds differ a lot (data subset, init); the method beats random by 1 point on each.
    const random = seeds(0.8, 0.85, 0.9);
    const method = seeds(0.81, 0.861, 0.909);
    const v = pairedVerdict(method, random, 'random')!;
    expect(v.verdict).toBe('better');
    expect(v.diff).toBeCloseTo(0.01, 3);
    expect(v.n).toBe(3);
    expect(pairedVerdict(random, method, 'm')!.verdict).toBe('worse');
  });

  it('differences that change sign across seeds are "level"', () => {
    const v = pairedVerdict(seeds(0.82, 0.8, 0.85), seeds(0.8, 0.83, 0.84), 'random')!;
    expect(v.verdict).toBe('level');
    expect(v.ciLow!).toBeLessThan(0);
    expect(v.ciHigh!).toBeGreaterThan(0);
  });

  it('pairs by seed, not by position; one paired seed gives no interval and "level"', () => {
    const a = new Map([
      [7, 0.9],
      [3, 0.5],
    ]);
    const b = new Map([
      [3, 0.4],
      [9, 0.1],
    ]);
    const v = pairedVerdict(a, b, 'b')!;
    expect(v.n).toBe(1);
    expect(v.diff).toBeCloseTo(0.1, 12);
    expect(v.verdict).toBe('level');
    expect(v.ciLow).toBeUndefined();
    // Shown as "(1 seed)", not as "level" beside the difference.
    expect(verdictWord(v)).toBe('(1 seed)');
    expect(verdictWord(pairedVerdict(seeds(0.82, 0.8, 0.85), seeds(0.8, 0.83, 0.84), 'r')!)).toBe('level');
    expect(pairedVerdict(new Map([[1, 0.5]]), new Map([[2, 0.5]]), 'x')).toBeUndefined();
  });

  it('summarize: verdicts against random and the best other method at the same fraction', () => {
    const records = [1, 2, 3].flatMap((s) => [
      rec('random', 0.1, s, 0.8 + s / 100),
      rec('el2n', 0.1, s, 0.6 + s / 100), // far worse
      rec('ccs', 0.1, s, 0.81 + s / 100 + (s === 2 ? 0.001 : 0)), // +1 point, consistently
      rec('random', 0.3, s, 0.9),
      rec('ccs', 0.3, s, 0.9 + (s === 1 ? 0.01 : s === 2 ? -0.01 : 0)), // level
    ]);
    const rows = summarize(records);
    const at = (label: string, f: number) => rows.find((r) => r.label === label && r.fraction === f)!;
    expect(at('random', 0.1).vsRandom).toBeUndefined();
    expect(at('ccs', 0.1).vsRandom?.verdict).toBe('better');
    expect(at('el2n', 0.1).vsRandom?.verdict).toBe('worse');
    // The best other method for el2n is ccs; for ccs it is el2n (the only other non-random one).
    expect(at('el2n', 0.1).vsBaseline).toMatchObject({ against: 'ccs', verdict: 'worse' });
    expect(at('ccs', 0.1).vsBaseline).toMatchObject({ against: 'el2n', verdict: 'better' });
    expect(at('ccs', 0.3).vsRandom?.verdict).toBe('level');
    expect(at('ccs', 0.3).accuracy?.ciLow).toBeLessThan(0.9);
    // A plan that names its baselines: only those are candidates.
    const named = summarize(records, { baselines: ['random'] });
    expect(named.find((r) => r.label === 'ccs' && r.fraction === 0.1)!.vsBaseline).toBeUndefined();
  });
});
