import { describe, it, expect } from 'vitest';
import { syntheticSignals, testContext } from '../../test/coreFixtures';
import { aum, el2nScores, forgettingEvents, grandScores, neverLearned } from '../signals/scores';
import type { Signals } from '../signals/types';
import { rowsByClass } from '../budget/budgets';
import { getMethod, methodParams } from './registry';

const signals = syntheticSignals({ n: 500, numClasses: 5, epochs: 8, seed: 3 });

/** Within every class (or globally), every kept score is on the right side of every pruned one. */
function expectSeparated(
  s: Signals,
  scores: Float32Array,
  kept: Int32Array,
  keep: 'highest' | 'lowest',
  perClass: boolean,
): void {
  const mask = new Uint8Array(s.n);
  for (const r of kept) mask[r] = 1;
  const groups = perClass
    ? rowsByClass(s.labels, s.numClasses)
    : [Int32Array.from({ length: s.n }, (_, i) => i)];
  for (const rows of groups) {
    const k = Array.from(rows)
      .filter((r) => mask[r])
      .map((r) => scores[r]!);
    const p = Array.from(rows)
      .filter((r) => !mask[r])
      .map((r) => scores[r]!);
    if (k.length === 0 || p.length === 0) continue;
    if (keep === 'highest') expect(Math.min(...k)).toBeGreaterThanOrEqual(Math.max(...p));
    else expect(Math.max(...k)).toBeLessThanOrEqual(Math.min(...p));
  }
}

describe('score baselines keep the documented end', () => {
  const cases = [
    ['forgetting', () => forgettingEvents(signals.record!), 'highest', 'lowest'],
    ['el2n', () => el2nScores(signals.record!, 3), 'highest', 'lowest'],
    ['grand', () => grandScores(signals.record!, 3), 'highest', 'lowest'],
    ['aum', () => aum(signals.record!), 'lowest', 'highest'],
  ] as const;
  it.each(cases)('%s', async (id, score, hardest, easiest) => {
    const m = getMethod(id);
    const want = score();
    for (const balance of ['proportional', 'global']) {
      const hard = await m.select(
        signals,
        methodParams(id, { balance, keep: 'hardest' }),
        testContext(100, signals.n),
      );
      expect(hard.scores).toEqual(want);
      expectSeparated(signals, want, hard.indices, hardest, balance === 'proportional');
      const easy = await m.select(
        signals,
        methodParams(id, { balance, keep: 'easiest' }),
        testContext(100, signals.n),
      );
      expectSeparated(signals, want, easy.indices, easiest, balance === 'proportional');
      // keep flips the picks: the two ends of a 100-of-500 ranking share no row
      const hardSet = new Set(hard.indices);
      expect([...easy.indices].filter((r) => hardSet.has(r))).toEqual([]);
    }
  });

  it.each([
    ['forgetting', 'hardest'],
    ['el2n', 'hardest'],
    ['grand', 'hardest'],
    ['aum', 'easiest'],
    ['easycore', 'easiest'],
  ])("%s defaults to the paper's rule (keep %s) and says so in its help", (id, rule) => {
    const keep = getMethod(id).params.find((p) => p.name === 'keep')!;
    expect(keep.default).toBe(rule);
    expect(keep.help).toMatch(/paper|Pleiss|Paul|Toneva/);
  });

  it("AUM's default removes the lowest AUM (Pleiss et al.)", async () => {
    const want = aum(signals.record!);
    const sel = await getMethod('aum').select(
      signals,
      methodParams('aum', { balance: 'global' }),
      testContext(100, signals.n),
    );
    expectSeparated(signals, want, sel.indices, 'highest', false);
    const lowest = Int32Array.from(want.keys()).sort((a, b) => want[a]! - want[b]!)[0]!;
    expect(sel.indices).not.toContain(lowest);
  });

  it('forgetting keeps never-learned samples first', async () => {
    const never = neverLearned(signals.record!);
    const count = never.reduce((a, b) => a + b, 0);
    expect(count).toBeGreaterThan(10);
    const sel = await getMethod('forgetting').select(
      signals,
      methodParams('forgetting', { balance: 'global' }),
      testContext(count, signals.n),
    );
    expect(Array.from(sel.indices).every((r) => never[r] === 1)).toBe(true);
  });

  it('EL2N epochs parameter changes the score (first E epochs only)', async () => {
    const m = getMethod('el2n');
    const a = await m.select(signals, methodParams('el2n', { epochs: 1 }), testContext(50, signals.n));
    const b = await m.select(signals, methodParams('el2n', { epochs: 8 }), testContext(50, signals.n));
    expect(a.scores).toEqual(el2nScores(signals.record!, 1));
    expect(b.scores).toEqual(el2nScores(signals.record!, 8));
    expect(a.scores).not.toEqual(b.scores);
  });

  it('ties are broken by the seed, not by row order', async () => {
    // Forgetting counts have many ties: different seeds pick different tied rows.
    const m = getMethod('forgetting');
    const p = methodParams('forgetting', { balance: 'global', keep: 'easiest' });
    const a = await m.select(signals, p, testContext(40, signals.n, 1));
    const b = await m.select(signals, p, testContext(40, signals.n, 2));
    expect(Array.from(a.indices)).not.toEqual(Array.from(b.indices));
  });
});
