import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { wasmDir } from '../cli/nodeBackend';
import { initBackend } from './backend';
import type { WorkloadProbe } from './workloadPick';
import { measureTrainingStep, trainingStepFlops, tuneForWorkload, type WorkloadCache } from './workloadProbe';

describe('workload probe', () => {
  it('times a warm MLP step on the active backend', async () => {
    await initBackend({ override: 'cpu' });
    const ms = await measureTrainingStep({ kind: 'mlp', shape: [28, 28, 1], numClasses: 10 });
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(4000);
    await expect(measureTrainingStep({ kind: 'cnn', shape: [32, 32, 3], numClasses: 10 }, 1)).rejects.toThrow(
      /over 0\.0 s/,
    );
  });

  it('switches to the fastest step, caches it per device and workload, keeps a forced backend', async () => {
    const base = await initBackend({ wasmPaths: wasmDir() });
    expect(base.name).toBe('wasm');
    // Node starts cpu and wasm (webgl has no context here): one timed step each.
    const started = base.probes!.filter((p) => p.gflops !== undefined).length;
    expect(started).toBeGreaterThanOrEqual(2);
    const saved = new Map<string, WorkloadProbe[]>();
    const cache: WorkloadCache = {
      get: async (k) => saved.get(k),
      set: async (k, v) => void saved.set(k, v),
    };
    let measured = 0;
    // A stand-in clock: cpu "wins" the step although wasm won the matMul. Steps of minutes, so
    // the matMul floor (which rests on this machine's measured GFLOP/s) never skips a backend.
    const measure = async () => (
      measured++,
      tf.getBackend() === 'cpu' ? 100_000 : tf.getBackend() === 'wasm' ? 200_000 : 900_000
    );
    const w = { kind: 'mlp' as const, shape: [28, 28, 1], numClasses: 10 };
    const opts = { wasmPaths: wasmDir(), cache, measure };
    const tuned = await tuneForWorkload(base, w, opts);
    expect(tuned.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(tuned.workload).toMatchObject({ workload: 'mlp on 28×28×1', pick: 'cpu', cached: false });
    expect(tuned.reason).toMatch(
      /^fastest training step for mlp on 28×28×1 \(ms\/step, batch 64: .*cpu 100000\.0/,
    );
    expect(measured).toBe(started);
    const again = await tuneForWorkload(base, w, opts);
    expect(again.workload?.cached).toBe(true);
    expect(measured).toBe(started);
    // Another workload is measured on its own.
    await tuneForWorkload(base, { ...w, kind: 'cnn' }, opts);
    expect(measured).toBe(2 * started);
    const forced = await initBackend({ override: 'wasm', wasmPaths: wasmDir() });
    expect(await tuneForWorkload(forced, w, opts)).toBe(forced);
  });
});

describe('workload probe floor', () => {
  it('does not start a backend on a step its matMul rate cannot finish in time', async () => {
    const base = await initBackend({ wasmPaths: wasmDir() });
    const measuredOn: string[] = [];
    const measure = async () => (measuredOn.push(tf.getBackend()), tf.getBackend() === 'wasm' ? 5 : 1);
    // The colour CNN: 11 GFLOP a step; cpu's matMul rate puts it at seconds, not 15 ms.
    const w = { kind: 'cnn' as const, shape: [32, 32, 3], numClasses: 10 };
    const tuned = await tuneForWorkload(base, w, { wasmPaths: wasmDir(), measure });
    expect(measuredOn).toEqual(['wasm']);
    expect(tuned.name).toBe('wasm');
    expect(tuned.workload?.probes.find((p) => p.name === 'cpu')?.error).toMatch(
      /^≥ \d+ ms a step at its matMul rate$/,
    );
  });
});

describe('training step flops', () => {
  it('counts dense and conv layers, three passes, batch 64', () => {
    const mlp = 2 * (784 * 128 + 128 * 10);
    expect(trainingStepFlops({ kind: 'mlp', shape: [28, 28, 1], numClasses: 10 })).toBe(3 * 64 * mlp);
    // conv 3×3×1→16 on 26², conv 3×3×16→32 on 11², dense 800→64, 64→10
    const cnn = 2 * (9 * 1 * 16 * 26 * 26 + 9 * 16 * 32 * 11 * 11 + 800 * 64 + 64 * 10);
    expect(trainingStepFlops({ kind: 'cnn', shape: [28, 28, 1], numClasses: 10 })).toBe(3 * 64 * cnn);
    // The colour CNN: ~58 MFLOP a sample forward.
    const colour = trainingStepFlops({ kind: 'cnn', shape: [32, 32, 3], numClasses: 10 }) / (3 * 64);
    expect(colour).toBeGreaterThan(55e6);
    expect(colour).toBeLessThan(62e6);
  });
});

describe('workload probe for a run and while idle', () => {
  it('cachedOnly trains on the start backend when nothing is cached; stop() cuts the probe short uncached', async () => {
    const base = await initBackend({ wasmPaths: wasmDir() });
    const saved = new Map<string, WorkloadProbe[]>();
    const cache: WorkloadCache = {
      get: async (k) => saved.get(k),
      set: async (k, v) => void saved.set(k, v),
    };
    const w = { kind: 'mlp' as const, shape: [28, 28, 1], numClasses: 10 };
    let measured = 0;
    const measure = async () => (measured++, tf.getBackend() === 'cpu' ? 100_000 : 200_000);
    const opts = { wasmPaths: wasmDir(), cache, measure };
    expect(await tuneForWorkload(base, w, { ...opts, cachedOnly: true })).toBe(base);
    expect(measured).toBe(0);
    // Stopped after the first backend: back on the start's, nothing kept.
    let asked = 0;
    const stopped = await tuneForWorkload(base, w, { ...opts, stop: () => ++asked > 1 });
    expect(stopped).toBe(base);
    expect(measured).toBe(1);
    expect(tf.getBackend()).toBe(base.name);
    expect(saved.size).toBe(0);
    // Measured in full, a run then reads the figures.
    await tuneForWorkload(base, w, opts);
    const run = await tuneForWorkload(base, w, { ...opts, cachedOnly: true });
    expect(run.workload).toMatchObject({ pick: 'cpu', cached: true });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('a stop ends a measured step before its next batch', async () => {
    await initBackend({ override: 'cpu' });
    const t0 = performance.now();
    await expect(
      measureTrainingStep({ kind: 'mlp', shape: [28, 28, 1], numClasses: 10 }, 60_000, () => true),
    ).rejects.toThrow(/^stopped$/);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
