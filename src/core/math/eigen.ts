/**
 * Symmetric eigen-decomposition for PCA: cyclic Jacobi for small matrices (exact), and for
 * large ones the top `l` eigenpairs by subspace (orthogonal) iteration followed by a
 * Rayleigh–Ritz step (Jacobi on the l × l projected matrix). Everything in float64.
 */
import type { Rng } from './rng';

export interface Eigen {
  /** Decreasing eigenvalues (length l). */
  values: Float64Array;
  /** dim × l, column c the eigenvector of values[c]. */
  vectors: Float64Array;
}

/** Orthogonal iteration on `l` columns, then Rayleigh–Ritz: sorted Ritz pairs, dim × l. */
export function subspaceEigen(
  a: Float64Array,
  dim: number,
  l: number,
  iterations: number,
  rng: Rng,
  opts: { onProgress?: (done: number) => void; checkpoint?: () => void } = {},
): Eigen {
  let q = new Float64Array(dim * l);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalizeColumns(q, dim, l);
  let y = new Float64Array(dim * l);
  for (let it = 0; it < iterations; it++) {
    opts.checkpoint?.();
    multiply(a, q, y, dim, l);
    [q, y] = [y, q];
    orthonormalizeColumns(q, dim, l);
    opts.onProgress?.((it + 1) / iterations);
  }
  multiply(a, q, y, dim, l);
  // B = Qᵀ A Q (l × l).
  const b = new Float64Array(l * l);
  for (let p = 0; p < dim; p++) {
    for (let i = 0; i < l; i++) {
      const qi = q[p * l + i]!;
      for (let j = 0; j < l; j++) b[i * l + j]! += qi * y[p * l + j]!;
    }
  }
  const small = jacobiEigen(b, l);
  const vectors = new Float64Array(dim * l);
  for (let p = 0; p < dim; p++) {
    for (let c = 0; c < l; c++) {
      let s = 0;
      for (let i = 0; i < l; i++) s += q[p * l + i]! * small.vectors[i * l + c]!;
      vectors[p * l + c] = s;
    }
  }
  return { values: small.values, vectors };
}

/** y = A·q for a dim × dim A and dim × l q (row-major); four terms per pass over a y row. */
function multiply(a: Float64Array, q: Float64Array, y: Float64Array, dim: number, l: number): void {
  y.fill(0);
  for (let p = 0; p < dim; p++) {
    const yo = p * l;
    const ao = p * dim;
    let s = 0;
    for (; s + 3 < dim; s += 4) {
      const v0 = a[ao + s]!;
      const v1 = a[ao + s + 1]!;
      const v2 = a[ao + s + 2]!;
      const v3 = a[ao + s + 3]!;
      const q0 = s * l;
      for (let c = 0; c < l; c++) {
        y[yo + c]! +=
          v0 * q[q0 + c]! + v1 * q[q0 + l + c]! + v2 * q[q0 + 2 * l + c]! + v3 * q[q0 + 3 * l + c]!;
      }
    }
    for (; s < dim; s++) {
      const v = a[ao + s]!;
      const qo = s * l;
      for (let c = 0; c < l; c++) y[yo + c]! += v * q[qo + c]!;
    }
  }
}

/** Modified Gram–Schmidt on the columns of a dim × l matrix (twice, for stability). */
export function orthonormalizeColumns(q: Float64Array, dim: number, l: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < l; c++) {
      for (let prev = 0; prev < c; prev++) {
        let dot = 0;
        for (let p = 0; p < dim; p++) dot += q[p * l + c]! * q[p * l + prev]!;
        for (let p = 0; p < dim; p++) q[p * l + c]! -= dot * q[p * l + prev]!;
      }
      let norm = 0;
      for (let p = 0; p < dim; p++) norm += q[p * l + c]! * q[p * l + c]!;
      norm = Math.sqrt(norm);
      // A collapsed column (rank-deficient data) becomes a unit axis; the next pass orthogonalizes it.
      if (norm < 1e-300) for (let p = 0; p < dim; p++) q[p * l + c] = p === c % dim ? 1 : 0;
      else for (let p = 0; p < dim; p++) q[p * l + c]! /= norm;
    }
  }
}

/** Cyclic Jacobi eigen-decomposition of a symmetric n × n matrix (copied); sorted decreasing. */
export function jacobiEigen(input: Float64Array, n: number): Eigen {
  const a = Float64Array.from(input);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i]! * a[i * n + i]!;
      for (let j = i + 1; j < n; j++) off += a[i * n + j]! * a[i * n + j]!;
    }
    if (off <= 1e-26 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          const arp = a[r * n + p]!;
          const arq = a[r * n + q]!;
          a[r * n + p] = c * arp - s * arq;
          a[r * n + q] = s * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = a[p * n + r]!;
          const aqr = a[q * n + r]!;
          a[p * n + r] = c * apr - s * aqr;
          a[q * n + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r * n + p]!;
          const vrq = v[r * n + q]!;
          v[r * n + p] = c * vrp - s * vrq;
          v[r * n + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) vectors[r * n + c] = v[r * n + order[c]!]!;
  return { values, vectors };
}
