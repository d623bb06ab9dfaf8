import { describe, expect, it } from 'vitest';
import { healthWarnings, nearChance, scoresConstant, tiedShare, type SelectionHealth } from './health';

const healthy: SelectionHealth = {
  numClasses: 10,
  classRows: new Array(10).fill(100),
  keptPerClass: new Array(10).fill(10),
  budget: 100,
  n: 1000,
  scoresConstant: false,
  tiedShare: 0.02,
  randomOverlap: 0.1,
};
const codes = (h: SelectionHealth, ref?: number) => healthWarnings(h, ref).map((w) => w.code);

describe('health warnings', () => {
  it('a healthy run has none', () => {
    expect(healthWarnings(healthy, 0.91)).toEqual([]);
  });

  it('full-data model near chance: under halfway from chance to perfect', () => {
    expect(codes(healthy, 0.3)).toEqual(['reference-near-chance']);
    expect(nearChance(0.46, 7)).toBe(true); // the radio preset's 46% with 7 classes
    expect(nearChance(0.9, 10)).toBe(false);
  });

  it('all gains zero: constant scores', () => {
    expect(scoresConstant(new Float32Array(50))).toBe(true);
    expect(scoresConstant(Float32Array.of(0, 0, 1))).toBe(false);
    expect(codes({ ...healthy, scoresConstant: true, tiedShare: 1 })).toEqual(['scores-constant']);
  });

  it('most of the budget decided by ties (forgetting counts of 0)', () => {
    // 95 of 100 rows never forgotten (score 0); keep the 10 "hardest": 5 real, 5 of the tied zeros.
    const scores = new Float32Array(100);
    for (let i = 0; i < 5; i++) scores[i] = i + 1;
    const kept = Int32Array.from({ length: 10 }, (_, i) => i);
    expect(tiedShare(scores, kept)).toBe(0.5);
    const worse = Int32Array.from([0, 1, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(tiedShare(scores, worse)).toBe(0.8);
    expect(codes({ ...healthy, tiedShare: 0.8 })).toEqual(['ties-decide-budget']);
    expect(codes({ ...healthy, tiedShare: 0.5 })).toEqual([]);
  });

  it('selection equal to random', () => {
    expect(codes({ ...healthy, randomOverlap: 1 })).toEqual(['selection-equals-random']);
    // keeping (nearly) everything overlaps random by necessity: no warning
    expect(codes({ ...healthy, budget: 950, randomOverlap: 0.97 })).toEqual([]);
  });

  it('a class got no sample; the budget is below the number of classes', () => {
    const kept = [...healthy.keptPerClass];
    kept[3] = 0;
    expect(codes({ ...healthy, keptPerClass: kept })).toEqual(['empty-class']);
    // a class absent from the data is not "left empty"
    const rows = [...healthy.classRows];
    rows[3] = 0;
    expect(codes({ ...healthy, classRows: rows, keptPerClass: kept })).toEqual([]);
    const tiny = { ...healthy, budget: 5, keptPerClass: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0] };
    expect(codes(tiny)).toEqual(['budget-below-classes', 'empty-class']);
  });
});
