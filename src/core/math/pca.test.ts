import { describe, it, expect } from 'vitest';
import { jacobiEigen } from './eigen';
import { pca } from './pca';
import { createRng } from './rng';

/** Rows x = Σ_c s_c z_c u_c + small noise, with orthogonal axes u_c along coordinates. */
function planted(n: number, dim: number, scales: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < dim; q++)
      out[i * dim + q] = 0.01 * rng.normal() + (q < scales.length ? scales[q]! * rng.normal() : 0);
  }
  return out;
}

describe('PCA', () => {
  it('Jacobi diagonalises a symmetric matrix', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const { values, vectors } = jacobiEigen(a, 3);
    for (let c = 0; c < 3; c++) {
      for (let r = 0; r < 3; r++) {
        let av = 0;
        for (let s = 0; s < 3; s++) av += a[r * 3 + s]! * vectors[s * 3 + c]!;
        expect(av).toBeCloseTo(values[c]! * vectors[r * 3 + c]!, 9);
      }
    }
    expect(values[0]! >= values[1]! && values[1]! >= values[2]!).toBe(true);
    expect(values.reduce((x, y) => x + y, 0)).toBeCloseTo(12, 9);
  });

  it('finds planted axes with their variances (subspace iteration path)', () => {
    const scales = [5, 4, 3, 2];
    const x = planted(3000, 40, scales, 1);
    const res = pca(x, 40, 4, createRng(1), { oversample: 6 });
    for (let c = 0; c < 4; c++) {
      expect(res.eigenvalues[c]! / scales[c]! ** 2).toBeGreaterThan(0.9);
      expect(res.eigenvalues[c]! / scales[c]! ** 2).toBeLessThan(1.1);
      // Component c is (±) coordinate axis c; signs are fixed positive.
      expect(res.components[c * 40 + c]!).toBeGreaterThan(0.99);
    }
    expect(res.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.99);
    // Projected columns have the eigenvalues as variance and are uncorrelated.
    const k = 4;
    for (let c = 0; c < k; c++) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < 3000; i++) {
        const v = res.projected[i * k + c]!;
        s += v;
        s2 += v * v;
      }
      expect(Math.abs(s / 3000)).toBeLessThan(0.05 * scales[c]!);
      expect(s2 / 2999).toBeCloseTo(res.eigenvalues[c]!, 0);
    }
  });

  it('subspace iteration agrees with exact Jacobi on a generic spectrum', () => {
    const rng = createRng(4);
    const n = 800;
    const dim = 30;
    const mix = Float32Array.from({ length: dim * dim }, () => rng.normal());
    const x = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) {
      const z = Array.from({ length: dim }, (_, q) => rng.normal() / (1 + q));
      for (let q = 0; q < dim; q++) {
        let s = 0;
        for (let r = 0; r < dim; r++) s += mix[q * dim + r]! * z[r]!;
        x[i * dim + q] = s;
      }
    }
    const exact = pca(x, dim, 5, createRng(1), { oversample: 100 });
    const fast = pca(x, dim, 5, createRng(1), { oversample: 8, iterations: 30 });
    for (let c = 0; c < 5; c++) expect(fast.eigenvalues[c]! / exact.eigenvalues[c]!).toBeCloseTo(1, 3);
  });

  it('takes bytes with a scale, subsamples rows for the covariance, and is deterministic', () => {
    const rng = createRng(5);
    const bytes = Uint8Array.from({ length: 500 * 20 }, () => (rng.next() < 0.3 ? rng.int(256) : 0));
    const a = pca(bytes, 20, 3, createRng(2), { scale: 1 / 255, maxRows: 200 });
    const b = pca(bytes, 20, 3, createRng(2), { scale: 1 / 255, maxRows: 200 });
    expect(a.projected).toEqual(b.projected);
    expect(a.projected.length).toBe(500 * 3);
    const floats = Float32Array.from(bytes, (v) => v / 255);
    const c = pca(floats, 20, 3, createRng(2), { maxRows: 200 });
    for (let i = 0; i < 30; i++) expect(c.projected[i]).toBeCloseTo(a.projected[i]!, 5);
    expect(() => pca(bytes, 20, 21, createRng(1))).toThrow(/k must be/);
  });
});
