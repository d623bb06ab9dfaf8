import { describe, expect, it } from 'vitest';
import { createRng } from '../../math/rng';
import { assertPreTraining, InTrainingMethodError } from '../inTraining';
import { getMethod } from '../registry';
import { retrieveConfigOf, retrieveMethod, retrieveParamsOf, type RetrieveRun } from './retrieve';
import { candidatesPerStep, labeledGradient, retrieveGreedy, type RetrieveInput } from './retrieveGreedy';
import { defaultParams } from '../params';
import { MissingTrainerError } from '../types';
import type { Dataset } from '../../data/dataset';

/** A toy round: nL labeled logits, n unlabeled logit gradients, some masked out. */
function toy(seed: number, n = 200, nL = 30, C = 4): RetrieveInput {
  const rng = createRng(seed);
  const labeledLabels = Uint8Array.from({ length: nL }, () => rng.int(C));
  const labeledLogits = Float32Array.from({ length: nL * C }, () => rng.normal());
  const grads = new Float32Array(n * C);
  const mask = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    // A softmax-minus-one-hot gradient for a random pseudo-label: the shape FixMatch produces.
    const z = Array.from({ length: C }, () => 2 * rng.normal());
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    const y = rng.int(C);
    for (let c = 0; c < C; c++) grads[j * C + c] = e[c]! / sum - (c === y ? 1 : 0);
    mask[j] = rng.next() < 0.7 ? 1 : 0;
  }
  return { grads, mask, labeledLogits, labeledLabels, numClasses: C };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>, off = 0): number {
  let s = 0;
  for (let c = 0; c < b.length; c++) s += a[off + c]! * b[c]!;
  return s;
}

