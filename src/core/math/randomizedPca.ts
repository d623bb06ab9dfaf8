/**
 * PCA for wide rows (colour images, d = 3,072 and up) without the d × d covariance: randomized
 * range finding (Halko, Martinsson & Tropp 2011, Alg. 4.4) on a seeded sample of at most
 * `maxRows` rows, with power iterations, then an exact eigen-decomposition of the small l × l
 * matrix B Bᵀ. Memory is O(m·l + d·l); time O(passes · m · d · l) plus the projection of every
 * row. The sample is centred on the fly, never copied.
 */
import { jacobiEigen, orthonormalizeColumns } from './eigen';
import type { PcaOptions, PcaResult } from './pcaTypes';
import { projectRows } from './pcaProject';
import type { Rng } from './rng';

export function randomizedPca(
  data: Float32Array | Uint8Array,
  dim: number,
  k: number,
  rng: Rng,
  opts: PcaOptions = {},
): PcaResult {
  const n = data.length / dim;
  const scale = opts.scale ?? 1;
  // 2,000 rows: the top 32 directions of 32×32×3 images are stable by then (tested on planted data).
  const rows =
    n <= (opts.maxRows ?? 2000)
      ? Int32Array.from({ length: n }, (_, i) => i)
      : Int32Array.from(rng.fork('pca-rows').sample(n, opts.maxRows ?? 2000)).sort();
  const m = rows.length;
  const l = Math.min(dim, m, k + (opts.oversample ?? 10));
  const iterations = opts.iterations ?? 2;
  const mean = new Float64Array(dim);
  let totalVariance = 0;
  {
    const sq = new Float64Array(dim);
    for (const r of rows)
      for (let p = 0, o = r * dim; p < dim; p++) {
        const v = data[o + p]! * scale;
        mean[p]! += v;
        sq[p]! += v * v;
      }
    for (let p = 0; p < dim; p++) {
      mean[p]! /= m;
      totalVariance += (sq[p]! - m * mean[p]! * mean[p]!) / (m - 1);
    }
  }
  const row = new Float64Array(dim);
  const load = (q: number) => {
    const o = rows[q]! * dim;
    for (let p = 0; p < dim; p++) row[p] = data[o + p]! * scale - mean[p]!;
  };
  // Y (m × l) = Xc · W (W: dim × l).
  const timesW = (w: Float64Array, y: Float64Array) => {
    y.fill(0);
    for (let q = 0; q < m; q++) {
      if (q % 500 === 0) opts.checkpoint?.();
      load(q);
      const yo = q * l;
      for (let p = 0; p < dim; p++) {
        const v = row[p]!;
        const wo = p * l;
        for (let c = 0; c < l; c++) y[yo + c]! += v * w[wo + c]!;
      }
    }
  };
  // W (dim × l) = Xcᵀ · Y.
  const transposeTimes = (y: Float64Array, w: Float64Array) => {
    w.fill(0);
    for (let q = 0; q < m; q++) {
      if (q % 500 === 0) opts.checkpoint?.();
      load(q);
      const yo = q * l;
      for (let p = 0; p < dim; p++) {
        const v = row[p]!;
        const wo = p * l;
        for (let c = 0; c < l; c++) w[wo + c]! += v * y[yo + c]!;
      }
    }
  };
  const init = rng.fork('pca-init');
  const w = new Float64Array(dim * l);
  for (let i = 0; i < w.length; i++) w[i] = init.normal();
  const y = new Float64Array(m * l);
  const passes = 2 * iterations + 2;
  let pass = 0;
  const progress = () => opts.onProgress?.((0.6 * ++pass) / passes);
  timesW(w, y);
  progress();
  orthonormalizeColumns(y, m, l);
  for (let it = 0; it < iterations; it++) {
    transposeTimes(y, w);
    progress();
    orthonormalizeColumns(w, dim, l);
    timesW(w, y);
    progress();
    orthonormalizeColumns(y, m, l);
  }
  // Bᵀ = Xcᵀ Q (dim × l); B Bᵀ = (Bᵀ)ᵀ Bᵀ (l × l); its eigenvectors U give the axes Bᵀ U / σ.
  const bt = w;
  transposeTimes(y, bt);
  progress();
  const bbt = new Float64Array(l * l);
  for (let p = 0; p < dim; p++)
    for (let i = 0; i < l; i++) {
      const v = bt[p * l + i]!;
      for (let j = i; j < l; j++) bbt[i * l + j]! += v * bt[p * l + j]!;
    }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) bbt[i * l + j] = bbt[j * l + i]!;
  const { values, vectors } = jacobiEigen(bbt, l);
  const components = new Float32Array(k * dim);
  const eigenvalues = new Float64Array(k);
  const axis = new Float64Array(dim);
  for (let c = 0; c < k; c++) {
    const s2 = Math.max(0, values[c]!);
    eigenvalues[c] = s2 / (m - 1);
    const sigma = Math.sqrt(s2) || 1;
    let big = 0;
    for (let p = 0; p < dim; p++) {
      let a = 0;
      for (let i = 0; i < l; i++) a += bt[p * l + i]! * vectors[i * l + c]!;
      axis[p] = a / sigma;
      if (Math.abs(axis[p]!) > Math.abs(axis[big]!)) big = p;
    }
    const sign = axis[big]! < 0 ? -1 : 1;
    for (let p = 0; p < dim; p++) components[c * dim + p] = sign * axis[p]!;
  }
  const projected = projectRows(data, dim, scale, components, mean, k, { ...opts, progressFrom: 0.6 });
  opts.onProgress?.(1);
  return {
    k,
    dim,
    projected,
    components,
    mean: Float32Array.from(mean),
    eigenvalues,
    explainedVarianceRatio: eigenvalues.map((v) => (totalVariance > 0 ? v / totalVariance : 0)),
    totalVariance,
  };
}
