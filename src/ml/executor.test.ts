import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { nodeSplitProvider } from '../cli/nodeData';
import { planFromSpec, type ExperimentPlan } from '../core/experiment/plan';
import { summarize, type ResultRecord } from '../core/experiment/records';
import { runPlan, type ExperimentExecutor, type PlanProgress } from '../core/experiment/runner';
import { DEFAULT_SPEC } from '../core/experiment/spec';
import { createExecutor } from './executor';
import { clearSignalMemory } from './signals';

const plan: ExperimentPlan = planFromSpec(DEFAULT_SPEC, {
  datasets: [{ dataset: 'mnist', trainSize: 400 }],
  corruptions: [{ ...DEFAULT_SPEC.corruption, noise: 0.2 }],
  methods: [{ id: 'random' }, { id: 'el2n' }, { id: 'no-such-method' }],
  fractions: [0.25],
  seeds: [1, 2],
  epochs: 2,
  batchSize: 32,
  learningRate: 0.003,
});

/** Everything but wall-clock timings. */
function stable(r: ResultRecord) {
  const { signalsMs, selectionMs, trainingMs, evaluationMs, reference, ...rest } = r;
  void [signalsMs, selectionMs, trainingMs, evaluationMs];
  const { trainingMs: refMs, ...ref } = reference ?? { trainingMs: 0 };
  void refMs;
  return { ...rest, reference: ref };
}

/** The real executor, counting how often each entry point runs. */
function counted(inner: ExperimentExecutor) {
  const calls = { reference: 0, cell: 0, release: 0 };
  const ex: ExperimentExecutor = {
    reference: (s, h) => (calls.reference++, inner.reference(s, h)),
    cell: (s, h) => (calls.cell++, inner.cell(s, h)),
    release: (s) => (calls.release++, inner.release?.(s)),
  };
  return { ex, calls };
}

describe('runPlan with the ml executor', () => {
  it('MNIST 400, 20% noise: identical records for identical plans, one reference per seed, no leaks', async () => {
    await useBackend('wasm');
    clearSignalMemory();
    const before = tf.memory().numTensors;
    const { ex, calls } = counted(createExecutor(nodeSplitProvider()));
    const streamed: ResultRecord[] = [];
    const progress: PlanProgress[] = [];
    const a = await runPlan(plan, ex, {
      onRecord: (r) => streamed.push(r),
      onProgress: (p) => progress.push(p),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(calls).toEqual({ reference: 2, cell: 4, release: 2 });
    expect(a.skipped.map((s) => s.id)).toEqual(['no-such-method']);
    expect(a.errors).toEqual([]);
    expect(streamed).toEqual(a.records);
    expect(a.records.map((r) => [r.label, r.fraction, r.seed, r.status])).toEqual([
      ['random', 0.25, 1, 'ok'],
      ['el2n', 0.25, 1, 'ok'],
      ['random', 0.25, 2, 'ok'],
      ['el2n', 0.25, 2, 'ok'],
    ]);
    for (const r of a.records) {
      expect(r.trainSize).toBe(400);
      expect(r.coresetSize).toBe(r.fraction * 400);
      expect(r.noisyTotal).toBe(80);
      expect(r.noisyKept).toBeGreaterThanOrEqual(0);
      // Random coresets learn; EL2N at 25% keeps mostly flipped labels and may fall below chance.
      if (r.method === 'random') expect(r.accuracy).toBeGreaterThan(0.2);
      else expect(r.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.reference!.accuracy).toBeGreaterThan(0.6);
      expect(r.reference?.seed).toBe(r.seed);
      expect(r.trainingMs).toBeGreaterThan(0);
    }
    // EL2N keeps the hardest rows, which is where the flipped labels are.
    const share = (label: string) =>
      summarize(a.records).find((s) => s.label === label && s.fraction === 0.25)!.noisyKeptShare!.mean;
    expect(share('el2n')).toBeGreaterThan(share('random'));
    expect(a.references).toHaveLength(2);
    expect(a.references[0]!.trainSize).toBe(400);
    // Overall progress only grows and ends at 1.
    const overall = progress.map((p) => p.overall);
    expect(overall.every((v, i) => i === 0 || v >= overall[i - 1]! - 1e-9)).toBe(true);
    expect(overall.at(-1)).toBe(1);

    // Again from scratch (signals recomputed): the same records apart from timings.
    clearSignalMemory();
    const b = await runPlan(plan, createExecutor(nodeSplitProvider()));
    expect(b.records.map(stable)).toEqual(a.records.map(stable));
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('a failing group records failed cells and the reference error, and goes on', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    // The CNN needs images or sequences: every training on the toy set throws.
    const bad = planFromSpec(DEFAULT_SPEC, {
      datasets: [{ dataset: 'toy', trainSize: 1000, toy: { shape: 'moons', n: 200, noise: 0.2 } }],
      methods: [{ id: 'random' }],
      fractions: [0.5],
      seeds: [1],
      model: 'cnn',
      epochs: 1,
    });
    const r = await runPlan(bad, createExecutor(nodeSplitProvider()));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/full-data reference .*CNN needs image/);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ status: 'failed', method: 'random' });
    expect(r.records[0]!.error).toMatch(/CNN needs image/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cancel stops the plan with an AbortError and frees every tensor', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const ctrl = new AbortController();
    const records: ResultRecord[] = [];
    const run = runPlan(plan, createExecutor(nodeSplitProvider(), { signal: ctrl.signal }), {
      signal: ctrl.signal,
      onRecord: (r) => {
        records.push(r);
        if (records.length === 2) ctrl.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(records).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
