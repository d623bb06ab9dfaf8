/**
 * When selection takes the GPU path (ml/gpu/accelerator.ts), with a fake navigator.gpu: never on
 * a software adapter unless forced, never when off, and a failure on the device turns it off for
 * good with the reason in the run's diagnostics while the CPU computes the blocks.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const LIMITS = {
  maxStorageBufferBindingSize: 1 << 27,
  maxBufferSize: 1 << 28,
  maxComputeWorkgroupStorageSize: 16384,
  maxComputeWorkgroupsPerDimension: 65535,
};

/**
 * A device that fails on its first shader (as a driver reset mid-run would fail a call), or,
 * when `works`, builds kernels and buffers (nothing runs: the tests stop before a submit).
 */
function fakeGpu(description: string, works = false) {
  const device = {
    limits: LIMITS,
    lost: new Promise(() => {}),
    pushErrorScope: () => {},
    popErrorScope: () => Promise.resolve(null),
    createShaderModule: () => {
      if (!works) throw new Error('device is gone');
      return {};
    },
    createComputePipelineAsync: () => Promise.resolve({}),
    createBuffer: () => ({ destroy: () => {} }),
    queue: { writeBuffer: () => {} },
    destroy: () => {},
  };
  const requestDevice = vi.fn(() => Promise.resolve(device));
  const adapter = { info: { vendor: 'test', description }, limits: LIMITS, requestDevice };
  return { gpu: { requestAdapter: () => Promise.resolve(adapter) }, requestDevice };
}

async function load(description: string, works = false) {
  vi.resetModules();
  const fake = fakeGpu(description, works);
  vi.stubGlobal('navigator', { gpu: fake.gpu });
  const mod = await import('./accelerator');
  return { ...mod, requestDevice: fake.requestDevice };
}

afterEach(() => vi.unstubAllGlobals());

const m = { data: new Float32Array(8), rows: 4, dim: 2 };

describe('selection on the GPU', () => {
  it('is not taken on a software adapter unless forced, nor when off', async () => {
    const a = await load('SwiftShader Device (Subzero)');
    expect(await a.selectionAccelerator()).toBeUndefined();
    expect(a.requestDevice).not.toHaveBeenCalled();
    a.setSelectGpuMode('off');
    expect(await a.selectionAccelerator()).toBeUndefined();
    a.setSelectGpuMode('force');
    expect(await a.selectionAccelerator()).toBeDefined();
  });

  it('is taken on a hardware adapter; a failure falls back to the CPU, says why, and sticks', async () => {
    const a = await load('NVIDIA H200');
    const first = await a.selectionAccelerator();
    expect(first?.use.adapter).toBe('hardware (test NVIDIA H200)');
    vi.spyOn(console, 'info').mockImplementation(() => {});
    expect(await first!.accelerator.cosineGram(m, { clip: true })).toBeNull();
    expect(first!.use.fallback).toMatch(/WebGPU similarity failed: device is gone/);
    const table = a.acceleratorDiagnostic(first!.use);
    expect(JSON.stringify(table)).toContain('fell back to the CPU (SIMD)');
    // The next run is told too, and does not touch the device.
    const next = await a.selectionAccelerator();
    expect(await next!.accelerator.knn(m, 2, { metric: 'cosine', includeSelf: false })).toBeNull();
    expect(next!.use.fallback).toBe(first!.use.fallback);
    expect(next!.use.gram + next!.use.knn).toBe(0);
  });

  it('passes a cancel through instead of falling back', async () => {
    const a = await load('NVIDIA H200', true);
    const acc = await a.selectionAccelerator();
    const cancel = new Error('cancelled');
    await expect(
      acc!.accelerator.cosineGram(m, {
        clip: true,
        checkpoint: () => {
          throw cancel;
        },
      }),
    ).rejects.toBe(cancel);
    expect(acc!.use.fallback).toBeUndefined();
  });

  it('says nothing for a run that did not use it', async () => {
    const a = await load('NVIDIA H200');
    const acc = await a.selectionAccelerator();
    expect(a.acceleratorDiagnostic(acc!.use)).toBeNull();
  });
});
