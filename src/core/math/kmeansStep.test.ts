import { afterEach, describe, expect, it } from 'vitest';
import type { Matrix } from './distances';
import { kmeans } from './kmeans';
import { lloydEngine } from './kmeansStep';
import { createRng } from './rng';
import { layout, setSimdEnabled, simdKernels } from './wasm/simd';

afterEach(() => setSimdEnabled(true));

function gaussian(n: number, d: number, seed: number, scale = 1): Matrix {
  const rng = createRng(seed);
  return { data: Float32Array.from({ length: n * d }, () => scale * rng.normal()), rows: n, dim: d };
}

function blobs(n: number, d: number, clusters: number, seed: number): Matrix {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: clusters * d }, () => 3 * rng.normal());
  const data = Float32Array.from(
    { length: n * d },
    (_, j) => centres[(Math.floor(j / d) % clusters) * d + (j % d)]! + rng.normal(),
  );
  return { data, rows: n, dim: d };
}

describe('SIMD k-means kernels against plain loops', () => {
  it('assign: nearest centre (lowest index on ties), its cn − 2⟨⟩, sums, sizes and the moved count', () => {
    const n = 37; // odd: the last row is swept paired with itself
    const d = 10; // dp = 12: padding lanes
    const k = 6; // two groups of four, two padding centres
    const dp = 12;
    const groups = 2;
    const m = gaussian(n, d, 1);
    const cents = gaussian(k, d, 2).data;
    cents.set(m.data.subarray(0, d), 2 * d); // centres 2 and 5 both equal row 0: a tie
    cents.set(m.data.subarray(0, d), 5 * d);
    const lay = layout();
    const at = {
      x: lay.take(n * dp * 4),
      cen: lay.take(groups * 4 * dp * 4),
      cn: lay.take(groups * 16),
      asg: lay.take(n * 4),
      mind: lay.take(n * 4),
      sums: lay.take(groups * 4 * dp * 4),
      sizes: lay.take(groups * 16),
      norms: lay.take(n * 4),
    };
    const kern = simdKernels(lay.size)!;
    expect(kern).not.toBeNull();
    const buf = kern.memory.buffer;
    const x = new Float32Array(buf, at.x, n * dp);
    for (let i = 0; i < n; i++) x.set(m.data.subarray(i * d, i * d + d), i * dp);
    const cen = new Float32Array(buf, at.cen, groups * 4 * dp);
    const cn = new Float32Array(buf, at.cn, groups * 4).fill(Infinity);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let q = 0; q < d; q++) {
        const v = cents[c * d + q]!;
        s += v * v;
        cen[(((c >> 2) * (dp / 4) + (q >> 2)) * 4 + (c & 3)) * 4 + (q & 3)] = v;
      }
      cn[c] = s;
    }
    const asg = new Int32Array(buf, at.asg, n).fill(-1);
    const moved = kern.assign(at.x, n, dp, at.cen, at.cn, groups, at.asg, at.mind, at.sums, at.sizes);
    expect(moved).toBe(n);
    const mind = new Float32Array(buf, at.mind, n);
    const sums = new Float32Array(buf, at.sums, groups * 4 * dp);
    const sizes = new Int32Array(buf, at.sizes, groups * 4);
    const want = new Float64Array(k * d);
    const wantSizes = new Int32Array(groups * 4);
    for (let i = 0; i < n; i++) {
      let bc = 0;
      let bd = Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        let cc = 0;
        for (let q = 0; q < d; q++) {
          dot += m.data[i * d + q]! * cents[c * d + q]!;
          cc += cents[c * d + q]! ** 2;
        }
        if (cc - 2 * dot < bd) {
          bd = cc - 2 * dot;
          bc = c;
        }
      }
      expect(asg[i]).toBe(bc);
      expect(mind[i]).toBeCloseTo(bd, 4);
      wantSizes[bc]! += 1;
      for (let q = 0; q < d; q++) want[bc * d + q]! += m.data[i * d + q]!;
    }
    expect(asg[0]).toBe(2);
    expect(Array.from(sizes)).toEqual(Array.from(wantSizes));
    for (let c = 0; c < k; c++)
      for (let q = 0; q < d; q++) expect(sums[c * dp + q]).toBeCloseTo(want[c * d + q]!, 4);
    // A second pass over unchanged centres moves nothing; a row assigned elsewhere counts once.
    new Float32Array(buf, at.sums, groups * 4 * dp).fill(0);
    sizes.fill(0);
    asg[7] = (asg[7]! + 1) % k;
    expect(kern.assign(at.x, n, dp, at.cen, at.cn, groups, at.asg, at.mind, at.sums, at.sizes)).toBe(1);
    expect(Array.from(sizes)).toEqual(Array.from(wantSizes));

    kern.sqNorms(at.x, n, dp, at.norms);
    const norms = new Float32Array(buf, at.norms, n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let q = 0; q < d; q++) s += m.data[i * d + q]! ** 2;
      expect(norms[i]).toBeCloseTo(s, 4);
    }
  });

  it('one engine step gives the same assignment, distances, sizes and sums with SIMD on and off', () => {
    const m = gaussian(501, 21, 3);
    const k = 7;
    const cents = gaussian(k, 21, 4).data;
    const run = () => {
      const e = lloydEngine(m, k);
      const best = new Float64Array(501);
      const sizes = new Int32Array(k);
      const sums = new Float64Array(k * 21);
      const r = e.step(cents, e.sqNorms(), best, sizes, sums);
      const assign = Int32Array.from(e.assign);
      e.release();
      return { r, best, sizes, sums, assign };
    };
    const fast = run();
    setSimdEnabled(false);
    const plain = run();
    expect(Array.from(fast.assign)).toEqual(Array.from(plain.assign));
    expect(fast.r.moved).toBe(501);
    expect(plain.r.moved).toBe(501);
    expect(fast.r.total / plain.r.total).toBeCloseTo(1, 5);
    for (let i = 0; i < 501; i++) expect(fast.best[i]).toBeCloseTo(plain.best[i]!, 3);
    expect(Array.from(fast.sizes)).toEqual(Array.from(plain.sizes));
    for (let j = 0; j < k * 21; j++) expect(fast.sums[j]).toBeCloseTo(plain.sums[j]!, 3);
  });
});

