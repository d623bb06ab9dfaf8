import { describe, it, expect } from 'vitest';
import type { Matrix } from './distances';
import { kCenterGreedy } from './kcenter';
import { createRng } from './rng';
import { setSimdEnabled } from './wasm/simd';
import { coveringRadius } from '../methods/kcenter/kcenter';

function blobs(n: number, dim: number, clusters: number, seed: number): Matrix {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: clusters * dim }, () => 5 * rng.normal());
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = i % clusters;
    for (let q = 0; q < dim; q++) data[i * dim + q] = centres[c * dim + q]! + rng.normal();
  }
  return { data, rows: n, dim };
}

/** Textbook farthest-first without any pruning, in float64. */
function bruteForce(m: Matrix, k: number, first: number): number[] {
  const d = m.dim;
  const minD = new Array<number>(m.rows).fill(Infinity);
  const picks = [first];
  for (let t = 0; t < k; t++) {
    const c = picks[t]!;
    for (let i = 0; i < m.rows; i++) {
      let s = 0;
      for (let q = 0; q < d; q++) s += (m.data[i * d + q]! - m.data[c * d + q]!) ** 2;
      minD[i] = Math.min(minD[i]!, s);
    }
    if (t + 1 < k) picks.push(minD.indexOf(Math.max(...minD)));
  }
  return picks;
}

describe('kCenterGreedy', () => {
  it('picks exactly what unpruned farthest-first picks, while skipping distances', () => {
    const m = blobs(400, 6, 8, 1);
    const res = kCenterGreedy(m, 60, { first: 5 });
    expect(Array.from(res.picks)).toEqual(bruteForce(m, 60, 5));
    expect(res.evaluations).toBeLessThan(400 * 60);
  });

  it('picks what float64 farthest-first picks on rows far from the origin for their spread', () => {
    // Offset 10⁴, spread 0.1 (and 10³ / 0.01): the dot-product distances of the raw rows lose
    // every digit in f32 (the SIMD path diverged after 3 picks); centred first, they do not.
    for (const [offset, sd] of [
      [1e4, 0.1],
      [1e3, 0.01],
    ] as const) {
      const rng = createRng(3);
      const data = Float32Array.from({ length: 500 * 8 }, () => offset + sd * rng.normal());
      const m = { data, rows: 500, dim: 8 };
      const want = bruteForce(m, 50, 0);
      for (const simd of [true, false]) {
        setSimdEnabled(simd);
        expect(Array.from(kCenterGreedy(m, 50, { first: 0 }).picks), `simd ${simd}`).toEqual(want);
      }
      setSimdEnabled(true);
    }
  });

  it('covering radius is non-increasing in k and equals the true covering radius', () => {
    const m = blobs(300, 4, 5, 2);
    const res = kCenterGreedy(m, 50, { first: 0 });
    for (let t = 1; t < 50; t++) expect(res.radius[t]!).toBeLessThanOrEqual(res.radius[t - 1]! + 1e-9);
    for (const k of [1, 5, 20, 50]) {
      expect(res.radius[k - 1]!).toBeCloseTo(coveringRadius(m, res.picks.subarray(0, k)), 3);
    }
    // Separate runs with growing k: the radius of the returned set never grows.
    let prev = Infinity;
    for (const k of [2, 4, 8, 16, 32, 64]) {
      const r = coveringRadius(m, kCenterGreedy(m, k, { first: 0 }).picks);
      expect(r).toBeLessThanOrEqual(prev + 1e-9);
      prev = r;
    }
  });

  it('returns unique rows even when the data holds duplicates', () => {
    const base = blobs(10, 3, 2, 3);
    const data = new Float32Array(40 * 3);
    for (let r = 0; r < 4; r++) data.set(base.data, r * 30);
    const res = kCenterGreedy({ data, rows: 40, dim: 3 }, 25, { first: 0 });
    expect(new Set(res.picks).size).toBe(25);
    expect(res.radius[24]).toBe(0);
  });

  it('a run in the kept kernel memory picks what a run in a fresh one picks', () => {
    // d = 13 and 5 leave padding lanes, which the larger run before fills with its rows.
    const a = blobs(900, 13, 7, 21);
    const b = blobs(1500, 20, 5, 22);
    const c = blobs(400, 5, 4, 23);
    const first = [a, b, c].map((m) => Array.from(kCenterGreedy(m, 80, { first: 1 }).picks));
    for (const [q, m] of [b, a, c, a, b].entries()) {
      const want = first[[1, 0, 2, 0, 1][q]!];
      expect(Array.from(kCenterGreedy(m, 80, { first: 1 }).picks)).toEqual(want);
    }
    expect(first[0]).toEqual(bruteForce(a, 80, 1));
  });

  it.each([true, false])(
    'minSqDist and assign hold each row’s nearest pick, with pruned steps (SIMD %s)',
    (simd) => {
      setSimdEnabled(simd);
      try {
        const m = blobs(1200, 24, 6, 31);
        const k = 90;
        const res = kCenterGreedy(m, k, { first: 2 });
        expect(Array.from(res.picks)).toEqual(bruteForce(m, k, 2));
        expect(res.evaluations).toBeLessThan(1200 * k);
        const d = m.dim;
        for (let i = 0; i < m.rows; i++) {
          const dist = (c: number): number => {
            let s = 0;
            for (let q = 0; q < d; q++) s += (m.data[i * d + q]! - m.data[c * d + q]!) ** 2;
            return s;
          };
          const near = Math.min(...Array.from(res.picks, dist));
          expect(res.minSqDist[i]!).toBeCloseTo(near, 2);
          expect(dist(res.picks[res.assign[i]!]!)).toBeCloseTo(near, 2);
        }
      } finally {
        setSimdEnabled(true);
      }
    },
  );
});
