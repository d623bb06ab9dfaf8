import { describe, it, expect } from 'vitest';
import type { Matrix } from './distances';
import { kmeans, kmeansPlusPlus, silhouette } from './kmeans';
import { createRng } from './rng';

function blobs(
  n: number,
  dim: number,
  clusters: number,
  seed: number,
  spread = 8,
): { m: Matrix; truth: Int32Array } {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: clusters * dim }, () => spread * rng.normal());
  const data = new Float32Array(n * dim);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % clusters;
    truth[i] = c;
    for (let q = 0; q < dim; q++) data[i * dim + q] = centres[c * dim + q]! + rng.normal();
  }
  return { m: { data, rows: n, dim }, truth };
}

describe('k-means', () => {
  it('recovers well-separated clusters exactly (each found cluster is one true cluster)', () => {
    const { m, truth } = blobs(600, 5, 4, 1, 20);
    const res = kmeans(m, 4, createRng(2));
    const mapping = new Map<number, number>();
    for (let i = 0; i < 600; i++) {
      const a = res.assign[i]!;
      if (!mapping.has(a)) mapping.set(a, truth[i]!);
      expect(mapping.get(a)).toBe(truth[i]);
    }
    expect(mapping.size).toBe(4);
    expect(Array.from(res.sizes)).toEqual([150, 150, 150, 150]);
  });

  it('finds the same clusters on the same data shifted far from the origin, centroids shifted too', () => {
    // Clusters 0.01 apart at an offset 10⁴: ‖c‖² − 2⟨x, c⟩ of the raw rows cancels in f32.
    const { m, truth } = blobs(400, 4, 4, 3, 20);
    const far = { ...m, data: m.data.map((v) => 1e4 + v / 1000) };
    const res = kmeans(far, 4, createRng(2));
    const mapping = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const a = res.assign[i]!;
      if (!mapping.has(a)) mapping.set(a, truth[i]!);
      expect(mapping.get(a)).toBe(truth[i]);
    }
    expect(mapping.size).toBe(4);
    // Each centroid is its rows' mean in the data's own coordinates.
    for (let c = 0; c < 4; c++) {
      const rows = Array.from(res.assign.keys()).filter((i) => res.assign[i] === c);
      const mean = rows.reduce((s, i) => s + far.data[i * 4]!, 0) / rows.length;
      expect(res.centroids[c * 4]!).toBeCloseTo(mean, 2);
    }
  });

  it('is deterministic for a seed, and inertia matches the assignment', () => {
    const { m } = blobs(300, 3, 5, 3, 3);
    const a = kmeans(m, 5, createRng(7));
    const b = kmeans(m, 5, createRng(7));
    expect(Array.from(a.assign)).toEqual(Array.from(b.assign));
    let inertia = 0;
    for (let i = 0; i < 300; i++) {
      const c = a.assign[i]!;
      for (let q = 0; q < 3; q++) inertia += (m.data[i * 3 + q]! - a.centroids[c * 3 + q]!) ** 2;
    }
    // Reported inertia is from the last assignment step (before the final centroid update).
    expect(inertia).toBeLessThanOrEqual(a.inertia * (1 + 1e-6));
    expect(a.sizes.every((s) => s > 0)).toBe(true);
  });

  it('k-means++ seeds are distinct rows and the empty-cluster rule keeps k clusters', () => {
    const { m } = blobs(50, 2, 2, 4);
    const seeds = kmeansPlusPlus(m, 10, createRng(1));
    expect(new Set(seeds).size).toBe(10);
    // 12 clusters on data with only 6 distinct points: every cluster still non-empty.
    const data = new Float32Array(60 * 2);
    for (let i = 0; i < 60; i++) data.set([i % 6, (i % 6) * 2], i * 2);
    const res = kmeans({ data, rows: 60, dim: 2 }, 6, createRng(3));
    expect(res.sizes.every((s) => s > 0)).toBe(true);
    expect(res.inertia).toBeCloseTo(0, 6);
  });

  it('silhouette prefers the true number of clusters', () => {
    const { m } = blobs(400, 4, 4, 5, 10);
    const scores = [2, 3, 4, 5, 6].map((k) =>
      silhouette(m, kmeans(m, k, createRng(k)).assign, k, createRng(9), 300),
    );
    const best = [2, 3, 4, 5, 6][scores.indexOf(Math.max(...scores))];
    expect(best).toBe(4);
    expect(Math.max(...scores)).toBeGreaterThan(0.5);
    expect(silhouette(m, new Int32Array(400), 1, createRng(1))).toBe(0);
  });
});