describe('k-means with the fused SIMD pass', () => {
  it('matches the plain loops (odd n, k not a multiple of 4, d not a multiple of 4)', () => {
    const m = blobs(1201, 13, 7, 5);
    for (const k of [1, 3, 7, 9]) {
      const fast = kmeans(m, k, createRng(k));
      setSimdEnabled(false);
      const plain = kmeans(m, k, createRng(k));
      setSimdEnabled(true);
      expect(fast.iterations).toBe(plain.iterations);
      expect(Array.from(fast.assign)).toEqual(Array.from(plain.assign));
      expect(Array.from(fast.sizes)).toEqual(Array.from(plain.sizes));
      expect(fast.inertia / plain.inertia).toBeCloseTo(1, 5);
      for (let q = 0; q < fast.centroids.length; q++)
        expect(fast.centroids[q]).toBeCloseTo(plain.centroids[q]!, 3);
    }
  });

  it('a reused kernel memory holds no earlier run’s data (padding lanes, centres, assignment)', () => {
    // A run on wide, large-valued rows leaves its data in the kept kernel memory; the next run
    // (narrower rows with padding lanes, fewer centres) must not see any of it.
    kmeans(gaussian(800, 16, 6, 50), 12, createRng(1));
    const m = blobs(700, 10, 5, 7);
    const fast = kmeans(m, 5, createRng(2));
    setSimdEnabled(false);
    const plain = kmeans(m, 5, createRng(2));
    expect(Array.from(fast.assign)).toEqual(Array.from(plain.assign));
    expect(fast.inertia / plain.inertia).toBeCloseTo(1, 5);
    expect(fast.assign.buffer).not.toBe(plain.assign.buffer);
  });

  it('same seed, same result, also across engine reuse', () => {
    const m = blobs(999, 9, 4, 8);
    const a = kmeans(m, 6, createRng(3));
    const b = kmeans(m, 6, createRng(3));
    expect(Array.from(a.assign)).toEqual(Array.from(b.assign));
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    expect(a.inertia).toBe(b.inertia);
  });
});
