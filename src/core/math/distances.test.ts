import { describe, it, expect } from 'vitest';
import {
  centredIfOffset,
  cosineBlock,
  dotBlock,
  gatherRows,
  gramMatrix,
  l2Normalize,
  sqDistBlock,
  sqDistToVector,
  rowSqNorms,
  type Matrix,
} from './distances';
import { createRng } from './rng';

function randomMatrix(rows: number, dim: number, seed: number): Matrix {
  const rng = createRng(seed);
  return { data: Float32Array.from({ length: rows * dim }, () => rng.normal()), rows, dim };
}

function naiveDot(a: Matrix, i: number, b: Matrix, j: number): number {
  let s = 0;
  for (let q = 0; q < a.dim; q++) s += a.data[i * a.dim + q]! * b.data[j * b.dim + q]!;
  return s;
}

describe('distances', () => {
  // Odd sizes exercise every edge of the 4 × 2 register tile.
  it.each([
    [1, 1, 3],
    [5, 3, 7],
    [9, 10, 1],
    [13, 6, 16],
  ])('dotBlock matches the naive product for %i × %i rows of %i', (ra, rb, d) => {
    const a = randomMatrix(ra, d, 1);
    const b = randomMatrix(rb, d, 2);
    const out = dotBlock(a, b);
    for (let i = 0; i < ra; i++)
      for (let j = 0; j < rb; j++) expect(out[i * rb + j]).toBeCloseTo(naiveDot(a, i, b, j), 4);
  });

  it('squared distances and cosine similarities agree with their definitions', () => {
    const a = randomMatrix(7, 5, 3);
    const b = randomMatrix(6, 5, 4);
    const sq = sqDistBlock(a, b);
    const cos = cosineBlock(a, b);
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 6; j++) {
        let s = 0;
        for (let q = 0; q < 5; q++) s += (a.data[i * 5 + q]! - b.data[j * 5 + q]!) ** 2;
        expect(sq[i * 6 + j]).toBeCloseTo(s, 3);
        const c = naiveDot(a, i, b, j) / Math.sqrt(naiveDot(a, i, a, i) * naiveDot(b, j, b, j));
        expect(cos[i * 6 + j]).toBeCloseTo(c, 5);
      }
    }
    const self = sqDistBlock(a, a);
    for (let i = 0; i < 7; i++) expect(self[i * 7 + i]).toBeGreaterThanOrEqual(0);
  });

  it('l2Normalize gives unit rows, leaves zero rows at zero, and copies unless asked', () => {
    const m = randomMatrix(4, 3, 5);
    m.data.fill(0, 3, 6);
    const before = Float32Array.from(m.data);
    const u = l2Normalize(m);
    expect(m.data).toEqual(before);
    const norms = rowSqNorms(u);
    expect(norms[0]).toBeCloseTo(1, 6);
    expect(norms[1]).toBe(0);
    expect(norms[3]).toBeCloseTo(1, 6);
  });

  it.each([
    [23, 8],
    [75, 33],
  ])(
    'gramMatrix is the symmetric full product (%i rows, tiles of %i), and clips on request',
    (n, tileRows) => {
      const m = randomMatrix(n, 4, 6);
      const g = gramMatrix(m, { tileRows });
      const c = gramMatrix(m, { tileRows, clipNegative: true });
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const want = naiveDot(m, i, m, j);
          expect(g[i * n + j]).toBeCloseTo(want, 4);
          expect(g[i * n + j]).toBe(g[j * n + i]);
          expect(c[i * n + j]).toBeCloseTo(Math.max(0, want), 4);
        }
      }
      // A pluggable kernel gives the same matrix.
      const viaBlock = gramMatrix(m, { tileRows, block: (a, b) => dotBlock(a, b) });
      expect(viaBlock).toEqual(g);
    },
  );

  it('gatherRows and sqDistToVector', () => {
    const m = randomMatrix(10, 3, 7);
    const g = gatherRows(m, [9, 0, 4]);
    expect(Array.from(g.data.subarray(0, 3))).toEqual(Array.from(m.data.subarray(27, 30)));
    const out = sqDistToVector(m, m.data.subarray(12, 15), rowSqNorms(m), new Float64Array(10));
    expect(out[4]).toBeCloseTo(0, 5);
    expect(out[0]).toBeCloseTo(sqDistBlock(gatherRows(m, [0]), gatherRows(m, [4]))[0]!, 4);
  });
});

describe('centredIfOffset', () => {
  it('returns ordinary data itself, and centres rows far from the origin for their spread', () => {
    const ordinary = { data: Float32Array.from([1, 2, 3, 4, -1, 0]), rows: 3, dim: 2 };
    expect(centredIfOffset(ordinary)).toBe(ordinary);
    const far = { data: Float32Array.from([1000, 5, 1001, 5, 999, 5.5]), rows: 3, dim: 2 };
    const c = centredIfOffset(far);
    expect(c).not.toBe(far);
    expect(Array.from(c.data, (v) => +v.toFixed(4))).toEqual([0, -0.1667, 1, -0.1667, -1, 0.3333]);
    // All-zero and non-finite rows are left to the caller.
    const zero = { data: new Float32Array(4), rows: 2, dim: 2 };
    expect(centredIfOffset(zero)).toBe(zero);
    const bad = { data: Float32Array.from([NaN, 1, 2, 3]), rows: 2, dim: 2 };
    expect(centredIfOffset(bad)).toBe(bad);
  });
});
