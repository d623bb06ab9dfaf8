/**
 * Teaching step-through on a toy 2-D dataset: greedy k-center (Sener & Savarese 2018, Gonzalez
 * 1985), plain facility location (Mirzasoleiman et al. 2020) and SubZeroCore (Moser et al. 2025)
 * one pick at a time. Every step reports the pick, its marginal gain, the objective, and per
 * point the covering pick and coverage, so the UI can shade what each pick covers.
 *
 * The picks come from the same core greedy code the methods use (kCenterGreedy, the lazy
 * facilityLocation); the per-step coverage is a replay of those picks.
 * Decisions: on 2-D points cosine similarity would see only the angle about the origin, so the
 * step-through uses euclidean geometry — similarity exp(−d²/(2h²)) with bandwidth
 * h = 0.25 · RMS spread of the points, and SubZeroCore's radius is the euclidean distance to the
 * K-th neighbour (K from the same γ rule, density weights from the same Gaussian). At most 2000
 * points (a seeded subsample above that) and 100 picks, so every step's state can be kept.
 */
import { gatherRows, rowSqNorms, type Matrix } from '../math/distances';
import { denseCoverage, facilityLocation } from '../math/facility';
import { kCenterGreedy } from '../math/kcenter';
import { knn } from '../math/knn';
import { createRng } from '../math/rng';
import { nearestToMean } from './kcenter/kcenter';
import { densityWeights, subzeroK } from './subzero/subzeroMath';

export const TEACH_METHODS = ['kcenter', 'facility-location', 'subzero'] as const;
export type TeachMethod = (typeof TEACH_METHODS)[number];
export const TEACH_MAX_POINTS = 2000;
export const TEACH_MAX_BUDGET = 100;

export interface TeachStep {
  /** The pick, as an index into the step-through's points. */
  pick: number;
  gain: number;
  /** k-center: covering radius after the pick; facility location: F(S). */
  objective: number;
  /** Per point: the step whose pick covers it (nearest centre / largest weighted similarity). */
  assign: Int16Array;
  /** Per point: k-center distance to the nearest pick; facility location cov_i. */
  coverage: Float32Array;
}

export interface TeachResult {
  method: TeachMethod;
  budget: number;
  /** Dataset rows of the points used (all of them up to TEACH_MAX_POINTS). */
  rows: Int32Array;
  x: Float32Array;
  y: Float32Array;
  labels: Uint8Array;
  /** SubZeroCore: density weight and K-th-neighbour radius per point. */
  weights?: Float32Array;
  radii?: Float32Array;
  k?: number;
  gamma?: number;
  /** Similarity bandwidth h (facility location, SubZeroCore). */
  bandwidth: number;
  gainLabel: string;
  objectiveLabel: string;
  coverageLabel: string;
  steps: TeachStep[];
}

export interface TeachOptions {
  seed?: number;
  /** SubZeroCore's γ (default 0.6). */
  gamma?: number;
  bandwidth?: number;
}

export function isTeachMethod(id: string): id is TeachMethod {
  return (TEACH_METHODS as readonly string[]).includes(id);
}

export function teachSteps(
  points: Float32Array,
  labels: Uint8Array,
  budget: number,
  method: TeachMethod,
  opts: TeachOptions = {},
): TeachResult {
  const all = points.length / 2;
  if (!Number.isInteger(all) || all !== labels.length)
    throw new RangeError('teaching points must be N × 2 with N labels');
  const rows =
    all <= TEACH_MAX_POINTS
      ? Int32Array.from({ length: all }, (_, i) => i)
      : createRng(opts.seed ?? 1)
          .fork('teach-rows')
          .sample(all, TEACH_MAX_POINTS)
          .sort();
  const m = gatherRows({ data: points, rows: all, dim: 2 }, rows);
  const n = m.rows;
  if (!(Number.isInteger(budget) && budget >= 1 && budget <= Math.min(TEACH_MAX_BUDGET, n)))
    throw new RangeError(
      `teaching budget must be an integer in 1..${Math.min(TEACH_MAX_BUDGET, n)}, got ${budget}`,
    );
  const base = {
    method,
    budget,
    rows,
    x: Float32Array.from({ length: n }, (_, i) => m.data[2 * i]!),
    y: Float32Array.from({ length: n }, (_, i) => m.data[2 * i + 1]!),
    labels: Uint8Array.from(rows, (r) => labels[r]!),
  };
  const bandwidth = opts.bandwidth ?? 0.25 * rmsSpread(m);
  if (method === 'kcenter') return { ...base, ...kcenterSteps(m, budget), bandwidth };
  let weights: Float32Array | undefined;
  let extra: Partial<TeachResult> = {};
  if (method === 'subzero') {
    const gamma = opts.gamma ?? 0.6;
    const k = subzeroK(n, budget, gamma);
    const nn = knn(m, Math.max(1, k), { metric: 'sqeuclidean' });
    const radii = Float32Array.from({ length: n }, (_, i) => Math.sqrt(nn.values[i * nn.k + nn.k - 1]!));
    weights = densityWeights(radii).weights;
    extra = { weights, radii, k, gamma };
  }
  const steps = facilitySteps(m, budget, bandwidth, weights);
  return {
    ...base,
    ...extra,
    bandwidth,
    gainLabel: method === 'subzero' ? 'gain in density-weighted coverage' : 'gain in coverage',
    objectiveLabel: 'F(S)',
    coverageLabel: 'coverage (similarity to the covering pick)',
    steps,
  };
}

