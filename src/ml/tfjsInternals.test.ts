/**
 * The wasm kernels (heap Adam, Conv2DBackpropFilter, MaxPoolGrad) reach into the tfjs wasm
 * backend's internals: its WebAssembly memory (`backend.wasm.asm.memory`) and
 * `typedArrayFromHeap`. Those are not public API, so the tfjs packages are pinned to one exact
 * version in package.json; this test fails loudly when an upgrade moves them (the code itself
 * would silently fall back to slower paths).
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { useBackend } from '../test/tf';
import { createAdam } from './adam';

const PINNED = '4.22.0';

interface Internals {
  wasm?: { asm?: { memory?: unknown } };
  typedArrayFromHeap?: unknown;
  epsilon?: unknown;
}

describe('tfjs internals the wasm kernels rely on', () => {
  it('package.json pins every tfjs package to one exact version, and that version is installed', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const tfjs = Object.entries(pkg.dependencies).filter(([name]) => name.startsWith('@tensorflow/'));
    expect(tfjs.length).toBeGreaterThanOrEqual(3);
    for (const [name, range] of tfjs) {
      expect(range, `${name} must be pinned exactly`).toBe(PINNED);
      const installed = (
        JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }
      ).version;
      expect(installed, `${name} installed`).toBe(PINNED);
    }
    expect(tf.version.tfjs).toBe(PINNED);
  });

  it('the wasm backend exposes its heap memory and typedArrayFromHeap, and heap Adam binds to it', async () => {
    await useBackend('wasm');
    const backend = tf.backend() as unknown as Internals;
    expect(backend.wasm?.asm?.memory, 'backend.wasm.asm.memory').toBeInstanceOf(WebAssembly.Memory);
    expect(typeof backend.typedArrayFromHeap, 'backend.typedArrayFromHeap').toBe('function');
    expect(typeof backend.epsilon, 'backend.epsilon').toBe('function');
    const t = tf.tensor1d([1, 2, 3]);
    const view = (backend.typedArrayFromHeap as (t: tf.TensorInfo) => Float32Array)(t);
    expect(Array.from(view)).toEqual([1, 2, 3]);
    const v = tf.variable(tf.zeros([4]), true, `internals_${Math.random()}`);
    const opt = createAdam(0.01, [v]);
    expect(opt.kind, 'heap Adam must bind to the wasm memory').toBe('heap');
    opt.dispose();
    tf.dispose([t, v]);
  });
});
