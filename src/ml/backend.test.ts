import { describe, expect, it } from 'vitest';
import { wasmDir } from '../cli/nodeBackend';
import { initBackend, pickFastest, type BackendProbe, type ProbeCache } from './backend';

describe('backend policy', () => {
  it('takes the fastest measured backend; hardware WebGPU when at least as fast', () => {
    const probes: BackendProbe[] = [
      { name: 'webgpu', gflops: 19 },
      { name: 'wasm', gflops: 20 },
      { name: 'webgl', gflops: 4 },
      { name: 'cpu', error: 'failed to start' },
    ];
    expect(pickFastest(probes, true)?.name).toBe('webgpu');
    expect(pickFastest(probes, false)?.name).toBe('wasm');
    expect(
      pickFastest(
        [
          { name: 'webgpu', gflops: 5 },
          { name: 'wasm', gflops: 20 },
        ],
        true,
      )?.name,
    ).toBe('wasm');
    expect(pickFastest([{ name: 'cpu', error: 'x' }], false)).toBeUndefined();
  });

  it('measures cpu and wasm here, picks wasm, and reuses the figures from the cache', async () => {
    const saved = new Map<string, BackendProbe[]>();
    let sets = 0;
    const cache: ProbeCache = {
      get: async (k) => saved.get(k),
      set: async (k, v) => {
        sets++;
        saved.set(k, v);
      },
    };
    const first = await initBackend({ wasmPaths: wasmDir(), probeCache: cache });
    expect(first.name).toBe('wasm');
    expect(first.probeCached).toBe(false);
    expect(first.probes?.map((p) => p.name).sort()).toEqual(['cpu', 'wasm', 'webgl']);
    const cpu = first.probes!.find((p) => p.name === 'cpu')!.gflops!;
    expect(first.gflops).toBeGreaterThan(cpu);
    expect(first.reason).toMatch(/fastest measured here/);
    const second = await initBackend({ wasmPaths: wasmDir(), probeCache: cache });
    expect(second.name).toBe('wasm');
    expect(second.probeCached).toBe(true);
    expect(sets).toBe(1);
    // After a lost GPU the worker excludes webgpu; with a cache nothing is measured again.
    const after = await initBackend({
      wasmPaths: wasmDir(),
      probeCache: cache,
      exclude: ['webgpu'],
      after: 'the WebGPU device was lost',
    });
    expect(after.reason).toMatch(/^the WebGPU device was lost; now wasm/);
  }, 60_000);
});