describe('RETRIEVE greedy', () => {
  it('the first pick maximises m_j·(G_j·v) (exact greedy)', () => {
    const input = toy(1);
    const C = input.numClasses;
    const { v } = labeledGradient(input.labeledLogits, input.labeledLabels, C);
    const gains = Array.from(
      { length: input.mask.length },
      (_, j) => input.mask[j]! * dot(input.grads, v, j * C),
    );
    const best = gains.indexOf(Math.max(...gains));
    const r = retrieveGreedy(input, { budget: 10, eta: 0.1, epsilon: 0, rng: createRng(1) });
    expect(r.picks[0]).toBe(best);
    expect(r.gains[0]).toBeCloseTo(gains[best]!, 5);
    expect(r.initialGains[best]).toBeCloseTo(gains[best]!, 5);
  });

  it('the stochastic first pick is the best of its candidates and never beats the exact one', () => {
    const input = toy(2);
    const exact = retrieveGreedy(input, { budget: 20, eta: 0.1, epsilon: 0, rng: createRng(1) });
    const sto = retrieveGreedy(input, { budget: 20, eta: 0.1, epsilon: 0.01, rng: createRng(1) });
    expect(sto.candidatesPerStep).toBe(candidatesPerStep(200, 20, 0.01));
    expect(sto.candidatesPerStep).toBe(Math.ceil(10 * Math.log(100)));
    expect(sto.gains[0]).toBeLessThanOrEqual(exact.gains[0]! + 1e-7);
    // ~46 of 200 candidates: the best is among the top few of all rows.
    const sorted = Array.from(exact.initialGains).sort((a, b) => b - a);
    expect(sto.gains[0]).toBeGreaterThanOrEqual(sorted[20]!);
  });

  it('the one-step update lowers the labeled loss, matching the first-order closed form', () => {
    const input = toy(3);
    const C = input.numClasses;
    const eta = 1e-3;
    const r = retrieveGreedy(input, { budget: 1, eta, epsilon: 0, rng: createRng(1) });
    const j = r.picks[0]!;
    // L(z − η G_j) ≈ L(z) − η·(G_j·v): the gain is the predicted decrease per unit step.
    const { v, loss } = labeledGradient(input.labeledLogits, input.labeledLabels, C);
    expect(r.labeledLossBefore).toBeCloseTo(loss, 10);
    const predicted = loss - eta * dot(input.grads, v, j * C);
    expect(r.gains[0]).toBeGreaterThan(0);
    expect(r.labeledLossAfter).toBeLessThan(r.labeledLossBefore);
    expect(Math.abs(r.labeledLossAfter - predicted)).toBeLessThan(1e-5);
    // A whole selection with a real step still lowers the labeled loss.
    const big = retrieveGreedy(input, { budget: 40, eta: 0.05, epsilon: 0.01, rng: createRng(4) });
    expect(big.labeledLossAfter).toBeLessThan(big.labeledLossBefore);
  });

  it('v is the mean softmax-minus-one-hot of the shifted labeled logits', () => {
    const C = 3;
    const logits = Float32Array.from([2, 0, 0, 0, 1, 0]);
    const labels = Uint8Array.from([0, 2]);
    const shift = Float64Array.from([1, 0, 0]);
    const { v, loss } = labeledGradient(logits, labels, C, shift);
    const sm = (z: number[]) => {
      const e = z.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / s);
    };
    const p0 = sm([1, 0, 0]);
    const p1 = sm([-1, 1, 0]);
    expect(v[0]).toBeCloseTo((p0[0]! - 1 + p1[0]!) / 2, 10);
    expect(v[2]).toBeCloseTo((p0[2]! + p1[2]! - 1) / 2, 10);
    expect(loss).toBeCloseTo((-Math.log(p0[0]!) - Math.log(p1[2]!)) / 2, 10);
  });

  it('masked rows are picked only after every positive gain is gone; picks are unique', () => {
    const input = toy(5);
    const r = retrieveGreedy(input, { budget: 50, eta: 0.01, epsilon: 0, rng: createRng(1) });
    expect(new Set(r.picks).size).toBe(50);
    const firstMasked = Array.from(r.picks).findIndex((j) => input.mask[j] === 0);
    if (firstMasked >= 0) expect(r.gains[firstMasked]).toBeLessThanOrEqual(0);
    for (let t = 0; t < 50; t++) if (r.gains[t]! > 0) expect(input.mask[r.picks[t]!]).toBe(1);
  });

  it('same seed, same selection; another seed, another one', () => {
    const input = toy(6, 500);
    const a = retrieveGreedy(input, { budget: 50, eta: 0.01, epsilon: 0.01, rng: createRng(9) });
    const b = retrieveGreedy(input, { budget: 50, eta: 0.01, epsilon: 0.01, rng: createRng(9) });
    const c = retrieveGreedy(input, { budget: 50, eta: 0.01, epsilon: 0.01, rng: createRng(10) });
    expect(Array.from(a.picks)).toEqual(Array.from(b.picks));
    expect(Array.from(a.picks)).not.toEqual(Array.from(c.picks));
  });

  it('lastLayer mode: gain = m_j·(g_j ⊗ h̃_j)·V, the step lowers the loss to first order, d = 0 equals logits', () => {
    const input = toy(8, 120, 20, 3);
    const C = 3;
    const d = 4;
    const rng = createRng(8);
    const pool = Float32Array.from({ length: 120 * d }, () => rng.next());
    const labeled = Float32Array.from({ length: 20 * d }, () => rng.next());
    const withF = { ...input, features: { pool, labeled, dim: d } };
    const eta = 1e-4;
    const r = retrieveGreedy(withF, { budget: 1, eta, epsilon: 0, rng: createRng(1) });
    // Brute force: materialise V = mean_i r_i ⊗ [h_i; 1] and every G_j = g_j ⊗ [h_j; 1].
    const V = new Array<number>(C * (d + 1)).fill(0);
    for (let i = 0; i < 20; i++) {
      const z = Array.from(input.labeledLogits.subarray(i * C, (i + 1) * C));
      const e = z.map((v) => Math.exp(v - Math.max(...z)));
      const sum = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < C; c++) {
        const rc = e[c]! / sum - (c === input.labeledLabels[i] ? 1 : 0);
        for (let t = 0; t <= d; t++) V[c * (d + 1) + t]! += (rc * (t === d ? 1 : labeled[i * d + t]!)) / 20;
      }
    }
    const gains = Array.from({ length: 120 }, (_, j) => {
      let g = 0;
      for (let c = 0; c < C; c++)
        for (let t = 0; t <= d; t++)
          g += input.grads[j * C + c]! * (t === d ? 1 : pool[j * d + t]!) * V[c * (d + 1) + t]!;
      return input.mask[j]! * g;
    });
    const best = gains.indexOf(Math.max(...gains));
    expect(r.picks[0]).toBe(best);
    expect(r.gains[0]).toBeCloseTo(gains[best]!, 6);
    expect(r.labeledLossAfter).toBeLessThan(r.labeledLossBefore);
    expect(Math.abs(r.labeledLossAfter - (r.labeledLossBefore - eta * gains[best]!))).toBeLessThan(1e-6);
    const zeroDim = {
      ...input,
      features: { pool: new Float32Array(0), labeled: new Float32Array(0), dim: 0 },
    };
    const a = retrieveGreedy(zeroDim, { budget: 30, eta: 0.05, epsilon: 0.01, rng: createRng(2) });
    const b = retrieveGreedy(input, { budget: 30, eta: 0.05, epsilon: 0.01, rng: createRng(2) });
    expect(Array.from(a.picks)).toEqual(Array.from(b.picks));
  });

  it('stops on abort', () => {
    const input = toy(7, 2000);
    expect(() =>
      retrieveGreedy(input, {
        budget: 500,
        eta: 0.01,
        epsilon: 0,
        rng: createRng(1),
        signal: { aborted: true },
      }),
    ).toThrow('cancelled');
  });
});

