import { describe, expect, it } from 'vitest';
import { countMarked, keptTruth } from './keptTruth';

describe('keptTruth', () => {
  const noisyMask = Uint8Array.from([1, 0, 1, 0, 1]);
  const oodMask = Uint8Array.from([0, 1, 0, 0, 0]);

  it('counts the marked rows among the kept and in all', () => {
    expect(keptTruth({ noisyMask, oodMask }, Int32Array.from([0, 1, 3]))).toEqual({
      noisyKept: 1,
      noisyTotal: 3,
      oodKept: 1,
      oodTotal: 1,
    });
  });

  it('leaves a corruption the data does not have undefined', () => {
    expect(keptTruth({ noisyMask }, [2, 4])).toEqual({
      noisyKept: 2,
      noisyTotal: 3,
      oodKept: undefined,
      oodTotal: undefined,
    });
    expect(countMarked(undefined, [0])).toBeUndefined();
  });

  it('rejects a kept row outside the data', () => {
    expect(() => countMarked(noisyMask, [5])).toThrow(/kept row 5 is outside the data \(5 rows\)/);
  });
});
