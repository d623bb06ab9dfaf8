import { describe, expect, it } from 'vitest';
import { syntheticSignals, testContext } from '../../../test/coreFixtures';
import { aign } from '../../signals/scores';
import type { Signals, TrainingRecord } from '../../signals/types';
import { rowsByClass } from '../../budget/budgets';
import { getMethod, methodParams } from '../registry';

/** A record whose every input gradient is the same constant vector g: AIGN = ‖g‖ for all. */
function constantGradientRecord(n: number, T: number, g: number[]): TrainingRecord {
  const norm = Math.hypot(...g);
  const z = () => new Float32Array(n * T);
  return {
    n,
    epochs: T,
    correct: new Uint8Array(n * T),
    trueProb: z(),
    margin: z(),
    loss: z(),
    el2n: z(),
    grand: z(),
    inputGradNorm: new Float32Array(n * T).fill(norm),
  };
}

describe('EasyCore', () => {
  const easy = getMethod('easycore');

  it('AIGN of a constant-gradient toy equals the gradient norm', () => {
    const r = constantGradientRecord(10, 4, [3, 4, 12]);
    for (const v of aign(r)) expect(v).toBeCloseTo(13, 5);
  });

  it('keeps the lowest AIGN per class by default, globally when asked, reproducibly', async () => {
    const s = syntheticSignals({ n: 400, numClasses: 4, epochs: 5, seed: 9, classWeights: [3, 1, 1, 1] });
    const scores = aign(s.record!);
    const sel = await easy.select(s, methodParams('easycore'), testContext(80, s.n, 2));
    const again = await easy.select(s, methodParams('easycore'), testContext(80, s.n, 2));
    expect(Array.from(sel.indices)).toEqual(Array.from(again.indices));
    expect(sel.indices.length).toBe(80);
    const kept = new Set(sel.indices);
    for (const rows of rowsByClass(s.labels, 4)) {
      const k = Array.from(rows)
        .filter((r) => kept.has(r))
        .map((r) => scores[r]!);
      const p = Array.from(rows)
        .filter((r) => !kept.has(r))
        .map((r) => scores[r]!);
      if (k.length && p.length) expect(Math.max(...k)).toBeLessThanOrEqual(Math.min(...p));
    }
    const global = await easy.select(
      s,
      methodParams('easycore', { balance: 'global' }),
      testContext(80, s.n),
    );
    const gk = Array.from(global.indices, (r) => scores[r]!);
    const threshold = Math.max(...gk);
    expect(Array.from(scores).filter((v) => v < threshold).length).toBeLessThanOrEqual(80);
    const kinds = sel.diagnostics.map((d) => d.kind);
    expect(kinds).toEqual(['histogram', 'histogram', 'scatter', 'classBars', 'imageRanking']);
  });

  it('refuses a record without input gradients', () => {
    const s: Signals = syntheticSignals({ n: 50, numClasses: 2, seed: 1 });
    const { inputGradNorm: _drop, ...rest } = s.record!;
    expect(() => easy.select({ ...s, record: rest }, methodParams('easycore'), testContext(10, 50))).toThrow(
      /input-gradient/,
    );
  });
});
