/**
 * Facility location F(S) = Σ_i max_{j∈S} w_ij (w ≥ 0), maximised greedily (docs/methods-decisions.md,
 * "Facility location"). The coverage vector cov_i = max_{j∈S} w_ij is kept, so the gain of a
 * candidate j is Σ_i max(0, w_ij − cov_i) and adding it is one pass over its column.
 *
 * Per-candidate weights s_j give w_ij = s_j · sim_ij (SubZeroCore's density weights); s ≡ 1 is
 * plain facility location. Similarities come from a `CoverageSource`: a dense candidate-major
 * block (a few thousand rows) or a sparse neighbour graph (CSR, candidate-major) at scale.
 *
 * Optimizers: naive (every candidate every step), lazy (Minoux: a max-heap of stale upper
 * bounds; ties broken towards the lower index exactly as naive does, so both return the same
 * set), stochastic (Mirzasoleiman et al. 2015: (N/k)·ln(1/ε) random candidates per step).
 */
import type { Rng } from './rng';
import { MaxHeap } from './heap';
import type { Csr } from './knn';

/** What greedy needs from a similarity structure: a candidate's gain, and covering with it. */
export interface CoverageSource {
  nCandidates: number;
  nPoints: number;
  gain(j: number, cov: Float32Array): number;
  cover(j: number, cov: Float32Array): void;
  /** A zeroed coverage vector the source's fast paths can read (e.g. in SIMD memory). */
  createCoverage?(): Float32Array;
  /**
   * Hands the source's memory back for reuse by the next build (the SIMD dense block); the
   * source and its coverage vectors must not be used afterwards. Callers done with a source
   * call it when present.
   */
  release?(): void;
}

/**
 * Dense similarities, candidate-major: sim[j·nPoints + i] = sim(candidate j, point i); negative
 * entries count as 0. For a symmetric Gram matrix, candidate-major and point-major coincide.
 */
export function denseCoverage(
  sim: Float32Array,
  nCandidates: number,
  nPoints: number,
  weights?: Float32Array,
): CoverageSource {
  if (sim.length !== nCandidates * nPoints) throw new RangeError('dense similarity has the wrong size');
  return {
    nCandidates,
    nPoints,
    gain(j, cov) {
      const o = j * nPoints;
      const s = weights ? weights[j]! : 1;
      // v + |v| = 2·max(v, 0) exactly, and branch-free: about 7× faster on V8 than `if (v > 0)`.
      let g = 0;
      if (s === 1) {
        for (let i = 0; i < nPoints; i++) {
          const v = sim[o + i]! - cov[i]!;
          g += v + Math.abs(v);
        }
      } else {
        for (let i = 0; i < nPoints; i++) {
          const v = s * sim[o + i]! - cov[i]!;
          g += v + Math.abs(v);
        }
      }
      return 0.5 * g;
    },
    cover(j, cov) {
      const o = j * nPoints;
      const s = weights ? weights[j]! : 1;
      for (let i = 0; i < nPoints; i++) {
        const w = Math.fround(s * sim[o + i]!);
        if (w > cov[i]!) cov[i] = w;
      }
    },
  };
}

/** Sparse similarities, candidate-major CSR: row j lists the points j covers and sim(j, i). */
export function sparseCoverage(graph: Csr, weights?: Float32Array): CoverageSource {
  const { indptr, indices, values } = graph;
  return {
    nCandidates: graph.rows,
    nPoints: graph.cols,
    gain(j, cov) {
      const s = weights ? weights[j]! : 1;
      let g = 0;
      for (let e = indptr[j]!, end = indptr[j + 1]!; e < end; e++) {
        const v = s * values[e]! - cov[indices[e]!]!;
        g += v + Math.abs(v);
      }
      return 0.5 * g;
    },
    cover(j, cov) {
      const s = weights ? weights[j]! : 1;
      for (let e = indptr[j]!, end = indptr[j + 1]!; e < end; e++) {
        const i = indices[e]!;
        const w = Math.fround(s * values[e]!);
        if (w > cov[i]!) cov[i] = w;
      }
    },
  };
}

export type FacilityOptimizer = 'naive' | 'lazy' | 'stochastic';

export interface FacilityOptions {
  optimizer?: FacilityOptimizer;
  /** Needed by the stochastic optimizer. */
  rng?: Rng;
  /** Stochastic greedy's ε (default 0.01). */
  epsilon?: number;
  onProgress?: (done: number) => void;
  checkpoint?: () => void;
}

export interface FacilityResult {
  /** Candidates in pick order. */
  picks: Int32Array;
  /** Marginal gain of each pick. */
  gains: Float64Array;
  /** F(S) after each pick. */
  objective: Float64Array;
  /** Final coverage cov_i = max_{j∈S} w_ij of every point. */
  coverage: Float32Array;
  /** Gain evaluations made (what lazy and stochastic save). */
  evaluations: number;
}