function rmsSpread(m: Matrix): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < m.rows; i++) {
    mx += m.data[2 * i]!;
    my += m.data[2 * i + 1]!;
  }
  mx /= m.rows;
  my /= m.rows;
  let v = 0;
  for (let i = 0; i < m.rows; i++) v += (m.data[2 * i]! - mx) ** 2 + (m.data[2 * i + 1]! - my) ** 2;
  return Math.sqrt(v / m.rows) || 1;
}

function kcenterSteps(
  m: Matrix,
  budget: number,
): Pick<TeachResult, 'steps' | 'gainLabel' | 'objectiveLabel' | 'coverageLabel'> {
  const res = kCenterGreedy(m, budget, { first: nearestToMean(m) });
  const n = m.rows;
  const minD = new Float64Array(n).fill(Infinity);
  const assign = new Int16Array(n).fill(-1);
  const steps: TeachStep[] = [];
  for (let t = 0; t < budget; t++) {
    const c = res.picks[t]!;
    const cx = m.data[2 * c]!;
    const cy = m.data[2 * c + 1]!;
    for (let i = 0; i < n; i++) {
      const d = (m.data[2 * i]! - cx) ** 2 + (m.data[2 * i + 1]! - cy) ** 2;
      if (d < minD[i]!) {
        minD[i] = d;
        assign[i] = t;
      }
    }
    // Farthest-first keeps the point farthest from the kept set: that distance is its "gain".
    // The first pick has no kept set; it reports the radius it leaves.
    const gain = t === 0 ? res.radius[0]! : res.radius[t - 1]!;
    steps.push({
      pick: c,
      gain,
      objective: res.radius[t]!,
      assign: assign.slice(),
      coverage: Float32Array.from(minD, Math.sqrt),
    });
  }
  return {
    steps,
    gainLabel: 'distance of the pick to the kept set',
    objectiveLabel: 'covering radius',
    coverageLabel: 'distance to the nearest pick',
  };
}

function facilitySteps(m: Matrix, budget: number, h: number, weights?: Float32Array): TeachStep[] {
  const n = m.rows;
  const norms = rowSqNorms(m);
  const sim = new Float32Array(n * n);
  const inv = 1 / (2 * h * h);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const dot = m.data[2 * i]! * m.data[2 * j]! + m.data[2 * i + 1]! * m.data[2 * j + 1]!;
      const v = Math.exp(-Math.max(0, norms[i]! + norms[j]! - 2 * dot) * inv);
      sim[i * n + j] = v;
      sim[j * n + i] = v;
    }
  }
  const res = facilityLocation(denseCoverage(sim, n, n, weights), budget, { optimizer: 'lazy' });
  const cov = new Float32Array(n);
  const assign = new Int16Array(n).fill(-1);
  const steps: TeachStep[] = [];
  for (let t = 0; t < budget; t++) {
    const j = res.picks[t]!;
    const s = weights ? weights[j]! : 1;
    for (let i = 0; i < n; i++) {
      const w = Math.fround(s * sim[j * n + i]!);
      if (w > cov[i]!) {
        cov[i] = w;
        assign[i] = t;
      }
    }
    steps.push({
      pick: j,
      gain: res.gains[t]!,
      objective: res.objective[t]!,
      assign: assign.slice(),
      coverage: cov.slice(),
    });
  }
  return steps;
}
