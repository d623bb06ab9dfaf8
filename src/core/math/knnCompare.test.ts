import { describe, expect, it } from 'vitest';
import type { KnnResult } from './knn';
import { compareKnn } from './knnCompare';

const res = (indices: number[], values: number[]): KnnResult => ({
  n: indices.length / 2,
  k: 2,
  metric: 'cosine',
  indices: Int32Array.from(indices),
  values: Float32Array.from(values),
});

describe('compareKnn', () => {
  it('counts identical rows, rows that differ only in ties, and rows that really differ', () => {
    const cpu = res([1, 2, 0, 2, 0, 1], [0.9, 0.5, 0.9, 0.7, 0.8, 0.8]);
    // Row 0 identical; row 1 a different neighbour at another value; row 2 its tie swapped.
    const gpu = res([1, 2, 0, 3, 1, 0], [0.9, 0.5, 0.9, 0.6, 0.8, 0.8]);
    const c = compareKnn(gpu, cpu);
    expect(c).toMatchObject({ same: 1, tied: 1, mismatched: 1 });
    expect(c.maxValueDiff).toBeCloseTo(0.1, 6);
  });

  it('refuses results of different shapes', () => {
    expect(() => compareKnn(res([1, 0], [1, 1]), res([1, 0, 0, 1], [1, 1, 1, 1]))).toThrow(/shape/);
  });
});
