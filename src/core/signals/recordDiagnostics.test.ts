import { describe, expect, it } from 'vitest';
import { recordDiagnostics } from './recordDiagnostics';
import type { TrainingRecord } from './types';

function record(correctRows: number[][]): TrainingRecord {
  // correctRows[i] = sample i's correct bits per epoch.
  const n = correctRows.length;
  const T = correctRows[0]!.length;
  const correct = new Uint8Array(n * T);
  const trueProb = new Float32Array(n * T);
  correctRows.forEach((row, i) =>
    row.forEach((c, t) => {
      correct[t * n + i] = c;
      trueProb[t * n + i] = c ? 0.9 : 0.1;
    }),
  );
  const z = new Float32Array(n * T);
  return { n, epochs: T, correct, trueProb, margin: z, loss: z, el2n: z, grand: z };
}

describe('record diagnostics', () => {
  const r = record([
    [1, 1, 1, 1, 1], // always right
    [0, 1, 0, 1, 0], // flips
    [0, 0, 0, 0, 0], // never learned (a noisy label, say)
    [0, 0, 1, 1, 1], // learned at epoch 3
  ]);
  const labels = Uint8Array.from([0, 0, 1, 1]);
  const diags = recordDiagnostics(r, labels, ['a', 'b'], Uint8Array.from([0, 0, 1, 0]));
  const map = diags[0]!;
  const curves = diags[1]!;
  const hist = diags[2]!;

  it('data map groups by correctness and rings the noisy rows', () => {
    expect(map.kind).toBe('scatter');
    if (map.kind !== 'scatter') return;
    expect(Array.from(map.group)).toEqual([2, 1, 0, 1]);
    expect(Array.from(map.highlight ?? [])).toEqual([2]);
    expect(map.y[0]).toBeCloseTo(0.9);
    expect(map.x[0]).toBeCloseTo(0);
    expect(map.x[1]).toBeGreaterThan(0.3);
  });

  it('learned-per-epoch curves follow the correct bits per class', () => {
    expect(curves.kind).toBe('curves');
    if (curves.kind !== 'curves') return;
    expect(curves.series[0]!.y).toEqual([0.5, 1, 0.5, 1, 0.5]);
    expect(curves.series[1]!.y).toEqual([0, 0, 0.5, 0.5, 0.5]);
    expect(curves.series[0]!.x).toEqual([1, 2, 3, 4, 5]);
  });

  it('forgetting histogram counts the never-learned sample as T', () => {
    if (hist.kind !== 'histogram') throw new Error('expected a histogram');
    expect(hist.series.map((x) => x.name)).toEqual(['clean', 'injected noise']);
    expect(Array.from(hist.series[0]!.values)).toEqual([0, 2, 0]);
    expect(Array.from(hist.series[1]!.values)).toEqual([5]);
  });
});
