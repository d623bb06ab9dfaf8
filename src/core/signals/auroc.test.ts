import { describe, it, expect } from 'vitest';
import { auroc } from './auroc';

describe('auroc', () => {
  it('is 1 for perfect ranking, 0 for reversed, 0.5 for ties', () => {
    expect(auroc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auroc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auroc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
  });

  it('matches the pair-counting definition with ties', () => {
    const s = [3, 1, 2, 2, 5, 0, 2, 4];
    const y = [1, 0, 1, 0, 1, 0, 0, 1];
    let num = 0;
    let den = 0;
    for (let i = 0; i < s.length; i++)
      for (let j = 0; j < s.length; j++)
        if (y[i] && !y[j]) {
          den++;
          num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
    expect(auroc(s, y)).toBeCloseTo(num / den, 12);
  });

  it('is NaN without both classes', () => {
    expect(auroc([1, 2], [1, 1])).toBeNaN();
  });
});
