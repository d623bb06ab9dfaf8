/**
 * k-center greedy (farthest-first traversal; Gonzalez 1985, used for coresets by Sener &
 * Savarese 2018): start from one point, then repeatedly add the point farthest from the
 * chosen centres. A min-distance vector is maintained, so each pick costs at most one pass.
 *
 * Speed-ups, exact in real arithmetic (same picks as the textbook loop, tested):
 * - A point i whose nearest centre a_i satisfies ‖c − a_i‖ ≥ 2·r_i cannot get closer to the
 *   new centre c (triangle inequality), so its distance is not computed.
 * - Points are kept in one member list per centre, with each centre's farthest member. A
 *   centre with ‖c − a‖ ≥ 2·R_a (R_a its farthest member) is skipped without touching its
 *   members, and the next pick is the farthest of the per-centre maxima: a step costs
 *   O(t·d + the members of nearby centres) instead of O(N). On clustered data this skips most
 *   of the work once every cluster holds a centre. A small safety margin keeps round-off from
 *   skipping a real update.
 * - Where WebAssembly SIMD is available each whole step runs there (kcenterSimd.ts: f32 inner
 *   products, so the safety margin is wider, and near-duplicates are measured again exactly);
 *   the plain loop below otherwise. Same pruning and tie rules, so the same picks.
 */
import { centredIfOffset, rowSqNorms, type Matrix } from './distances';
import { kCenterSimd } from './kcenterSimd';
import type { KCenterOptions, KCenterResult } from './kcenterTypes';

export type { KCenterOptions, KCenterResult } from './kcenterTypes';

export function kCenterGreedy(data: Matrix, k: number, opts: KCenterOptions): KCenterResult {
  // Rows far from the origin for their spread: centred, or the dot-product distances cancel.
  const m = centredIfOffset(data);
  const n = m.rows;
  if (k < 0 || k > n) throw new RangeError(`k-center: cannot pick ${k} of ${n} rows`);
  if (opts.first < 0 || opts.first >= n)
    throw new RangeError(`k-center: first centre ${opts.first} out of range`);
  const norms = rowSqNorms(m);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(norms[i]!))
      throw new RangeError(`k-center: row ${i} holds a non-finite value (NaN or ±Infinity)`);
  }
  // f32 sums in the SIMD kernels: the safety margin is wider there.
  const simd = k > 0 ? kCenterSimd(m, k, opts, norms, 1e-4) : null;
  return simd ?? kCenterPlain(m, k, opts, norms);
}

