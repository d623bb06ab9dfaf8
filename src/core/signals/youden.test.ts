import { describe, it, expect } from 'vitest';
import { rocCurve, youdenThreshold } from './youden';

describe('Youden threshold', () => {
  it('perfectly separated scores: J = 1 and every positive is kept (score ≤ τ)', () => {
    const scores = [0.1, 0.3, 0.2, 0.25, 0.9, 0.8, 0.7];
    const pos = [1, 1, 1, 1, 0, 0, 0];
    const y = youdenThreshold(scores, pos);
    expect(y.j).toBe(1);
    expect(y.threshold).toBe(0.3);
    const kept = scores.filter((s, i) => pos[i] && s <= y.threshold).length;
    expect(kept).toBe(4);
    expect(scores.filter((s, i) => !pos[i] && s <= y.threshold).length).toBe(0);
  });

  it('identical scores: J ≈ 0', () => {
    const y = youdenThreshold([2, 2, 2, 2, 2, 2], [1, 0, 1, 0, 1, 0]);
    expect(Math.abs(y.j)).toBeLessThan(1e-12);
  });

  it('overlapping scores: J is the best TPR − FPR over the ROC points', () => {
    const scores = [1, 2, 3, 4, 5, 6, 7, 8];
    const pos = [1, 1, 0, 1, 0, 1, 0, 0];
    const roc = rocCurve(scores, pos);
    const best = Math.max(...roc.tpr.map((t, i) => t - roc.fpr[i]!));
    const y = youdenThreshold(scores, pos);
    expect(y.j).toBeCloseTo(best, 12);
    // τ = 2 (0.5 − 0), τ = 4 (0.75 − 0.25) and τ = 6 (1 − 0.5) tie at J = 0.5.
    expect(y.j).toBeCloseTo(0.5, 12);
    expect(y.threshold).toBe(6); // ties go to the larger kept set
    expect(roc.tpr[roc.tpr.length - 1]).toBe(1);
    expect(roc.fpr[roc.fpr.length - 1]).toBe(1);
  });

  it('positiveBelow = false flips the direction', () => {
    const y = youdenThreshold([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0], false);
    expect(y.j).toBe(1);
    expect(y.threshold).toBe(0.8);
  });
});