describe('RETRIEVE in the registry', () => {
  it('is an in-training method that the pre-training path refuses with a pointer to ssl and compare', () => {
    const m = getMethod('retrieve');
    expect(m.kind).toBe('in-training');
    expect(m.setting).toBe('semi-supervised');
    expect(() => assertPreTraining(m)).toThrow(InTrainingMethodError);
    expect(() => assertPreTraining(m)).toThrow(/cli -- ssl/);
    expect(() => assertPreTraining(m)).toThrow(/compare --methods random,retrieve/);
    expect(() => assertPreTraining(getMethod('random'))).not.toThrow();
  });

  it('maps its schema to the loop config and back', () => {
    const c = retrieveConfigOf(defaultParams(retrieveMethod.params));
    expect(c).toEqual({
      algorithm: 'fixmatch',
      roundsEvery: 5,
      warmStart: 0,
      epsilon: 0.01,
      gradients: 'logits',
    });
    const changed = { ...c, algorithm: 'vat' as const, gradients: 'lastLayer' as const, roundsEvery: 3 };
    expect(retrieveConfigOf(retrieveParamsOf(changed))).toEqual(changed);
  });
});

describe('RETRIEVE run', () => {
  const none = { labels: new Uint8Array(0) } as unknown as Dataset;
  const fakeRun: RetrieveRun = {
    labeledSize: 40,
    unlabeledSize: 500,
    oodInPool: 100,
    epochs: [
      { epoch: 0, testAccuracy: 0.5, steps: 4 },
      { epoch: 1, testAccuracy: 0.6, steps: 4 },
    ],
    rounds: [
      { round: 0, epoch: 0, size: 50, oodShare: 0.3 },
      { round: 1, epoch: 1, size: 50, oodShare: 0.1 },
    ],
    metrics: {
      accuracy: 0.6,
      perClassAccuracy: [0.6],
      worstClassAccuracy: 0.6,
      balancedAccuracy: 0.6,
      macroF1: 0.6,
      confusion: [[6]],
    },
    timings: { trainingMs: 10, selectionMs: 3, evaluationMs: 1 },
    note: 'the 20% label noise is not applied (the pool is unlabeled)',
  };

  it("hands its params to the semi-supervised trainer and reports the run in a cell's columns", async () => {
    const asked: unknown[] = [];
    const out = await retrieveMethod.run(
      { train: none, test: none },
      { ...defaultParams(retrieveMethod.params), 'rounds-every': 1 },
      {
        fraction: 0.1,
        seed: 1,
        onProgress: () => {},
        signal: { aborted: false },
        trainers: {
          retrieve: (config, run) => {
            asked.push({ config, fraction: run.fraction });
            return Promise.resolve(fakeRun);
          },
        },
      },
    );
    expect(asked).toEqual([
      {
        config: { algorithm: 'fixmatch', roundsEvery: 1, warmStart: 0, epsilon: 0.01, gradients: 'logits' },
        fraction: 0.1,
      },
    ]);
    expect(out).toMatchObject({
      poolSize: 500,
      keptSize: 50,
      oodKept: 5,
      oodTotal: 100,
      steps: 8,
      trainingMs: 10,
      selectionMs: 3,
      evaluationMs: 1,
    });
    expect(out.kept).toBeUndefined(); // pool rows are not training rows
    expect(out.metrics.accuracy).toBe(0.6);
    expect(out.setting).toBe(
      'semi-supervised (fixmatch): 40 labeled + 500 unlabeled (100 OOD); 50 pool rows re-selected every 1 epochs; 2 epochs over them, 8 steps; the 20% label noise is not applied (the pool is unlabeled)',
    );
    expect(out.diagnostics.map((d) => d.kind)).toEqual(['curves', 'table']);
  });

  it('names the missing loop outside ml', async () => {
    const ctx = { fraction: 0.1, seed: 1, onProgress: () => {}, signal: { aborted: false }, trainers: {} };
    await expect(
      retrieveMethod.run({ train: none, test: none }, defaultParams(retrieveMethod.params), ctx),
    ).rejects.toThrow(MissingTrainerError);
  });
});