/** The plain loop (where WebAssembly SIMD is missing): member lists as linked lists, f64 sums. */
function kCenterPlain(m: Matrix, k: number, opts: KCenterOptions, norms: Float64Array): KCenterResult {
  const n = m.rows;
  const d = m.dim;
  const data = m.data;
  const picks = new Int32Array(k);
  const radius = new Float64Array(k);
  const minD = new Float64Array(n).fill(Infinity);
  const assign = new Int32Array(n).fill(-1);
  const picked = new Uint8Array(n);
  // Member lists: head[s] → next[i] → … → -1. far*[s]: the farthest unpicked member.
  const head = new Int32Array(Math.max(1, k)).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const farD = new Float64Array(Math.max(1, k)).fill(-1);
  const farI = new Int32Array(Math.max(1, k)).fill(-1);
  const scanned = new Int32Array(Math.max(1, k));
  const todo = new Int32Array(n);
  const dots = new Float64Array(n);
  let evaluations = 0;
  let pruneOffUntil = 0;
  let c = opts.first;
  const every = Math.max(1, Math.floor(k / 50));
  // A row at squared distance r2 from its centre can get closer to c only when the centres
  // are nearer than 4·r2 (times the margin): written out inline below, 4 * r2 * m1 + 1e-12.
  const m1 = 1 + 1e-6;
  // listed[i] = t + 1 when row i was measured against pick t.
  const listed = new Int32Array(n);

  for (let t = 0; t < k; t++) {
    picks[t] = c;
    picked[c] = 1;
    const co = c * d;
    const cn = norms[c]!;
    // Which rows to measure against c: all of them at first (and whenever pruning stopped
    // paying off), else the members of centres near c that could move.
    const prune = t > 0 && t >= pruneOffUntil;
    let count = 0;
    let nScanned = 0;
    if (t === 0) {
      for (let i = 0; i < n; i++) todo[count++] = i;
    } else {
      for (let s = 0; s < t; s++) {
        // Every member picked: they sit at distance 0 and cannot move. (farD was computed while
        // c was unpicked, so c's own centre never takes this exit.)
        if (farD[s]! < 0) continue;
        let cd = Infinity;
        if (prune) {
          let dot = 0;
          const po = picks[s]! * d;
          for (let q = 0; q < d; q++) dot += data[co + q]! * data[po + q]!;
          cd = Math.max(0, cn + norms[picks[s]!]! - 2 * dot);
          if (cd >= 4 * farD[s]! * m1 + 1e-12 && assign[c] !== s) continue;
        }
        scanned[nScanned++] = s;
        for (let i = head[s]!; i !== -1; i = next[i]!) {
          if (i === c) continue;
          if (!prune || cd < 4 * minD[i]! * m1 + 1e-12) {
            todo[count++] = i;
            listed[i] = t + 1;
          }
        }
      }
      // When a step saves fewer than t row distances (e.g. one isotropic blob), the centre
      // distances cost more than they save: switch pruning off for a while, then probe again.
      if (prune && n - count < t) pruneOffUntil = t + 32;
    }
    evaluations += count;
    // Inner products of the listed rows with c, in todo's order.
    listDots(data, d, todo, count, co, dots);
    // c itself: distance 0, its own centre.
    minD[c] = 0;
    assign[c] = t;
    if (t === 0) {
      for (let q = 0; q < count; q++) {
        const i = todo[q]!;
        let dd = norms[i]! + cn - 2 * dots[q]!;
        if (dd < 0) dd = 0;
        if (dd < minD[i]!) {
          minD[i] = dd;
          assign[i] = 0;
        }
      }
      for (let i = n - 1; i >= 0; i--) {
        next[i] = head[0]!;
        head[0] = i;
      }
      refreshFarthest(head, next, minD, picked, farD, farI, 0);
    } else {
      // One walk per scanned centre: relax the members measured (in todo's order, the order
      // they were listed in), move those that now belong to t into t's list, and find the
      // farthest unpicked member left (smallest row on ties, as refreshFarthest does) and t's.
      let q = 0;
      let bestT = -1;
      let bestTI = -1;
      for (let u = 0; u < nScanned; u++) {
        const s = scanned[u]!;
        let kept = -1;
        let best = -1;
        let bestI = -1;
        let i = head[s]!;
        while (i !== -1) {
          const after = next[i]!;
          if (listed[i] === t + 1) {
            let dd = norms[i]! + cn - 2 * dots[q++]!;
            if (dd < 0) dd = 0;
            if (dd < minD[i]!) {
              minD[i] = dd;
              assign[i] = t;
            }
          }
          if (assign[i] === t) {
            next[i] = head[t]!;
            head[t] = i;
            const r = minD[i]!;
            if (picked[i] !== 1 && (r > bestT || (r === bestT && i < bestTI))) {
              bestT = r;
              bestTI = i;
            }
          } else {
            next[i] = kept;
            kept = i;
            const r = minD[i]!;
            if (picked[i] !== 1 && (r > best || (r === best && i < bestI))) {
              best = r;
              bestI = i;
            }
          }
          i = after;
        }
        head[s] = kept;
        farD[s] = best;
        farI[s] = bestI;
      }
      farD[t] = bestT;
      farI[t] = bestTI;
    }
    // The next pick: the farthest of the per-centre maxima (smallest row on ties, like a scan).
    let far = -1;
    let best = -1;
    for (let s = 0; s <= t; s++) {
      const r = farD[s]!;
      if (r > best || (r === best && r >= 0 && farI[s]! < far)) {
        best = r;
        far = farI[s]!;
      }
    }
    radius[t] = far < 0 ? 0 : Math.sqrt(best);
    c = far;
    if (t % every === 0) {
      opts.checkpoint?.();
      opts.onProgress?.((t + 1) / k);
    }
  }
  opts.onProgress?.(1);
  return { picks, radius, minSqDist: minD, assign, evaluations };
}

function refreshFarthest(
  head: Int32Array,
  next: Int32Array,
  minD: Float64Array,
  picked: Uint8Array,
  farD: Float64Array,
  farI: Int32Array,
  s: number,
): void {
  let best = -1;
  let bestI = -1;
  for (let i = head[s]!; i !== -1; i = next[i]!) {
    if (picked[i] === 1) continue;
    const r = minD[i]!;
    if (r > best || (r === best && i < bestI)) {
      best = r;
      bestI = i;
    }
  }
  farD[s] = best;
  farI[s] = bestI;
}

/** out[q] = ⟨row todo[q], row at co⟩ for q < count, four rows per sweep over the centre. */
function listDots(
  data: Float32Array,
  d: number,
  todo: Int32Array,
  count: number,
  co: number,
  out: Float64Array,
): void {
  let q4 = 0;
  for (; q4 + 3 < count; q4 += 4) {
    const o0 = todo[q4]! * d;
    const o1 = todo[q4 + 1]! * d;
    const o2 = todo[q4 + 2]! * d;
    const o3 = todo[q4 + 3]! * d;
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
    out[q4] = s0;
    out[q4 + 1] = s1;
    out[q4 + 2] = s2;
    out[q4 + 3] = s3;
  }
  for (; q4 < count; q4++) {
    const o = todo[q4]! * d;
    let s0 = 0;
    for (let q = 0; q < d; q++) s0 += data[o + q]! * data[co + q]!;
    out[q4] = s0;
  }
}
