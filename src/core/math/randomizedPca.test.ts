import { describe, expect, it } from 'vitest';
import { COVARIANCE_MAX_DIM, pca } from './pca';
import { createRng } from './rng';

/** Rows of `dim` bytes: a few planted directions (random dense axes) plus noise, like colour images. */
function wideBytes(
  n: number,
  dim: number,
  scales: number[],
  seed: number,
): { x: Uint8Array; axes: Float64Array[] } {
  const rng = createRng(seed);
  const axes = scales.map(() => {
    const a = Float64Array.from({ length: dim }, () => rng.normal());
    const norm = Math.hypot(...a);
    return a.map((v) => v / norm);
  });
  const x = new Uint8Array(n * dim);
  for (let i = 0; i < n; i++) {
    const z = scales.map((s) => s * rng.normal());
    for (let p = 0; p < dim; p++) {
      let v = 128 + 2 * rng.normal();
      for (let c = 0; c < scales.length; c++) v += z[c]! * axes[c]![p]!;
      x[i * dim + p] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return { x, axes };
}

describe('randomized PCA (wide rows: no d × d covariance)', () => {
  it('finds planted directions and their variances on 32×32×3 rows', () => {
    const dim = 3072;
    expect(dim).toBeGreaterThan(COVARIANCE_MAX_DIM);
    const scales = [400, 300, 200];
    const { x, axes } = wideBytes(1500, dim, scales, 4);
    const t0 = performance.now();
    const r = pca(x, dim, 8, createRng(1));
    const ms = performance.now() - t0;
    for (let c = 0; c < 3; c++) {
      let dot = 0;
      for (let p = 0; p < dim; p++) dot += r.components[c * dim + p]! * axes[c]![p]!;
      expect(Math.abs(dot)).toBeGreaterThan(0.99);
      expect(r.eigenvalues[c]! / scales[c]! ** 2).toBeGreaterThan(0.85);
      expect(r.eigenvalues[c]! / scales[c]! ** 2).toBeLessThan(1.15);
    }
    expect(r.projected.length).toBe(1500 * 8);
    // Same seed, same output.
    expect(Array.from(pca(x, dim, 8, createRng(1)).projected.subarray(0, 16))).toEqual(
      Array.from(r.projected.subarray(0, 16)),
    );
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});
