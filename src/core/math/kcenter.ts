/**
 * k-center greedy (farthest-first traversal; Gonzalez 1985, used for coresets by Sener &
 * Savarese 2018): start from one point, then repeatedly add the point farthest from the
 * chosen centres. A min-distance vector is maintained, so each pick costs one pass.
 *
 * Speed-up, exact in real arithmetic: a point i whose nearest centre a_i satisfies
 * ‖c − a_i‖ ≥ 2·r_i cannot get closer to the new centre c (triangle inequality), so its
 * distance is not computed. On clustered data this skips most of the work once every
 * cluster holds a centre. A small safety margin keeps round-off from skipping a real update.
 */
import { rowSqNorms, type Matrix } from './distances';

export interface KCenterResult {
  /** Rows of m in pick order. */
  picks: Int32Array;
  /** Covering radius max_i min_{c∈S} ‖x_i − c‖ after each pick (non-increasing). */
  radius: Float64Array;
  /** Final squared distance of every row to its nearest centre. */
  minSqDist: Float64Array;
  /** Index (into picks) of each row's nearest centre. */
  assign: Int32Array;
  /** Distance evaluations actually computed (for the benchmark). */
  evaluations: number;
}

export interface KCenterOptions {
  /** First centre (a row of m). */
  first: number;
  onProgress?: (done: number) => void;
  checkpoint?: () => void;
}

export function kCenterGreedy(m: Matrix, k: number, opts: KCenterOptions): KCenterResult {
  const n = m.rows;
  const d = m.dim;
  const data = m.data;
  if (k < 0 || k > n) throw new RangeError(`k-center: cannot pick ${k} of ${n} rows`);
  if (opts.first < 0 || opts.first >= n)
    throw new RangeError(`k-center: first centre ${opts.first} out of range`);
  const picks = new Int32Array(k);
  const radius = new Float64Array(k);
  const minD = new Float64Array(n).fill(Infinity);
  const assign = new Int32Array(n).fill(-1);
  const norms = rowSqNorms(m);
  // Squared distances from the newest centre to every earlier centre.
  const centreD = new Float64Array(k);
  const picked = new Uint8Array(n);
  const todo = new Int32Array(n);
  const relax = (i: number, dot: number, cn: number, t: number): void => {
    let dd = norms[i]! + cn - 2 * dot;
    if (dd < 0) dd = 0;
    if (dd < minD[i]!) {
      minD[i] = dd;
      assign[i] = t;
    }
  };
  let evaluations = 0;
  let pruneOffUntil = 0;
  let c = opts.first;
  const every = Math.max(1, Math.floor(k / 50));
  for (let t = 0; t < k; t++) {
    picks[t] = c;
    picked[c] = 1;
    const co = c * d;
    const cn = norms[c]!;
    // Centre-to-centre distances cost t·d. When a step saves fewer than t row distances
    // (e.g. one isotropic blob), pruning is switched off for a while, then probed again.
    const prune = t > 0 && t >= pruneOffUntil;
    if (prune) {
      for (let s = 0; s < t; s++) {
        const po = picks[s]! * d;
        let dot = 0;
        for (let q = 0; q < d; q++) dot += data[co + q]! * data[po + q]!;
        centreD[s] = cn + norms[picks[s]!]! - 2 * dot;
      }
    }
    // Pass 1: rows the triangle inequality cannot rule out. ‖c − a‖² ≥ 4r² (with margin)
    // ⇒ ‖x_i − c‖ ≥ r, so no update is possible for the others.
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (!prune || centreD[assign[i]!]! < 4 * minD[i]! * (1 + 1e-6) + 1e-12) todo[count++] = i;
    }
    if (prune && n - count < t) pruneOffUntil = t + 32;
    evaluations += count;
    // Pass 2: their distances to c, four rows per sweep over c (about 2× a row at a time).
    let q4 = 0;
    for (; q4 + 3 < count; q4 += 4) {
      const i0 = todo[q4]!;
      const i1 = todo[q4 + 1]!;
      const i2 = todo[q4 + 2]!;
      const i3 = todo[q4 + 3]!;
      const o0 = i0 * d;
      const o1 = i1 * d;
      const o2 = i2 * d;
      const o3 = i3 * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let q = 0; q < d; q++) {
        const v = data[co + q]!;
        s0 += data[o0 + q]! * v;
        s1 += data[o1 + q]! * v;
        s2 += data[o2 + q]! * v;
        s3 += data[o3 + q]! * v;
      }
      relax(i0, s0, cn, t);
      relax(i1, s1, cn, t);
      relax(i2, s2, cn, t);
      relax(i3, s3, cn, t);
    }
    for (; q4 < count; q4++) {
      const i = todo[q4]!;
      const o = i * d;
      let s0 = 0;
      for (let q = 0; q < d; q++) s0 += data[o + q]! * data[co + q]!;
      relax(i, s0, cn, t);
    }
    // Pass 3: the farthest unpicked row. Picked rows sit at distance 0; skipping them keeps
    // duplicates in the data from being picked twice.
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      const r = minD[i]!;
      if (r > farD && picked[i] === 0) {
        farD = r;
        far = i;
      }
    }
    // The point just picked is at distance 0 from itself; make it exact.
    minD[c] = 0;
    assign[c] = t;
    radius[t] = far < 0 ? 0 : Math.sqrt(farD);
    c = far;
    if (t % every === 0) {
      opts.checkpoint?.();
      opts.onProgress?.((t + 1) / k);
    }
  }
  opts.onProgress?.(1);
  return { picks, radius, minSqDist: minD, assign, evaluations };
}
