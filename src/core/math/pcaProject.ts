/** The last step of every PCA here: each row's coordinates on the principal axes. */
import type { PcaOptions } from './pcaTypes';

/** Σ_p x_p·V_pc − μ·V_c for every row, skipping zeros (pixel rows are mostly zeros). */
export function projectRows(
  data: Float32Array | Uint8Array,
  dim: number,
  scale: number,
  components: Float32Array,
  mean: ArrayLike<number>,
  k: number,
  opts: Pick<PcaOptions, 'onProgress' | 'checkpoint'> & { progressFrom?: number },
): Float32Array {
  const n = data.length / dim;
  const from = opts.progressFrom ?? 0.6;
  const nzIdx = new Int32Array(dim);
  const nzVal = new Float64Array(dim);
  const load = (r: number): number => {
    let nz = 0;
    const o = r * dim;
    for (let p = 0; p < dim; p++) {
      const v = data[o + p]! * scale;
      if (v !== 0) {
        nzIdx[nz] = p;
        nzVal[nz++] = v;
      }
    }
    return nz;
  };
  // V as dim × k for a contiguous inner loop.
  const vt = new Float64Array(dim * k);
  for (let c = 0; c < k; c++) for (let p = 0; p < dim; p++) vt[p * k + c] = components[c * dim + p]!;
  const offset = new Float64Array(k);
  for (let p = 0; p < dim; p++) for (let c = 0; c < k; c++) offset[c]! += mean[p]! * vt[p * k + c]!;
  const projected = new Float32Array(n * k);
  const acc = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    if (r % 2000 === 0) {
      opts.checkpoint?.();
      opts.onProgress?.(from + (1 - from) * (r / n));
    }
    const nz = load(r);
    for (let c = 0; c < k; c++) acc[c] = -offset[c]!;
    // Four non-zeros per pass over acc: a quarter of the accumulator traffic.
    let a = 0;
    for (; a + 3 < nz; a += 4) {
      const v0 = nzVal[a]!;
      const v1 = nzVal[a + 1]!;
      const v2 = nzVal[a + 2]!;
      const v3 = nzVal[a + 3]!;
      const b0 = nzIdx[a]! * k;
      const b1 = nzIdx[a + 1]! * k;
      const b2 = nzIdx[a + 2]! * k;
      const b3 = nzIdx[a + 3]! * k;
      for (let c = 0; c < k; c++) {
        acc[c]! += v0 * vt[b0 + c]! + v1 * vt[b1 + c]! + v2 * vt[b2 + c]! + v3 * vt[b3 + c]!;
      }
    }
    for (; a < nz; a++) {
      const v = nzVal[a]!;
      const base = nzIdx[a]! * k;
      for (let c = 0; c < k; c++) acc[c]! += v * vt[base + c]!;
    }
    for (let c = 0; c < k; c++) projected[r * k + c] = acc[c]!;
  }
  return projected;
}
