import { describe, it, expect } from 'vitest';
import { cosineBlock, dotBlock, sqDistBlock, type Matrix } from './distances';
import { knn, knnGraph, transposeCsr } from './knn';
import { createRng } from './rng';

function randomMatrix(rows: number, dim: number, seed: number): Matrix {
  const rng = createRng(seed);
  return { data: Float32Array.from({ length: rows * dim }, () => rng.normal()), rows, dim };
}

describe('knn', () => {
  it.each(['sqeuclidean', 'cosine'] as const)(
    'matches brute force (%s), across tile boundaries',
    (metric) => {
      const m = randomMatrix(53, 5, 11);
      const k = 6;
      const res = knn(m, k, { metric, tileRows: 16 });
      const full = metric === 'cosine' ? cosineBlock(m, m) : sqDistBlock(m, m);
      for (let i = 0; i < 53; i++) {
        const others = Array.from({ length: 53 }, (_, j) => j).filter((j) => j !== i);
        const better = (x: number, y: number): number =>
          metric === 'cosine' ? full[i * 53 + y]! - full[i * 53 + x]! : full[i * 53 + x]! - full[i * 53 + y]!;
        const want = others.sort((x, y) => better(x, y) || x - y).slice(0, k);
        const got = Array.from(res.indices.subarray(i * k, i * k + k));
        expect(got).toEqual(want);
        for (let q = 0; q < k; q++) expect(res.values[i * k + q]).toBeCloseTo(full[i * 53 + want[q]!]!, 3);
      }
    },
  );

  it('euclidean lists on rows far from the origin for their spread match float64 distances', () => {
    const rng = createRng(5);
    const n = 300;
    const d = 6;
    const data = Float32Array.from({ length: n * d }, () => 1e4 + 0.1 * rng.normal());
    const res = knn({ data, rows: n, dim: d }, 5);
    let same = 0;
    for (let i = 0; i < n; i++) {
      const dist = (j: number) => {
        let s = 0;
        for (let q = 0; q < d; q++) s += (data[i * d + q]! - data[j * d + q]!) ** 2;
        return s;
      };
      const want = Array.from({ length: n }, (_, j) => j)
        .filter((j) => j !== i)
        .sort((x, y) => dist(x) - dist(y) || x - y)
        .slice(0, 5);
      const got = Array.from(res.indices.subarray(i * 5, i * 5 + 5));
      if (got.join() === want.join()) same++;
      expect(res.values[i * 5]).toBeCloseTo(dist(want[0]!), 4);
    }
    // f32 keys after centring: a near-tie may swap two neighbours, nothing more.
    expect(same).toBeGreaterThanOrEqual(n - 3);
  });

  it('includeSelf puts each row first, and k is capped by the row count', () => {
    const m = randomMatrix(5, 3, 12);
    const res = knn(m, 10, { includeSelf: true });
    expect(res.k).toBe(5);
    for (let i = 0; i < 5; i++) expect(res.indices[i * 5]).toBe(i);
    expect(knn(m, 10).k).toBe(4);
  });

  it('builds a CSR graph and its transpose', () => {
    const m = randomMatrix(30, 4, 13);
    const res = knn(m, 3, { metric: 'cosine' });
    const g = knnGraph(res, () => 1);
    expect(g.indptr[30]).toBe(90);
    const t = transposeCsr(g);
    expect(t.indices.length).toBe(90);
    // Entry (i → j) in g appears as (j → i) in t.
    for (let i = 0; i < 30; i++) {
      for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++) {
        const j = g.indices[e]!;
        const row = Array.from(t.indices.subarray(t.indptr[j]!, t.indptr[j + 1]!));
        expect(row).toContain(i);
      }
    }
    // Zero weights are dropped.
    expect(knnGraph(res, () => 0).indices.length).toBe(0);
  });

  it('the SIMD tile scan offers what the JS scan offers: the same lists, bit for bit', () => {
    // dotBlock runs the same SIMD inner products (dotTile), then the plain JS scan of every pair.
    const rng = createRng(14);
    const n = 701;
    const d = 13;
    const data = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      // Clusters far from the origin (large norms against small distances: the margins' case),
      // exact duplicates (ties broken by index) and a few rows of zeros.
      const c = i % 5;
      for (let q = 0; q < d; q++)
        data[i * d + q] = i % 97 === 0 ? 0 : 40 * c + (q === c ? 30 : 0) + rng.normal();
      if (i % 11 === 0 && i > 0) data.copyWithin(i * d, (i - 1) * d, i * d);
    }
    const m = { data, rows: n, dim: d };
    for (const metric of ['sqeuclidean', 'cosine'] as const)
      for (const includeSelf of [false, true])
        for (const tileRows of [256, 150, 61]) {
          const opts = { metric, includeSelf, tileRows };
          const fast = knn(m, 20, opts);
          const plain = knn(m, 20, { ...opts, block: dotBlock });
          expect(Array.from(fast.indices)).toEqual(Array.from(plain.indices));
          expect(Array.from(fast.values)).toEqual(Array.from(plain.values));
        }
  });

  it('a run in the kept kernel memory lists what a run in a fresh one lists', () => {
    // d = 13 and 6 leave padding lanes, which the run before fills with its rows.
    const a = randomMatrix(700, 13, 15);
    const b = randomMatrix(900, 6, 16);
    const fresh = [a, b].map((m) => knn(m, 10));
    for (const [q, m] of [b, a, b, a].entries()) {
      const got = knn(m, 10);
      expect(Array.from(got.indices)).toEqual(Array.from(fresh[(q + 1) % 2]!.indices));
      expect(Array.from(got.values)).toEqual(Array.from(fresh[(q + 1) % 2]!.values));
    }
  });
});