export function facilityLocation(src: CoverageSource, k: number, opts: FacilityOptions = {}): FacilityResult {
  const optimizer = opts.optimizer ?? 'lazy';
  if (k < 0 || k > src.nCandidates)
    throw new RangeError(`facility location: cannot pick ${k} of ${src.nCandidates}`);
  const state: GreedyState = {
    src,
    cov: src.createCoverage?.() ?? new Float32Array(src.nPoints),
    picks: new Int32Array(k),
    gains: new Float64Array(k),
    objective: new Float64Array(k),
    chosen: new Uint8Array(src.nCandidates),
    evaluations: 0,
    total: 0,
  };
  const every = Math.max(1, Math.floor(k / 50));
  const step = (t: number, j: number, g: number): void => {
    state.picks[t] = j;
    state.gains[t] = g;
    state.total += g;
    state.objective[t] = state.total;
    state.chosen[j] = 1;
    src.cover(j, state.cov);
    if (t % every === 0) {
      opts.checkpoint?.();
      opts.onProgress?.((t + 1) / k);
    }
  };
  if (optimizer === 'naive') runNaive(state, k, step);
  else if (optimizer === 'lazy') runLazy(state, k, step);
  else {
    if (!opts.rng) throw new Error('stochastic greedy needs an rng');
    runStochastic(state, k, step, opts.rng, opts.epsilon ?? 0.01);
  }
  opts.onProgress?.(1);
  return {
    picks: state.picks,
    gains: state.gains,
    objective: state.objective,
    // A copy: a source's own coverage memory is reused by its next run.
    coverage: state.cov.slice(),
    evaluations: state.evaluations,
  };
}

interface GreedyState {
  src: CoverageSource;
  cov: Float32Array;
  picks: Int32Array;
  gains: Float64Array;
  objective: Float64Array;
  chosen: Uint8Array;
  evaluations: number;
  total: number;
}
type Step = (t: number, j: number, gain: number) => void;

function runNaive(st: GreedyState, k: number, step: Step): void {
  const n = st.src.nCandidates;
  for (let t = 0; t < k; t++) {
    let best = -1;
    let bestG = -Infinity;
    for (let j = 0; j < n; j++) {
      if (st.chosen[j]) continue;
      const g = st.src.gain(j, st.cov);
      st.evaluations++;
      if (g > bestG) {
        bestG = g;
        best = j;
      }
    }
    step(t, best, bestG);
  }
}

function runLazy(st: GreedyState, k: number, step: Step): void {
  const n = st.src.nCandidates;
  const heap = new MaxHeap(n);
  for (let j = 0; j < n; j++) {
    heap.push(j, st.src.gain(j, st.cov));
    st.evaluations++;
  }
  // fresh[j] = the step at which j's bound was last recomputed.
  const fresh = new Int32Array(n);
  for (let t = 0; t < k; t++) {
    for (;;) {
      const j = heap.peekId();
      if (fresh[j] === t) {
        const g = heap.peekKey();
        heap.pop();
        step(t, j, g);
        break;
      }
      // Bounds only shrink (submodularity), so a refreshed top that still leads is the argmax;
      // re-inserting it with its fresh gain lets the heap order settle ties by index.
      const g = st.src.gain(j, st.cov);
      st.evaluations++;
      fresh[j] = t;
      heap.replaceTop(j, g);
    }
  }
}

function runStochastic(st: GreedyState, k: number, step: Step, rng: Rng, epsilon: number): void {
  const n = st.src.nCandidates;
  const s = Math.min(n, Math.max(1, Math.ceil((n / Math.max(1, k)) * Math.log(1 / epsilon))));
  // Remaining candidates in pool[0, left); a partial Fisher–Yates draws each step's sample.
  const pool = new Int32Array(n);
  for (let j = 0; j < n; j++) pool[j] = j;
  let left = n;
  for (let t = 0; t < k; t++) {
    const m = Math.min(s, left);
    let bestAt = -1;
    let bestG = -Infinity;
    for (let q = 0; q < m; q++) {
      const r = q + rng.int(left - q);
      const tmp = pool[q]!;
      pool[q] = pool[r]!;
      pool[r] = tmp;
      const g = st.src.gain(pool[q]!, st.cov);
      st.evaluations++;
      if (g > bestG || (g === bestG && pool[q]! < pool[bestAt]!)) {
        bestG = g;
        bestAt = q;
      }
    }
    const j = pool[bestAt]!;
    // Remove the pick: swap it with the last remaining candidate.
    pool[bestAt] = pool[left - 1]!;
    pool[left - 1] = j;
    left--;
    step(t, j, bestG);
  }
}

/** F(S) for an arbitrary set, from scratch (tests, diagnostics). */
export function facilityObjective(src: CoverageSource, set: ArrayLike<number>): number {
  const cov = new Float32Array(src.nPoints);
  for (let q = 0; q < set.length; q++) src.cover(set[q]!, cov);
  let f = 0;
  for (let i = 0; i < cov.length; i++) f += cov[i]!;
  return f;
}
