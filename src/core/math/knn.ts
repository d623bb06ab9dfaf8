/**
 * Exact k nearest neighbours of every row, blocked: a tile of `tileRows × tileRows` inner
 * products at a time, each tile used twice (it is symmetric), and one bounded heap per row
 * holding its best k so far. Memory is N·k plus one tile, never N × N.
 * Also the sparse top-K' neighbour graph in CSR form that facility location runs on at scale.
 */
import {
  SIMD_TILE_WORK,
  dotTile,
  centredIfOffset,
  l2Normalize,
  rowSqNorms,
  rowRange,
  type Matrix,
  type SimilarityBlock,
} from './distances';
import { simdTiles, type SimdTiles } from './knnTiles';
import { keepKernels } from './wasm/simd';

export type KnnMetric = 'sqeuclidean' | 'cosine';

/** Row-major n × k neighbour lists, nearest first. `values`: squared distance or cosine similarity. */
export interface KnnResult {
  n: number;
  k: number;
  metric: KnnMetric;
  indices: Int32Array;
  values: Float32Array;
}

/** Compressed sparse rows: row r's entries are [indptr[r], indptr[r+1]) of indices / values. */
export interface Csr {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export interface KnnOptions {
  metric?: KnnMetric;
  /** Count a row as its own neighbour (distance 0 / similarity 1). Default false. */
  includeSelf?: boolean;
  tileRows?: number;
  /** Alternative a·bᵀ kernel (e.g. tfjs); default plain JS. */
  block?: SimilarityBlock;
  onProgress?: (done: number) => void;
  /** Called between tile rows; throw from it to cancel. */
  checkpoint?: () => void;
}

export function knn(m: Matrix, k: number, opts: KnnOptions = {}): KnnResult {
  const metric = opts.metric ?? 'sqeuclidean';
  const self = opts.includeSelf ?? false;
  const n = m.rows;
  const kk = Math.min(k, self ? n : n - 1);
  if (!(kk >= 1))
    throw new RangeError(`k nearest neighbours need k ≥ 1 and at least 2 rows (k=${k}, n=${n})`);
  // Euclidean on rows far from the origin for their spread: centred, or the keys cancel.
  const x = metric === 'cosine' ? l2Normalize(m) : centredIfOffset(m);
  const d = x.dim;
  // Ranking key, larger = nearer. For euclidean, 2a·b − ‖b‖² orders b by distance from a
  // without the row-constant ‖a‖², which is added back at the end. Keys are rounded to f32
  // (what the heaps store) before any comparison, so (key, index) is one total order and the
  // kept lists do not depend on the order pairs arrive in (an f64 key against its own f32
  // copy in a heap would let whichever tied row came last win).
  const norms = rowSqNorms(x);
  const heapV = new Float32Array(n * kk);
  const heapI = new Int32Array(n * kk);
  const count = new Int32Array(n);
  const t = opts.tileRows ?? 256;
  const tile = new Float32Array(t * t);
  const eu = metric === 'sqeuclidean';
  // Each row's worst kept key once its heap is full (−∞ before): most candidates fail this
  // test, and checking it inline skips the call (2× faster on 6000 rows).
  const worst = new Float32Array(n).fill(-Infinity);

  const offer = (row: number, j: number, s: number): void => {
    const base = row * kk;
    const c = count[row]!;
    if (c < kk) {
      // Sift up: the root holds the worst (smallest key, then largest index).
      let i = c;
      while (i > 0) {
        const p = (i - 1) >> 1;
        const pv = heapV[base + p]!;
        const pi = heapI[base + p]!;
        if (pv < s || (pv === s && pi > j)) break;
        heapV[base + i] = pv;
        heapI[base + i] = pi;
        i = p;
      }
      heapV[base + i] = s;
      heapI[base + i] = j;
      count[row] = c + 1;
      if (c + 1 === kk) worst[row] = heapV[base]!;
      return;
    }
    const rv = heapV[base]!;
    if (s < rv || (s === rv && j > heapI[base]!)) return;
    siftDownWorst(heapV, heapI, base, kk, s, j);
    worst[row] = heapV[base]!;
  };

  // Every pair of a tile of inner products (the plain path: rows in their own order).
  const scanTile = (a: number, na: number, b: number, nb: number): void => {
    for (let i = 0; i < na; i++) {
      const ri = a + i;
      const o = i * nb;
      const ni = norms[ri]!;
      // Row ri's bar, reloaded only when an offer to ri may have raised it.
      let wi = worst[ri]!;
      // A diagonal tile is used from its diagonal on (the part left of it was seen mirrored).
      let j = b === a ? i : 0;
      if (b === a) {
        if (self) {
          const si = eu ? Math.fround(2 * tile[o + j]! - norms[ri]!) : tile[o + j]!;
          if (si >= wi) {
            offer(ri, ri, si);
            wi = worst[ri]!;
          }
        }
        j++;
      }
      for (; j < nb; j++) {
        const rj = b + j;
        const dot = tile[o + j]!;
        const si = eu ? Math.fround(2 * dot - norms[rj]!) : dot;
        if (si >= wi) {
          offer(ri, rj, si);
          wi = worst[ri]!;
        }
        const sj = eu ? Math.fround(2 * dot - ni) : dot;
        if (sj >= worst[rj]!) offer(rj, ri, sj);
      }
    }
  };

  // The SIMD path: tiles in WebAssembly memory, and a kernel that lists the few pairs that
  // could pass either bar, so the JS below only looks at those (same offers, same order).
  const simd = opts.block ? null : simdTiles(x, norms, t, eu);

  // The pairs a SIMD scan listed for the tile of positions [a, a+na) × [b, b+nb): positions
  // are rows in simd.order (grouped, or the identity).
  const offerListed = (s: SimdTiles, a: number, na: number, b: number, nb: number): void => {
    const cnt = s.scan(a, na, b, nb, worst);
    const pairs = s.pairs;
    const tl = s.tile;
    const tp = s.stride;
    const order = s.order;
    for (let q = 0; q < cnt; q++) {
      const code = pairs[q]!;
      const i = code >>> 16;
      const j = code & 0xffff;
      if (j >= nb) continue;
      const ri = order[a + i]!;
      const dot = tl[i * tp + j]!;
      if (b === a && j <= i) {
        // Left of the diagonal: seen mirrored. On it: the row itself.
        if (j === i && self) {
          const si = eu ? Math.fround(2 * dot - norms[ri]!) : dot;
          if (si >= worst[ri]!) offer(ri, ri, si);
        }
        continue;
      }
      const rj = order[b + j]!;
      const si = eu ? Math.fround(2 * dot - norms[rj]!) : dot;
      if (si >= worst[ri]!) offer(ri, rj, si);
      const sj = eu ? Math.fround(2 * dot - norms[ri]!) : dot;
      if (sj >= worst[rj]!) offer(rj, ri, sj);
    }
  };

  const blocks = Math.ceil(n / t);
  if (simd?.grouped) {
    // Rows grouped by nearest pivot: the tiles nearest the diagonal pair rows of nearby groups,
    // so they go first and each row's bar reaches its final height early (far fewer offers; the
    // kept lists do not depend on the order: ties go by row index). Every tile is a SIMD tile.
    const tiles = (blocks * (blocks + 1)) / 2;
    let done = 0;
    for (let off = 0; off < blocks; off++) {
      for (let ab = 0; ab + off < blocks; ab++) {
        if (done % blocks === 0) opts.checkpoint?.();
        const a = ab * t;
        const b = (ab + off) * t;
        offerListed(simd, a, Math.min(t, n - a), b, Math.min(t, n - b));
        done++;
        if (done % blocks === 0 || done === tiles) opts.onProgress?.(done / tiles);
      }
    }
  } else {
    for (let a = 0, ab = 0; a < n; a += t, ab++) {
      opts.checkpoint?.();
      const na = Math.min(t, n - a);
      for (let b = a; b < n; b += t) {
        const nb = Math.min(t, n - b);
        // SIMD exactly where dotTile would use it, so every inner product has the same bits.
        if (simd && na * nb * d >= SIMD_TILE_WORK) {
          offerListed(simd, a, na, b, nb);
          continue;
        }
        if (opts.block) tile.set(opts.block(rowRange(x, a, a + na), rowRange(x, b, b + nb)));
        else dotTile(x.data, a * d, na, x.data, b * d, nb, d, tile, 0, nb);
        scanTile(a, na, b, nb);
      }
      opts.onProgress?.((ab + 1) / blocks);
    }
  }

  // Nothing returned lives in the kernel memory: the next run takes it (no fresh page faults).
  if (simd) keepKernels('knn', simd.kern);

  // Heap-sort each row in place, nearest first.
  for (let r = 0; r < n; r++) {
    const base = r * kk;
    for (let size = kk; size > 1; size--) {
      const worstV = heapV[base]!;
      const worstI = heapI[base]!;
      const lastV = heapV[base + size - 1]!;
      const lastI = heapI[base + size - 1]!;
      siftDownWorst(heapV, heapI, base, size - 1, lastV, lastI);
      heapV[base + size - 1] = worstV;
      heapI[base + size - 1] = worstI;
    }
    if (eu) {
      const nr = norms[r]!;
      for (let q = 0; q < kk; q++) {
        const v = nr - heapV[base + q]!;
        heapV[base + q] = v > 0 ? v : 0;
      }
    }
  }
  return { n, k: kk, metric, indices: heapI, values: heapV };
}

/** Puts (s, j) at the root of a worst-first heap of `size` entries and sifts it down. */
function siftDownWorst(
  v: Float32Array,
  id: Int32Array,
  base: number,
  size: number,
  s: number,
  j: number,
): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    let c = l;
    let cv = v[base + l]!;
    let ci = id[base + l]!;
    const r = l + 1;
    if (r < size) {
      const rv = v[base + r]!;
      const ri = id[base + r]!;
      if (rv < cv || (rv === cv && ri > ci)) {
        c = r;
        cv = rv;
        ci = ri;
      }
    }
    if (s < cv || (s === cv && j > ci)) break;
    v[base + i] = cv;
    id[base + i] = ci;
    i = c;
  }
  v[base + i] = s;
  id[base + i] = j;
}

