/**
 * How far two kNN results over the same rows agree (the GPU kernels against the SIMD path):
 * rows whose lists are identical, rows that differ only among neighbours at the same value
 * (ties, to 1e-5 relative), rows that really differ, and the largest value difference.
 */
import type { KnnResult } from './knn';

export interface KnnAgreement {
  same: number;
  tied: number;
  mismatched: number;
  maxValueDiff: number;
}

export function compareKnn(a: KnnResult, b: KnnResult): KnnAgreement {
  if (a.n !== b.n || a.k !== b.k)
    throw new RangeError(`kNN results differ in shape (${a.n}×${a.k} vs ${b.n}×${b.k})`);
  let same = 0;
  let tied = 0;
  let mismatched = 0;
  let maxValueDiff = 0;
  const k = b.k;
  for (let r = 0; r < b.n; r++) {
    let rowSame = true;
    let rowTied = true;
    for (let q = 0; q < k; q++) {
      const x = a.values[r * k + q]!;
      const y = b.values[r * k + q]!;
      maxValueDiff = Math.max(maxValueDiff, Math.abs(x - y));
      if (a.indices[r * k + q] !== b.indices[r * k + q]) {
        rowSame = false;
        if (Math.abs(x - y) > 1e-5 * Math.max(1, Math.abs(y))) rowTied = false;
      }
    }
    if (rowSame) same++;
    else if (rowTied) tied++;
    else mismatched++;
  }
  return { same, tied, mismatched, maxValueDiff };
}
