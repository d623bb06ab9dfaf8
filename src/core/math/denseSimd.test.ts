import { afterEach, describe, expect, it } from 'vitest';
import { coverageFor } from './coverage';
import { dropCoverageMemory, simdCosineCoverage } from './denseSimd';
import type { Matrix } from './distances';
import { facilityLocation } from './facility';
import { gramMatrix, l2Normalize } from './distances';
import { createRng } from './rng';
import { setSimdEnabled } from './wasm/simd';

afterEach(() => {
  setSimdEnabled(true);
  dropCoverageMemory();
});

/** bench/selection.ts's clustered(): `classes` centres at scale 3, unit noise. */
function clustered(n: number, d: number, classes: number, seed: number): Matrix {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: classes * d }, () => 3 * rng.normal());
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++)
    for (let q = 0; q < d; q++) data[i * d + q] = centres[(i % classes) * d + q]! + rng.normal();
  return { data, rows: n, dim: d };
}

/**
 * Lazy facility location's first 40 picks on clustered(n, d, 7, seed), without and with weights
 * 0.2 + U(0, 1) from createRng(seed), as the SIMD dense path picked them before its memory was
 * reused between builds (commit bfd3bf8). Both sizes leave padding: n % 4 ≠ 0, d % 4 ≠ 0.
 */
const BEFORE: [n: number, d: number, seed: number, plain: number[], weighted: number[]][] = [
  [
    1203,
    24,
    11,
    [
      83, 23, 1156, 726, 1071, 283, 641, 98, 625, 888, 490, 415, 374, 167, 1167, 1026, 449, 670, 205, 927,
      294, 27, 1024, 861, 1132, 760, 995, 632, 192, 392, 793, 679, 993, 114, 88, 1046, 265, 281, 1188, 822,
    ],
    [
      937, 730, 946, 816, 320, 469, 346, 401, 420, 1159, 793, 531, 1044, 266, 698, 479, 189, 119, 1021, 200,
      901, 212, 1175, 298, 170, 903, 992, 568, 832, 348, 149, 207, 209, 662, 268, 876, 1000, 332, 366, 257,
    ],
  ],
  [
    798,
    17,
    12,
    [
      781, 218, 530, 160, 590, 346, 371, 194, 221, 162, 373, 168, 652, 420, 579, 24, 251, 268, 487, 365, 245,
      540, 465, 627, 138, 734, 280, 366, 87, 712, 214, 589, 343, 443, 301, 200, 698, 728, 269, 469,
    ],
    [
      746, 548, 652, 363, 446, 94, 301, 641, 268, 680, 679, 389, 334, 537, 744, 589, 251, 102, 449, 383, 101,
      609, 203, 400, 549, 427, 320, 362, 621, 105, 190, 49, 633, 139, 200, 188, 658, 103, 535, 42,
    ],
  ],
];

function picks(n: number, d: number, seed: number, weighted: boolean): number[] {
  const m = clustered(n, d, 7, seed);
  const rng = createRng(seed);
  const weights = weighted ? Float32Array.from({ length: n }, () => 0.2 + rng.next()) : undefined;
  const src = coverageFor(m, { similarity: 'cosine', graph: 'dense', neighbours: 0, weights });
  const res = facilityLocation(src, 40, { optimizer: 'lazy' });
  src.release?.();
  return Array.from(res.picks);
}

describe('SIMD dense coverage memory reuse', () => {
  it('picks what it picked before reuse, whatever build ran in the memory before', () => {
    // Fresh, then reused after a bigger and after a smaller build, both orders, twice over:
    // stale similarities, padding lanes or coverage from the earlier build must not leak in.
    for (let round = 0; round < 2; round++)
      for (const order of [BEFORE, [...BEFORE].reverse()])
        for (const [n, d, seed, plain, weighted] of order) {
          expect(picks(n, d, seed, false)).toEqual(plain);
          expect(picks(n, d, seed, true)).toEqual(weighted);
        }
  });

  it('reuses the released memory, never memory still in use', () => {
    const m = clustered(101, 6, 3, 1);
    const a = simdCosineCoverage(m)!;
    const b = simdCosineCoverage(m)!;
    // Two live sources: separate memories, so covering in one leaves the other's gains alone.
    const ca = a.createCoverage!();
    const cb = b.createCoverage!();
    const g = b.gain(5, cb);
    a.cover(5, ca);
    expect(b.gain(5, cb)).toBe(g);
    a.release();
    expect(() => a.gain(5, ca)).toThrow(/after release/);
    expect(() => a.cover(5, ca)).toThrow(/after release/);
    // The next build takes a's memory and gets the same gains as b.
    const c = simdCosineCoverage(m)!;
    const cc = c.createCoverage!();
    for (let j = 0; j < 101; j++) expect(c.gain(j, cc)).toBe(b.gain(j, cb));
  });

  it('the plain path (no SIMD) picks the same, and switching SIMD off leaves the kept memory alone', () => {
    const [n, d, seed, plain] = BEFORE[1]!;
    expect(picks(n, d, seed, false)).toEqual(plain);
    setSimdEnabled(false);
    expect(simdCosineCoverage(clustered(12, 3, 2, 1))).toBeNull();
    expect(picks(n, d, seed, false)).toEqual(plain);
  });
});

describe('SIMD dense coverage from a precomputed Gram (a GPU)', () => {
  it('copies the Gram in and picks what the SIMD build picks, with the SIMD scans', () => {
    for (const [n, d, seed, plain, weighted] of BEFORE) {
      const m = clustered(n, d, 7, seed);
      const gram = gramMatrix(l2Normalize(m), { clipNegative: true });
      const rng = createRng(seed);
      const w = Float32Array.from({ length: n }, () => 0.2 + rng.next());
      for (const [weights, want] of [
        [undefined, plain],
        [w, weighted],
      ] as const) {
        const src = coverageFor(m, {
          similarity: 'cosine',
          graph: 'dense',
          neighbours: 0,
          weights,
          precomputed: { gram },
        });
        expect(src.release).toBeTypeOf('function');
        expect(Array.from(facilityLocation(src, 40, { optimizer: 'lazy' }).picks)).toEqual(want);
        src.release?.();
      }
    }
  });

  it('refuses a Gram of the wrong size, with and without SIMD', () => {
    const m = clustered(10, 3, 2, 1);
    for (const simd of [true, false]) {
      setSimdEnabled(simd);
      expect(() =>
        coverageFor(m, {
          similarity: 'cosine',
          graph: 'dense',
          neighbours: 0,
          precomputed: { gram: new Float32Array(99) },
        }),
      ).toThrow('precomputed Gram has 99 entries for 10 rows');
    }
  });
});
