/**
 * Closed-form ridge regression, one-vs-rest, as a cheap proxy classifier (NUCS's window search):
 * solve (XᵀX + λI) W = XᵀY by Cholesky, with an unpenalised bias column appended to X and
 * targets Y = one-hot. Predict argmax of [x, 1]·W. Everything in float64; d is small (PCA-32),
 * so the (d+1)² system is tiny and the cost is one pass over the rows for XᵀX.
 */
import type { Matrix } from './distances';

export interface RidgeModel {
  /** (dim + 1) × numClasses, row-major; the last row is the bias. */
  weights: Float64Array;
  dim: number;
  numClasses: number;
}

/** Solves A X = B for symmetric positive-definite A (p × p) and B (p × m), both row-major. */
export function choleskySolve(a: Float64Array, p: number, b: Float64Array, m: number): Float64Array {
  if (a.length !== p * p) throw new RangeError(`A holds ${a.length} values, expected ${p}×${p}`);
  if (b.length !== p * m) throw new RangeError(`B holds ${b.length} values, expected ${p}×${m}`);
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError('matrix is not positive definite (raise λ)');
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j]!;
    }
  }
  const x = Float64Array.from(b);
  // Forward: L z = b, then backward: Lᵀ x = z, column by column of B (all at once per row).
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) {
      const lik = l[i * p + k]!;
      for (let c = 0; c < m; c++) x[i * m + c]! -= lik * x[k * m + c]!;
    }
    const d = l[i * p + i]!;
    for (let c = 0; c < m; c++) x[i * m + c]! /= d;
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let k = i + 1; k < p; k++) {
      const lki = l[k * p + i]!;
      for (let c = 0; c < m; c++) x[i * m + c]! -= lki * x[k * m + c]!;
    }
    const d = l[i * p + i]!;
    for (let c = 0; c < m; c++) x[i * m + c]! /= d;
  }
  return x;
}

/**
 * Fits W on `rows` of `x` with one-hot targets of `labels`. λ penalises the feature weights only;
 * a tiny jitter on the bias keeps the system definite when every row is identical.
 */
export function ridgeFit(
  x: Matrix,
  rows: ArrayLike<number>,
  labels: ArrayLike<number>,
  numClasses: number,
  lambda: number,
): RidgeModel {
  if (!(lambda > 0)) throw new RangeError(`λ must be > 0, got ${lambda}`);
  const d = x.dim;
  const p = d + 1;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p * numClasses);
  const v = new Float64Array(p);
  v[d] = 1;
  for (let q = 0; q < rows.length; q++) {
    const r = rows[q]!;
    for (let j = 0; j < d; j++) v[j] = x.data[r * d + j]!;
    for (let i = 0; i < p; i++) {
      const vi = v[i]!;
      if (vi === 0) continue;
      for (let j = 0; j <= i; j++) xtx[i * p + j]! += vi * v[j]!;
      xty[i * numClasses + labels[r]!]! += vi;
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) xtx[j * p + i] = xtx[i * p + j]!;
  for (let i = 0; i < d; i++) xtx[i * p + i]! += lambda;
  xtx[d * p + d]! += 1e-9;
  return { weights: choleskySolve(xtx, p, xty, numClasses), dim: d, numClasses };
}

/** Predicted class of each of `rows`. */
export function ridgePredict(model: RidgeModel, x: Matrix, rows: ArrayLike<number>): Uint8Array {
  const { weights: w, dim: d, numClasses: c } = model;
  if (x.dim !== d) throw new RangeError(`model has ${d} features, data ${x.dim}`);
  const out = new Uint8Array(rows.length);
  const z = new Float64Array(c);
  for (let q = 0; q < rows.length; q++) {
    const r = rows[q]!;
    for (let k = 0; k < c; k++) z[k] = w[d * c + k]!;
    for (let j = 0; j < d; j++) {
      const xj = x.data[r * d + j]!;
      if (xj === 0) continue;
      for (let k = 0; k < c; k++) z[k]! += xj * w[j * c + k]!;
    }
    let best = 0;
    for (let k = 1; k < c; k++) if (z[k]! > z[best]!) best = k;
    out[q] = best;
  }
  return out;
}

/** Share of `rows` whose ridge prediction equals the label. */
export function ridgeAccuracy(
  model: RidgeModel,
  x: Matrix,
  rows: ArrayLike<number>,
  labels: ArrayLike<number>,
): number {
  if (rows.length === 0) return NaN;
  const pred = ridgePredict(model, x, rows);
  let hits = 0;
  for (let q = 0; q < rows.length; q++) if (pred[q] === labels[rows[q]!]) hits++;
  return hits / rows.length;
}
