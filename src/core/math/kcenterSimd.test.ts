import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MODULES, compileKernels, kernelsSource } from '../../../scripts/build-wasm';
import { rowSqNorms, type Matrix } from './distances';
import { kCenterGreedy, type KCenterResult } from './kcenter';
import { kCenterSimd } from './kcenterSimd';
import { createRng } from './rng';
import { KCENTER_STEP_WASM } from './wasm/kcenterStep';
import { setSimdEnabled } from './wasm/simd';

afterEach(() => setSimdEnabled(true));

/** The whole-step WebAssembly run (throws where it did not run). */
function simd(m: Matrix, k: number, first: number, onProgress?: () => void): KCenterResult {
  const res = kCenterSimd(m, k, { first, onProgress }, rowSqNorms(m), 1e-4);
  if (!res) throw new Error('WebAssembly SIMD unavailable');
  return res;
}

function plain(m: Matrix, k: number, first: number): KCenterResult {
  setSimdEnabled(false);
  try {
    return kCenterGreedy(m, k, { first });
  } finally {
    setSimdEnabled(true);
  }
}

/** Small integers: every inner product is exact in f32 and f64, and distances tie often. */
function ints(n: number, d: number, top: number, seed: number): Matrix {
  const rng = createRng(seed);
  return { data: Float32Array.from({ length: n * d }, () => rng.int(top)), rows: n, dim: d };
}

function same(a: KCenterResult, b: KCenterResult): void {
  expect(Array.from(a.picks)).toEqual(Array.from(b.picks));
  expect(Array.from(a.radius)).toEqual(Array.from(b.radius));
  expect(Array.from(a.minSqDist)).toEqual(Array.from(b.minSqDist));
  expect(Array.from(a.assign)).toEqual(Array.from(b.assign));
  expect(a.evaluations).toBe(b.evaluations);
}

describe('k-center step in WebAssembly', () => {
  it('the committed bytes are what kcenterStep.wat compiles to, within 4 KB', async () => {
    const bytes = await compileKernels(MODULES.kcenter);
    expect(Array.from(KCENTER_STEP_WASM)).toEqual(Array.from(bytes));
    expect(readFileSync(MODULES.kcenter.ts, 'utf8')).toBe(kernelsSource(bytes, MODULES.kcenter));
    // Compiled synchronously (new WebAssembly.Module): older Chromium refuses > 4 KB there.
    expect(bytes.length).toBeLessThanOrEqual(4096);
  });

  it.each([
    [300, 5, 4, 60, 7],
    [250, 3, 3, 250, 0],
    [400, 8, 2, 120, 399],
    [500, 13, 5, 500, 42],
    [120, 1, 6, 120, 3],
  ])(
    'n %i, d %i, values < %i, k %i: the plain loop’s picks, ties, radii, distances, centres and counts',
    (n, d, top, k, first) => {
      // Exact ties everywhere (smallest row wins), duplicates (zero radii at the end, k = n),
      // pool compactions and the pruning switching off and on: all as the plain loop does.
      const m = ints(n, d, top, n + d);
      const a = simd(m, k, first);
      same(a, plain(m, k, first));
      expect(new Set(a.picks).size).toBe(k);
    },
  );

  it('Gaussian blobs: the plain loop’s picks and centres', () => {
    const rng = createRng(9);
    const n = 1500;
    const d = 30;
    const centres = Float32Array.from({ length: 12 * d }, () => 4 * rng.normal());
    const data = new Float32Array(n * d);
    for (let i = 0; i < n; i++)
      for (let q = 0; q < d; q++) data[i * d + q] = centres[(i % 12) * d + q]! + rng.normal();
    const m = { data, rows: n, dim: d };
    const a = simd(m, 200, 11);
    const b = plain(m, 200, 11);
    expect(Array.from(a.picks)).toEqual(Array.from(b.picks));
    expect(Array.from(a.assign)).toEqual(Array.from(b.assign));
    for (let i = 0; i < n; i++) expect(a.minSqDist[i]!).toBeCloseTo(b.minSqDist[i]!, 3);
  });

  it('a run started from a progress callback gets its own memory; both finish right', () => {
    const outer = ints(600, 7, 5, 1);
    const inner = ints(200, 9, 4, 2);
    let nested: KCenterResult | null = null;
    const a = simd(outer, 100, 0, () => {
      nested ??= simd(inner, 50, 1);
    });
    same(a, plain(outer, 100, 0));
    expect(nested).not.toBeNull();
    same(nested!, plain(inner, 50, 1));
  });

  it('rejects rows with NaN or infinite values, naming the row', () => {
    const m = ints(20, 3, 4, 5);
    m.data[7 * 3 + 1] = Number.NaN;
    expect(() => kCenterGreedy(m, 5, { first: 0 })).toThrow(/row 7 holds a non-finite value/);
    m.data[7 * 3 + 1] = Infinity;
    expect(() => kCenterGreedy(m, 5, { first: 0 })).toThrow(/row 7/);
  });
});
