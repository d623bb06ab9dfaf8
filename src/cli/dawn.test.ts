import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { installDawn } from './dawn';

describe('WebGPU in Node through Dawn', () => {
  it('puts navigator.gpu in place and registers tfjs’s webgpu backend behind it', async () => {
    const dawn = await installDawn();
    expect(dawn).toMatchObject({ ok: true, runtime: expect.stringMatching(/Dawn from webgpu \d/) as string });
    expect(typeof (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBe('object');
    expect(tf.findBackendFactory('webgpu')).toBeTypeOf('function');
    // A second call reuses the first install.
    expect(await installDawn()).toBe(dawn);
  });

  it('trains on the adapter when Vulkan finds one, and says no cleanly when it does not', async () => {
    await installDawn();
    const gpu = (globalThis as unknown as { navigator: { gpu: { requestAdapter(): Promise<unknown> } } })
      .navigator.gpu;
    const adapter = await gpu.requestAdapter();
    const ok = await tf.setBackend('webgpu').catch(() => false);
    expect(ok).toBe(adapter !== null);
    if (!ok) return;
    const y = tf.matMul(tf.ones([4, 3]), tf.ones([3, 2]));
    expect(Array.from(await y.data())).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
  });
});
