/**
 * Seeded PCA to k dimensions, sized for MNIST (N = 60000, d = 784 → 64 in a few seconds):
 *  1. covariance from at most `maxRows` rows (a seeded sample: on MNIST the 64 components of
 *     10k rows keep 99.9 % of the variance the full 60k-row ones keep, at half the time),
 *     accumulated in float64 over non-zero entries only, since pixel rows are mostly zeros;
 *  2. top-k eigenvectors by subspace (orthogonal) iteration with a few extra columns, a
 *     Rayleigh–Ritz step and Jacobi on the small projected matrix (exact Jacobi when d is small);
 *  3. projection of every row, again skipping zeros.
 * Component signs are fixed (largest entry positive) so the same seed gives the same output.
 * Above COVARIANCE_MAX_DIM inputs (colour images) the covariance is never formed: randomizedPca
 * works on a sample of rows with d × l memory.
 */
import { jacobiEigen, subspaceEigen } from './eigen';
import { projectRows } from './pcaProject';
import { randomizedPca } from './randomizedPca';
import type { PcaOptions, PcaResult } from './pcaTypes';
import type { Rng } from './rng';

/** Widest rows PCA'd through the covariance (MNIST's 784 stays on that exact path). */
export const COVARIANCE_MAX_DIM = 1024;

export function pca(
  data: Float32Array | Uint8Array,
  dim: number,
  k: number,
  rng: Rng,
  opts: PcaOptions = {},
): PcaResult {
  const n = data.length / dim;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`PCA needs at least 2 rows of ${dim} values`);
  if (k < 1 || k > dim) throw new RangeError(`PCA: k must be in 1..${dim}, got ${k}`);
  // Wide rows (colour images): the d × d covariance would cost d² memory and m·d² time.
  if (dim > COVARIANCE_MAX_DIM) return randomizedPca(data, dim, k, rng, opts);
  const scale = opts.scale ?? 1;
  const maxRows = opts.maxRows ?? 10000;
  const rows = n <= maxRows ? null : rng.fork('pca-rows').sample(n, maxRows).sort();
  const m = rows ? rows.length : n;
  const row = new Float64Array(dim);
  const nzIdx = new Int32Array(dim);
  const nzVal = new Float64Array(dim);
  // Copies row r (scaled) into `row` and lists its non-zeros; returns their count.
  const load = (r: number): number => {
    let nz = 0;
    const o = r * dim;
    for (let p = 0; p < dim; p++) {
      const v = data[o + p]! * scale;
      row[p] = v;
      if (v !== 0) {
        nzIdx[nz] = p;
        nzVal[nz++] = v;
      }
    }
    return nz;
  };

  // 1. Covariance (upper triangle of Σ x xᵀ, then centred and mirrored).
  const cov = new Float64Array(dim * dim);
  const sum = new Float64Array(dim);
  for (let q = 0; q < m; q++) {
    if (q % 1000 === 0) {
      opts.checkpoint?.();
      opts.onProgress?.(0.5 * (q / m));
    }
    const nz = load(rows ? rows[q]! : q);
    // Two rows of the outer product per pass over the non-zeros.
    let a = 0;
    for (; a + 1 < nz; a += 2) {
      const va = nzVal[a]!;
      const vb = nzVal[a + 1]!;
      const baseA = nzIdx[a]! * dim;
      const baseB = nzIdx[a + 1]! * dim;
      sum[nzIdx[a]!]! += va;
      sum[nzIdx[a + 1]!]! += vb;
      cov[baseA + nzIdx[a]!]! += va * va;
      for (let b = a + 1; b < nz; b++) {
        const idx = nzIdx[b]!;
        const v = nzVal[b]!;
        cov[baseA + idx]! += va * v;
        cov[baseB + idx]! += vb * v;
      }
    }
    if (a < nz) {
      const va = nzVal[a]!;
      sum[nzIdx[a]!]! += va;
      cov[nzIdx[a]! * dim + nzIdx[a]!]! += va * va;
    }
  }
  const mean = new Float64Array(dim);
  for (let p = 0; p < dim; p++) mean[p] = sum[p]! / m;
  let totalVariance = 0;
  for (let p = 0; p < dim; p++) {
    for (let q = p; q < dim; q++) {
      const c = (cov[p * dim + q]! - m * mean[p]! * mean[q]!) / (m - 1);
      cov[p * dim + q] = c;
      cov[q * dim + p] = c;
    }
    totalVariance += cov[p * dim + p]!;
  }

  // 2. Top-k eigenpairs.
  const l = Math.min(dim, k + (opts.oversample ?? 10));
  const { values, vectors } =
    l >= dim
      ? jacobiEigen(cov, dim)
      : subspaceEigen(cov, dim, l, opts.iterations ?? 12, rng.fork('pca-init'), {
          checkpoint: opts.checkpoint,
          onProgress: (f) => opts.onProgress?.(0.5 + 0.1 * f),
        });
  const components = new Float32Array(k * dim);
  const eigenvalues = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    eigenvalues[c] = Math.max(0, values[c]!);
    let big = 0;
    for (let p = 0; p < dim; p++)
      if (Math.abs(vectors[p * l + c]!) > Math.abs(vectors[big * l + c]!)) big = p;
    const sign = vectors[big * l + c]! < 0 ? -1 : 1;
    for (let p = 0; p < dim; p++) components[c * dim + p] = sign * vectors[p * l + c]!;
  }

  // 3. Projection of every row.
  const projected = projectRows(data, dim, scale, components, mean, k, opts);
  opts.onProgress?.(1);
  const explainedVarianceRatio = eigenvalues.map((v) => (totalVariance > 0 ? v / totalVariance : 0));
  return {
    k,
    dim,
    projected,
    components,
    mean: Float32Array.from(mean),
    eigenvalues,
    explainedVarianceRatio,
    totalVariance,
  };
}
