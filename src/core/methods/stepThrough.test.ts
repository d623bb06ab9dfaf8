import { describe, expect, it } from 'vitest';
import { makeToy } from '../data/toy';
import { kCenterGreedy } from '../math/kcenter';
import { nearestToMean } from './kcenter/kcenter';
import { teachSteps, TEACH_METHODS, TEACH_MAX_POINTS } from './stepThrough';
import { subzeroK } from './subzero/subzeroMath';

const toy = makeToy({ shape: 'moons', n: 300, noise: 0.2, seed: 2 });
const points = toy.x as Float32Array;

describe('teaching step-through', () => {
  it.each(TEACH_METHODS)(
    '%s: one step per pick, unique picks, coverage consistent with the assignment',
    (method) => {
      const r = teachSteps(points, toy.labels, 12, method);
      expect(r.steps.length).toBe(12);
      expect(new Set(r.steps.map((s) => s.pick)).size).toBe(12);
      r.steps.forEach((s, t) => {
        // Every point is assigned to a pick made at or before this step.
        for (let i = 0; i < 300; i++) {
          expect(s.assign[i]).toBeGreaterThanOrEqual(0);
          expect(s.assign[i]).toBeLessThanOrEqual(t);
        }
        // The pick covers itself (distance 0, or the largest possible similarity for it).
        expect(s.assign[s.pick]).toBe(t);
      });
      // Later steps never lose coverage (FL) or never grow distances (k-center).
      for (let t = 1; t < 12; t++) {
        const a = r.steps[t - 1]!.coverage;
        const b = r.steps[t]!.coverage;
        for (let i = 0; i < 300; i++) {
          if (method === 'kcenter') expect(b[i]!).toBeLessThanOrEqual(a[i]! + 1e-6);
          else expect(b[i]!).toBeGreaterThanOrEqual(a[i]!);
        }
      }
    },
  );

  it('k-center: the picks are farthest-first, the radius never grows, gains are the pick distances', () => {
    const r = teachSteps(points, toy.labels, 10, 'kcenter');
    const ref = kCenterGreedy({ data: points, rows: 300, dim: 2 }, 10, {
      first: nearestToMean({ data: points, rows: 300, dim: 2 }),
    });
    expect(r.steps.map((s) => s.pick)).toEqual(Array.from(ref.picks));
    for (let t = 1; t < 10; t++) {
      expect(r.steps[t]!.objective).toBeLessThanOrEqual(r.steps[t - 1]!.objective + 1e-9);
      expect(r.steps[t]!.gain).toBeCloseTo(r.steps[t - 1]!.coverage[r.steps[t]!.pick]!, 4);
    }
    const last = r.steps[9]!;
    expect(last.objective).toBeCloseTo(Math.max(...last.coverage), 4);
  });

  it('facility location: objective is the sum of coverage, rises while gains fall', () => {
    const r = teachSteps(points, toy.labels, 15, 'facility-location');
    r.steps.forEach((s, t) => {
      const sum = s.coverage.reduce((a, b) => a + b, 0);
      expect(s.objective).toBeCloseTo(sum, 2);
      if (t > 0) {
        expect(s.objective).toBeGreaterThanOrEqual(r.steps[t - 1]!.objective);
        expect(s.gain).toBeLessThanOrEqual(r.steps[t - 1]!.gain + 1e-4);
      }
    });
  });

  it('SubZeroCore: density weights in (0, 1], K from the γ rule, and the same seed gives the same steps', () => {
    const a = teachSteps(points, toy.labels, 20, 'subzero', { gamma: 0.6 });
    const b = teachSteps(points, toy.labels, 20, 'subzero', { gamma: 0.6 });
    expect(a.k).toBe(subzeroK(300, 20, 0.6));
    expect(a.weights!.every((w) => w > 0 && w <= 1)).toBe(true);
    expect(a.steps.map((s) => s.pick)).toEqual(b.steps.map((s) => s.pick));
    const plain = teachSteps(points, toy.labels, 20, 'facility-location');
    // Density weighting changes what is kept: the weighted picks lean to typical-density points.
    const meanW = (picks: number[]) => picks.reduce((acc, p) => acc + a.weights![p]!, 0) / picks.length;
    expect(meanW(a.steps.map((s) => s.pick))).toBeGreaterThan(meanW(plain.steps.map((s) => s.pick)));
  });

  it('subsamples large toy sets and rejects a budget out of range', () => {
    const big = makeToy({ shape: 'blobs', n: 3000, noise: 0.1, seed: 1 });
    const r = teachSteps(big.x as Float32Array, big.labels, 5, 'kcenter');
    expect(r.rows.length).toBe(TEACH_MAX_POINTS);
    expect(r.x.length).toBe(TEACH_MAX_POINTS);
    expect(() => teachSteps(points, toy.labels, 0, 'kcenter')).toThrow(RangeError);
    expect(() => teachSteps(points, toy.labels, 101, 'kcenter')).toThrow(RangeError);
  });
});
