import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { nodeSplitProvider } from '../cli/nodeData';
import { planFromSpec, type ExperimentPlan } from '../core/experiment/plan';
import { recordsCsv } from '../core/experiment/csv';
import { summarize } from '../core/experiment/records';
import { runPlan } from '../core/experiment/runner';
import { DEFAULT_SPEC } from '../core/experiment/spec';
import { createExecutor } from './executor';
import { sslSpecOfCell } from './ssl/trainer';

/** random, SWaST and RETRIEVE side by side: the compare plan the CLI and the Compare panel run. */
const plan: ExperimentPlan = planFromSpec(DEFAULT_SPEC, {
  datasets: [{ dataset: 'mnist', trainSize: 300 }],
  corruptions: [{ ...DEFAULT_SPEC.corruption, ood: 0.2 }],
  methods: [
    { id: 'random' },
    { id: 'swast', params: { every: 1 } },
    { id: 'retrieve', params: { 'rounds-every': 1 } },
  ],
  fractions: [0.2],
  seeds: [1],
  model: 'mlp',
  epochs: 2,
  batchSize: 32,
  learningRate: 0.003,
});

describe('in-training methods through compare', () => {
  it('SWaST and RETRIEVE give rows with accuracy beside random, each naming its setting', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const result = await runPlan(plan, createExecutor(nodeSplitProvider()), { reference: false });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.skipped).toEqual([]);
    const [random, swast, retrieve] = result.records;
    expect(result.records.map((r) => [r.method, r.status, r.error])).toEqual([
      ['random', 'ok', undefined],
      ['swast', 'ok', undefined],
      ['retrieve', 'ok', undefined],
    ]);
    expect(random!.setting).toBeUndefined();
    for (const r of [swast!, retrieve!]) {
      expect(r.accuracy).toBeGreaterThan(0);
      expect(r.accuracy).toBeLessThanOrEqual(1);
      expect(r.macroF1).toBeGreaterThanOrEqual(0);
      expect(r.steps).toBeGreaterThan(0);
      expect(r.trainingMs).toBeGreaterThan(0);
      expect(r.trainBudget).toBe('epochs');
    }
    // SWaST keeps training rows: the OOD rows it kept are counted against the prepared data's mask.
    expect(swast!.coresetSize).toBe(60);
    expect(swast!.oodTotal).toBe(60);
    expect(swast!.oodKept).toBeGreaterThanOrEqual(0);
    expect(swast!.setting).toMatch(
      /^supervised, in-training: 1 full-data warm-up epoch of 2, then 60 of 300 rows/,
    );
    // RETRIEVE keeps pool rows (10 labels per class + 300 unlabeled, 20% OOD): its own OOD count.
    expect(retrieve!.coresetSize).toBe(60);
    expect(retrieve!.oodTotal).toBe(60);
    expect(retrieve!.setting).toMatch(
      /^semi-supervised \(fixmatch\): 100 labeled \+ 300 unlabeled \(60 OOD\); 60 pool rows/,
    );
    const summary = summarize(result.records);
    expect(summary.map((s) => [s.label, s.setting !== undefined])).toEqual([
      ['random', false],
      ['swast', true],
      ['retrieve', true],
    ]);
    const csv = recordsCsv(result.records).split('\n');
    expect(csv[0]!.split(',').at(-1)).toBe('setting');
    expect(csv[3]).toMatch(/semi-supervised/);
  }, 120_000);

  it('RETRIEVE names why a dataset without an unlabeled pool cannot run it', () => {
    const config = {
      algorithm: 'fixmatch',
      roundsEvery: 1,
      warmStart: 0,
      epsilon: 0.01,
      gradients: 'logits',
    } as const;
    expect(() => sslSpecOfCell({ ...DEFAULT_SPEC, dataset: 'toy' }, config)).toThrow(/mnist or fashion only/);
    expect(
      sslSpecOfCell({ ...DEFAULT_SPEC, dataset: 'fashion', trainSize: 900, seed: 4 }, config),
    ).toMatchObject({
      dataset: 'fashion',
      unlabeled: 900,
      labelsPerClass: 10,
      method: 'retrieve',
      seed: 4,
      testSize: 10000,
    });
  });
});
