/**
 * Issue "Performance": no tensor growth across 10 consecutive runs. Ten selection + training +
 * evaluation runs through the same pipeline the worker uses (methods that train inside selection
 * included), with tf.memory() read after each: the count must not creep up run after run.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSplitProvider } from '../cli/nodeData';
import { prepareData } from '../core/data/prepare';
import { DEFAULT_SPEC, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import { useBackend } from '../test/tf';
import { runSelection, trainAndEvaluate } from './pipeline';
import { clearSignalMemory } from './signals';

describe('ten consecutive runs', () => {
  beforeAll(() => useBackend('wasm'));

  it('leave the tensor count and bytes where they started', async () => {
    const base: ExperimentSpec = { ...DEFAULT_SPEC, trainSize: 300, epochs: 1, batchSize: 32, fraction: 0.2 };
    const data = await prepareData(base, nodeSplitProvider());
    const methods = [
      'random',
      'el2n',
      'kcenter',
      'hypercore',
      'subzero',
      'nucs',
      'random',
      'el2n',
      'facility-location',
      'easycore',
    ];
    clearSignalMemory();
    const counts: number[] = [];
    const bytes: number[] = [];
    for (const [i, method] of methods.entries()) {
      const spec = validateSpec({ ...base, method, params: {}, seed: 1 + (i % 2) });
      const { selection } = await runSelection(data, spec);
      await trainAndEvaluate(data, spec, selection.indices);
      counts.push(tf.memory().numTensors);
      bytes.push(tf.memory().numBytes);
    }
    // Same count after the first run as after the tenth: nothing accumulates per run.
    expect(new Set(counts).size, `tensor counts per run: ${counts.join(', ')}`).toBe(1);
    expect(new Set(bytes).size, `bytes per run: ${bytes.join(', ')}`).toBe(1);
  }, 240_000);
});
