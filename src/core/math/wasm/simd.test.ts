import { describe, expect, it, afterEach } from 'vitest';
import { compileKernels, kernelsSource } from '../../../../scripts/build-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kCenterGreedy } from '../kcenter';
import { createRng } from '../rng';
import { KERNELS_WASM } from './kernels';
import { layout, setSimdEnabled, simdKernels } from './simd';

afterEach(() => setSimdEnabled(true));

describe('SIMD kernels', () => {
  it('the committed bytes are what kernels.wat compiles to', async () => {
    const bytes = await compileKernels();
    expect(Array.from(KERNELS_WASM)).toEqual(Array.from(bytes));
    expect(readFileSync(join(__dirname, 'kernels.ts'), 'utf8')).toBe(kernelsSource(bytes));
  });

  it('stays within the 4 KB older Chromium compiles synchronously on a main thread', () => {
    // wasmModule() compiles with new WebAssembly.Module; above 4096 bytes Chromium before ~115
    // refuses that on a main thread and every caller there would fall back to the plain loops.
    expect(KERNELS_WASM.length).toBeLessThanOrEqual(4096);
  });

  it('dots, gain and cover match plain loops', () => {
    const rng = createRng(3);
    const n = 37;
    const dp = 24;
    const lay = layout();
    const xAt = lay.take(n * dp * 4);
    const idxAt = lay.take(n * 4);
    const outAt = lay.take(n * 4);
    const covAt = lay.take(dp * 4);
    const k = simdKernels(lay.size);
    expect(k).not.toBeNull();
    const buf = k!.memory.buffer;
    // Views into the kernel memory (typed-array map() would copy out of it).
    const x = new Float32Array(buf, xAt, n * dp);
    for (let j = 0; j < x.length; j++) x[j] = rng.normal();
    const idx = new Int32Array(buf, idxAt, n);
    for (let j = 0; j < n; j++) idx[j] = (j * 7) % n;
    const out = new Float32Array(buf, outAt, n);
    const ranged = new Float32Array(n);
    k!.dotsRange(xAt + 5 * dp * 4, xAt, 2, n - 2, dp, outAt);
    ranged.set(out);
    for (let j = 2; j < n; j++) {
      let s = 0;
      for (let q = 0; q < dp; q++) s += x[j * dp + q]! * x[5 * dp + q]!;
      expect(ranged[j - 2]).toBeCloseTo(s, 4);
    }
    k!.dots(xAt + 5 * dp * 4, idxAt, n, dp, outAt);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let q = 0; q < dp; q++) s += x[idx[j]! * dp + q]! * x[5 * dp + q]!;
      expect(out[j]).toBeCloseTo(s, 4);
    }
    const cov = new Float32Array(buf, covAt, dp);
    for (let q = 0; q < dp; q++) cov[q] = rng.normal();
    const w = x.subarray(0, dp);
    let g = 0;
    for (let q = 0; q < dp; q++) g += Math.max(0, w[q]! - cov[q]!);
    expect(k!.gain(xAt, covAt, dp, 1)).toBeCloseTo(g, 4);
    let g2 = 0;
    for (let q = 0; q < dp; q++) g2 += Math.max(0, 0.5 * w[q]! - cov[q]!);
    expect(k!.gain(xAt, covAt, dp, 0.5)).toBeCloseTo(g2, 4);
    const expected = Array.from(cov, (c, q) => Math.fround(Math.max(c, w[q]!)));
    k!.cover(xAt, covAt, dp, 1);
    expect(Array.from(cov)).toEqual(expected);
  });

  it('dots4Range gives the same bits as four dotsRange calls (odd and even counts, strided out)', () => {
    const rng = createRng(4);
    const n = 23;
    const dp = 20;
    for (const [from, count] of [
      [0, 23],
      [3, 20],
      [6, 17],
      [22, 1],
    ] as const) {
      const lay = layout();
      const xAt = lay.take(n * dp * 4);
      const ostride = count + 3; // floats: rows of the output with a gap
      const outAt = lay.take(4 * ostride * 4);
      const oneAt = lay.take(count * 4);
      const k = simdKernels(lay.size)!;
      const buf = k.memory.buffer;
      const x = new Float32Array(buf, xAt, n * dp);
      for (let j = 0; j < x.length; j++) x[j] = rng.normal();
      const out = new Float32Array(buf, outAt, 4 * ostride).fill(-7);
      k.dots4Range(xAt + 2 * dp * 4, xAt, from, count, dp, outAt, ostride * 4);
      const one = new Float32Array(buf, oneAt, count);
      for (let r = 0; r < 4; r++) {
        k.dotsRange(xAt + (2 + r) * dp * 4, xAt, from, count, dp, oneAt);
        expect(Array.from(out.subarray(r * ostride, r * ostride + count))).toEqual(Array.from(one));
        // Nothing written past the row's count.
        expect(Array.from(out.subarray(r * ostride + count, (r + 1) * ostride))).toEqual([-7, -7, -7]);
      }
    }
  });

  it('k-center picks the same rows with and without SIMD', () => {
    const rng = createRng(9);
    const n = 1500;
    const d = 21; // not a multiple of 8: exercises the row padding
    const centres = Float32Array.from({ length: 6 * d }, () => 4 * rng.normal());
    const data = Float32Array.from(
      { length: n * d },
      (_, j) => centres[(Math.floor(j / d) % 6) * d + (j % d)]! + rng.normal(),
    );
    const m = { data, rows: n, dim: d };
    const fast = kCenterGreedy(m, 150, { first: 3 });
    setSimdEnabled(false);
    const plain = kCenterGreedy(m, 150, { first: 3 });
    expect(Array.from(fast.picks)).toEqual(Array.from(plain.picks));
    for (let t = 0; t < 150; t++) expect(fast.radius[t]).toBeCloseTo(plain.radius[t]!, 3);
  });
});

