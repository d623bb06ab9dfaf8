import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../test/tf';
import { readFileSync } from 'node:fs';
import { MODULES, compileKernels, kernelsSource } from '../../scripts/build-wasm';
import { createAdam, setHeapAdamEnabled } from './adam';
import { HEAP_KERNELS_WASM } from './wasm/heapKernels';

afterEach(() => setHeapAdamEnabled(true));

/** Runs `steps` Adam steps on fixed gradients; returns the final values. */
async function run(
  heap: boolean,
  steps: number,
  sizes: number[],
): Promise<{ kind: string; values: number[][] }> {
  setHeapAdamEnabled(heap);
  const vars = sizes.map((n, i) =>
    tf.variable(tf.linspace(-1, 1, n).mul(i + 1), true, `adam_test_${heap}_${i}_${Math.random()}`),
  );
  const opt = createAdam(0.01, vars);
  let before = 0;
  for (let s = 0; s < steps; s++) {
    // tf.train.adam creates its moments on the first step; nothing may grow after that.
    if (s === 1) before = tf.memory().numTensors;
    tf.tidy(() => {
      // Gradients that change sign and size from step to step.
      const grads = vars.map((v, i) => tf.sin(tf.add(tf.mul(v, 3 + i), s)));
      opt.apply(grads);
    });
  }
  expect(tf.memory().numTensors).toBe(before);
  const values = await Promise.all(vars.map(async (v) => Array.from(await v.data())));
  opt.dispose();
  tf.dispose(vars);
  return { kind: opt.kind, values };
}

describe('Adam', () => {
  it('the committed heap-kernel bytes are what heapKernels.wat compiles to', async () => {
    const bytes = await compileKernels(MODULES.heap);
    expect(Array.from(HEAP_KERNELS_WASM)).toEqual(Array.from(bytes));
    expect(readFileSync(MODULES.heap.ts, 'utf8')).toBe(kernelsSource(bytes, MODULES.heap));
  });

  it('the wasm heap kernel takes the same steps as tf.train.adam (odd sizes: vector and scalar tails)', async () => {
    await useBackend('wasm');
    const sizes = [7, 1, 130];
    const heap = await run(true, 25, sizes);
    const ref = await run(false, 25, sizes);
    expect(heap.kind).toBe('heap');
    expect(ref.kind).toBe('tfjs');
    for (const [i, vals] of heap.values.entries()) {
      for (let j = 0; j < vals.length; j++)
        expect(Math.abs(vals[j]! - ref.values[i]![j]!)).toBeLessThan(1e-5);
    }
    // It moved: 25 steps of lr 0.01 against the gradients.
    expect(Math.abs(heap.values[2]![0]! - -1)).toBeGreaterThan(0.05);
    await useBackend('cpu');
  });

  it('is tf.train.adam on other backends, and skips variables without a gradient', async () => {
    await useBackend('cpu');
    const a = tf.variable(tf.tensor1d([1, 2]), true, `adam_skip_a_${Math.random()}`);
    const b = tf.variable(tf.tensor1d([3]), true, `adam_skip_b_${Math.random()}`);
    const opt = createAdam(0.1, [a, b]);
    expect(opt.kind).toBe('tfjs');
    tf.tidy(() => opt.apply([tf.tensor1d([1, -1]), undefined]));
    expect(Array.from(await b.data())).toEqual([3]);
    const av = Array.from(await a.data());
    expect(av[0]).toBeCloseTo(0.9, 4);
    expect(av[1]).toBeCloseTo(2.1, 4);
    opt.dispose();
    tf.dispose([a, b]);
  });
});
