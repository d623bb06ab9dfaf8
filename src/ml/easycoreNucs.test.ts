import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import { nodeSplitProvider } from '../cli/nodeData';
import type { CurvesDiagnostic, ScatterDiagnostic } from '../core/methods/diagnostics';
import { aign } from '../core/signals/scores';
import { runSelection } from './pipeline';
import { computeSignals } from './signals';

const base: ExperimentSpec = { ...DEFAULT_SPEC, trainSize: 600, epochs: 2, fraction: 0.2, seed: 4 };

describe('EasyCore and NUCS through the pipeline (real MNIST signals)', () => {
  it('EasyCore gets a record with input gradients and keeps the lowest AIGN per class', async () => {
    await useBackend('wasm');
    const spec = validateSpec({ ...base, method: 'easycore', params: {} });
    const data = await prepareData(spec, nodeSplitProvider());
    const before = tf.memory().numTensors;
    const { selection } = await runSelection(data, spec);
    expect(tf.memory().numTensors).toBe(before);
    expect(selection.indices.length).toBe(120);
    const signals = await computeSignals(
      ['inputGradNorms'],
      data,
      spec,
      () => {},
      new AbortController().signal,
    );
    const scores = aign(signals.record!);
    expect(scores.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    expect(Array.from(selection.scores!)).toEqual(Array.from(scores));
    const scatter = selection.diagnostics.find((d) => d.kind === 'scatter') as ScatterDiagnostic;
    expect(scatter.x.length).toBe(600);
    // Kept rows have lower AIGN on average than pruned ones.
    const kept = new Set(selection.indices);
    const mean = (f: (r: number) => boolean) => {
      const v = Array.from(scores).filter((_, r) => f(r));
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    expect(mean((r) => kept.has(r))).toBeLessThan(mean((r) => !kept.has(r)));
  }, 60_000);

  it('NUCS on imbalanced MNIST: ridge window search over the grid, budgets sum to k', async () => {
    await useBackend('wasm');
    const spec = validateSpec({
      ...base,
      trainSize: 1000,
      corruption: { ...base.corruption, imbalance: 10 },
      method: 'nucs',
      params: {},
    });
    const data = await prepareData(spec, nodeSplitProvider());
    const { selection } = await runSelection(data, spec);
    const n = data.train.labels.length;
    expect(selection.indices.length).toBe(Math.round(0.2 * n));
    const curve = selection.diagnostics.find((d) => d.kind === 'curves') as CurvesDiagnostic;
    expect(curve.series[0]!.y.length).toBe(11);
    // The proxy is a real classifier: well above chance (10 classes) somewhere on the grid.
    expect(Math.max(...curve.series[0]!.y)).toBeGreaterThan(0.5);
  }, 60_000);
});