describe('SIMD facility-location coverage', () => {
  it('picks what the plain dense cosine coverage picks, with and without weights', async () => {
    const { coverageFor } = await import('../coverage');
    const { facilityLocation } = await import('../facility');
    const rng = createRng(4);
    const n = 403; // not a multiple of 4: exercises the padding
    const d = 10;
    const data = Float32Array.from({ length: n * d }, () => rng.normal());
    const m = { data, rows: n, dim: d };
    const weights = Float32Array.from({ length: n }, () => 0.2 + rng.next());
    for (const w of [undefined, weights]) {
      const opts = { similarity: 'cosine' as const, graph: 'dense' as const, neighbours: 0, weights: w };
      const fast = facilityLocation(coverageFor(m, opts), 40, { optimizer: 'lazy' });
      setSimdEnabled(false);
      const plain = facilityLocation(coverageFor(m, opts), 40, { optimizer: 'lazy' });
      setSimdEnabled(true);
      expect(Array.from(fast.picks)).toEqual(Array.from(plain.picks));
      for (let t = 0; t < 40; t++) expect(fast.objective[t]! / plain.objective[t]!).toBeCloseTo(1, 4);
    }
  });
});

describe('SIMD cosine similarity blocks', () => {
  it.each([400, 403])('every row of the mirrored matrix matches the plain one (n = %i)', async (n) => {
    const { coverageFor } = await import('../coverage');
    const rng = createRng(n);
    const d = 9;
    const m = { data: Float32Array.from({ length: n * d }, () => rng.normal()), rows: n, dim: d };
    const opts = { similarity: 'cosine' as const, graph: 'dense' as const, neighbours: 0 };
    const fast = coverageFor(m, opts);
    setSimdEnabled(false);
    const plain = coverageFor(m, opts);
    setSimdEnabled(true);
    // With nothing covered, a candidate's gain is the sum of its row: every row, both triangles.
    const cf = fast.createCoverage?.() ?? new Float32Array(n);
    const cp = plain.createCoverage?.() ?? new Float32Array(n);
    for (let j = 0; j < n; j++) expect(fast.gain(j, cf)).toBeCloseTo(plain.gain(j, cp), 3);
    // Covering with one row changes the gains exactly as plain: its row and column agree.
    fast.cover(n - 1, cf);
    plain.cover(n - 1, cp);
    for (let j = 0; j < n; j++) expect(fast.gain(j, cf)).toBeCloseTo(plain.gain(j, cp), 3);
  });
});

describe('SIMD k-means', () => {
  it('finds the same clusters with and without SIMD', async () => {
    const { kmeans } = await import('../kmeans');
    const rng = createRng(8);
    const n = 900;
    const d = 13;
    const centres = Float32Array.from({ length: 5 * d }, () => 4 * rng.normal());
    const data = Float32Array.from(
      { length: n * d },
      (_, j) => centres[(Math.floor(j / d) % 5) * d + (j % d)]! + rng.normal(),
    );
    const m = { data, rows: n, dim: d };
    const fast = kmeans(m, 5, createRng(2));
    setSimdEnabled(false);
    const plain = kmeans(m, 5, createRng(2));
    expect(Array.from(fast.assign)).toEqual(Array.from(plain.assign));
    expect(fast.inertia / plain.inertia).toBeCloseTo(1, 4);
    for (let q = 0; q < fast.centroids.length; q++)
      expect(fast.centroids[q]).toBeCloseTo(plain.centroids[q]!, 3);
  });
});
