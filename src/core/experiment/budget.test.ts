import { describe, expect, it } from 'vitest';
import { carveValidation, fullDataSteps, planTraining, CONVERGE_MAX_FACTOR } from './budget';

const labels = Int32Array.from({ length: 1000 }, (_, i) => i % 10);
const rows = (k: number) => Int32Array.from({ length: k }, (_, i) => i * 7);
const spec = { epochs: 5, batchSize: 64, seed: 3 };

describe('training budget', () => {
  it('steps: a coreset takes exactly the full-data run’s optimizer steps', () => {
    const full = fullDataSteps(spec, 1000); // 5 × ⌈1000/64⌉ = 80
    expect(full).toBe(80);
    for (const k of [50, 100, 130, 1000]) {
      const p = planTraining({ ...spec, trainBudget: 'steps' }, 1000, rows(k), labels);
      expect(p.maxSteps).toBe(80);
      // enough passes to reach the steps (the last one may stop mid-pass), never one too many
      expect(p.epochs * Math.ceil(k / 64)).toBeGreaterThanOrEqual(80);
      expect((p.epochs - 1) * Math.ceil(k / 64)).toBeLessThan(80);
      expect(p.trainRows.length).toBe(k);
    }
  });

  it('epochs: a coreset takes spec.epochs passes, so fewer steps than the full data', () => {
    const p = planTraining({ ...spec, trainBudget: 'epochs' }, 1000, rows(100), labels);
    expect(p.epochs).toBe(5);
    expect(p.maxSteps).toBe(5 * 2);
  });

  it('converge: holds out ~10% of the coreset per class for validation, caps the steps', () => {
    const p = planTraining({ ...spec, trainBudget: 'converge' }, 1000, rows(100), labels);
    const v = p.earlyStopping!.validationRows;
    expect(v.length).toBe(10);
    expect(p.trainRows.length + v.length).toBe(100);
    const train = new Set(p.trainRows);
    expect([...v].every((r) => !train.has(r) && rows(100).includes(r))).toBe(true);
    expect(new Set([...v].map((r) => labels[r])).size).toBe(10);
    expect(p.maxSteps).toBe(CONVERGE_MAX_FACTOR * 80);
    expect(p.earlyStopping!.patience).toBeGreaterThanOrEqual(5);
  });

  it('the validation split is seeded and keeps a lone class row for training', () => {
    const a = carveValidation(rows(60), labels, 1);
    expect(carveValidation(rows(60), labels, 1)).toEqual(a);
    expect(carveValidation(rows(60), labels, 2).validation).not.toEqual(a.validation);
    const lone = carveValidation(Int32Array.of(0, 1), labels, 1);
    expect(lone.train.length + lone.validation.length).toBe(2);
  });
});