/**
 * The neighbour lists as a row-major CSR graph (row i → its neighbours), with `weight` mapping
 * each stored value to an edge weight (e.g. max(0, cos)). Zero weights are dropped.
 */
export function knnGraph(res: KnnResult, weight: (value: number) => number = (v) => v): Csr {
  const { n, k } = res;
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(n * k);
  const values = new Float32Array(n * k);
  let at = 0;
  for (let r = 0; r < n; r++) {
    for (let q = 0; q < k; q++) {
      const w = weight(res.values[r * k + q]!);
      if (w > 0) {
        indices[at] = res.indices[r * k + q]!;
        values[at] = w;
        at++;
      }
    }
    indptr[r + 1] = at;
  }
  return { rows: n, cols: n, indptr, indices: indices.slice(0, at), values: values.slice(0, at) };
}

/** Column-major view of a CSR matrix as a new CSR (rows ↔ cols); entries keep row order. */
export function transposeCsr(a: Csr): Csr {
  const indptr = new Int32Array(a.cols + 1);
  for (let e = 0; e < a.indices.length; e++) indptr[a.indices[e]! + 1]! += 1;
  for (let c = 0; c < a.cols; c++) indptr[c + 1]! += indptr[c]!;
  const fill = indptr.slice(0, a.cols);
  const indices = new Int32Array(a.indices.length);
  const values = new Float32Array(a.indices.length);
  for (let r = 0; r < a.rows; r++) {
    for (let e = a.indptr[r]!; e < a.indptr[r + 1]!; e++) {
      const c = a.indices[e]!;
      const at = fill[c]!++;
      indices[at] = r;
      values[at] = a.values[e]!;
    }
  }
  return { rows: a.cols, cols: a.rows, indptr, indices, values };
}
