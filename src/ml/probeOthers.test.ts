import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { wasmDir } from '../cli/nodeBackend';
import { initBackend, type BackendProbe, type ProbeCache } from './backend';
import { probeOthers } from './probeOthers';

function memoryCache(): ProbeCache & { saved: Map<string, BackendProbe[]> } {
  const saved = new Map<string, BackendProbe[]>();
  return { saved, get: async (k) => saved.get(k), set: async (k, v) => void saved.set(k, v) };
}

describe('deferred backend start', () => {
  it('starts on wasm alone, then measures the others when asked, caches them and picks the fastest', async () => {
    const cache = memoryCache();
    const start = await initBackend({ wasmPaths: wasmDir(), probeCache: cache, defer: true });
    // No WebGPU in Node: wasm is the likeliest; webgl and cpu wait.
    expect(start.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(start.probes?.map((p) => p.name)).toEqual(['wasm']);
    expect(start.pending).toEqual(['webgl', 'cpu']);
    expect(start.reason).toMatch(/^likeliest fastest .*; webgl, cpu measured once the worker is idle$/);
    expect(start.probeCached).toBe(false);
    // Its own figure is kept: the next deferred start reads it instead of measuring again.
    expect([...cache.saved.values()]).toEqual([[{ name: 'wasm', gflops: start.gflops }]]);
    const soon = await initBackend({ wasmPaths: wasmDir(), probeCache: cache, defer: true });
    expect(soon.name).toBe('wasm');
    expect(soon.gflops).toBe(start.gflops);
    expect(soon.probeCached).toBe(true);
    expect(soon.pending).toEqual(['webgl', 'cpu']);
    const full = await probeOthers(start, { wasmPaths: wasmDir(), probeCache: cache });
    expect(full?.measuredLater).toBe(true);
    expect(full?.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    // In the policy's order, as the header shows them; webgl has no context in Node.
    expect(full?.probes?.map((p) => p.name)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(full?.probes?.find((p) => p.name === 'webgl')?.error).toBe('failed to start');
    expect(full?.reason).toMatch(/^fastest measured here \(GFLOP\/s: webgl ✗, wasm [\d.]+, cpu [\d.]+\)$/);
    expect(cache.saved.size).toBe(1);
    // The next start reads them: nothing pending, nothing measured again.
    const again = await initBackend({ wasmPaths: wasmDir(), probeCache: cache, defer: true });
    expect(again.probeCached).toBe(true);
    expect(again.pending).toBeUndefined();
  }, 60_000);

  it('stops between backends when asked: back on the start backend, only its own figure cached', async () => {
    const cache = memoryCache();
    const start = await initBackend({ wasmPaths: wasmDir(), probeCache: cache, defer: true });
    let asked = 0;
    const stopped = await probeOthers(start, {
      wasmPaths: wasmDir(),
      probeCache: cache,
      stop: () => ++asked > 1,
    });
    expect(stopped).toBeUndefined();
    expect(asked).toBe(2);
    expect(tf.getBackend()).toBe('wasm');
    expect([...cache.saved.values()]).toEqual([[{ name: 'wasm', gflops: start.gflops }]]);
  }, 60_000);

  it('a forced backend is not deferred: nothing pending', async () => {
    const forced = await initBackend({ override: 'cpu', wasmPaths: wasmDir(), defer: true });
    expect(forced.name).toBe('cpu');
    expect(forced.pending).toBeUndefined();
  });
});
