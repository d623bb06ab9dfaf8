import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { choleskySolve, ridgeAccuracy, ridgeFit, ridgePredict } from './ridge';

describe('ridge solver', () => {
  it('Cholesky solves a known SPD system', () => {
    // A = [[4, 2], [2, 3]], X = [[1, -1], [2, 0.5]] → B = A X.
    const a = Float64Array.from([4, 2, 2, 3]);
    const b = Float64Array.from([4 * 1 + 2 * 2, 4 * -1 + 2 * 0.5, 2 * 1 + 3 * 2, 2 * -1 + 3 * 0.5]);
    const x = choleskySolve(a, 2, b, 2);
    expect(Array.from(x)).toEqual([1, -1, 2, 0.5].map((v) => expect.closeTo(v, 12)));
    expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), 2, Float64Array.from([1, 1]), 1)).toThrow(
      /positive definite/,
    );
  });

  it('one feature: w = (Σxy − n·x̄·ȳ…) matches the normal equations by hand', () => {
    // X = [1, 2, 3] with bias, labels 0,1,1 → one-hot targets; compare with the 2×2 normal equations.
    const x = { data: Float32Array.from([1, 2, 3]), rows: 3, dim: 1 };
    const labels = Uint8Array.from([0, 1, 1]);
    const lambda = 0.5;
    const m = ridgeFit(x, [0, 1, 2], labels, 2, lambda);
    // [[Σx² + λ, Σx], [Σx, n]] [w; b] = [Σx·y_k; Σy_k]
    const a = Float64Array.from([14 + lambda, 6, 6, 3 + 1e-9]);
    for (let k = 0; k < 2; k++) {
      const yk = [0, 1, 2].map((i): number => (labels[i] === k ? 1 : 0));
      const rhs = Float64Array.from([
        yk.reduce((s, y, i) => s + y * (i + 1), 0),
        yk.reduce((s, y) => s + y, 0),
      ]);
      const sol = choleskySolve(a, 2, rhs, 1);
      expect(m.weights[0 * 2 + k]).toBeCloseTo(sol[0]!, 10);
      expect(m.weights[1 * 2 + k]).toBeCloseTo(sol[1]!, 10);
    }
  });

  it('recovers a planted linear map as λ → 0 and classifies separable blobs', () => {
    const rng = createRng(4);
    const n = 200;
    const d = 3;
    const data = Float32Array.from({ length: n * d }, () => rng.normal());
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) labels[i] = data[i * d]! + 0.5 * data[i * d + 1]! > 0 ? 1 : 0;
    const x = { data, rows: n, dim: d };
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const m = ridgeFit(x, rows, labels, 2, 1e-6);
    expect(ridgeAccuracy(m, x, rows, labels)).toBeGreaterThan(0.9);
    expect(ridgePredict(m, x, rows).length).toBe(n);
    // Score difference w₁ − w₀ points along the planted direction (1, 0.5, 0).
    const dir = [0, 1, 2].map((j) => m.weights[j * 2 + 1]! - m.weights[j * 2]!);
    expect(dir[1]! / dir[0]!).toBeCloseTo(0.5, 0);
    expect(Math.abs(dir[2]! / dir[0]!)).toBeLessThan(0.15);
  });
});
