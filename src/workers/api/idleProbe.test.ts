import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { wasmDir } from '../../cli/nodeBackend';
import { initBackend, type BackendChoice } from '../../ml/backend';
import { createIdleProbe } from './idleProbe';

const w = { kind: 'mlp' as const, shape: [28, 28, 1], numClasses: 10 };

async function deferredStart() {
  let backend: Promise<BackendChoice> = initBackend({ wasmPaths: wasmDir(), defer: true });
  const published: BackendChoice[] = [];
  let busy = false;
  const idle = createIdleProbe(
    {
      backend: () => backend,
      replaceBackend: (c) => void (backend = Promise.resolve(c)),
      publish: (c) => void published.push(c),
      workload: () => w,
      busy: () => busy,
    },
    { wasmPaths: wasmDir() },
    0,
  );
  return { idle, published, current: () => backend, setBusy: (b: boolean) => (busy = b) };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('idle probe', () => {
  it('measures the pending backends, then the workload, and tells the page each time', async () => {
    const s = await deferredStart();
    expect((await s.current()).pending).toEqual(['webgl', 'cpu']);
    s.idle.schedule();
    await until(() => s.published.length === 2);
    expect(s.published[0]!.measuredLater).toBe(true);
    expect(s.published[0]!.probes?.map((p) => p.name)).toEqual(['webgl', 'wasm', 'cpu']);
    expect((await s.current()).pending).toBeUndefined();
    expect(s.published[1]!.workload?.workload).toBe('mlp on 28×28×1');
    expect(s.idle.pickFor(w)).toBe(s.published[1]);
    // Nothing left to measure: idle again, nothing new.
    s.idle.schedule();
    await new Promise((r) => setTimeout(r, 300));
    expect(s.published).toHaveLength(2);
  }, 60_000);

  it('a job pauses it: back on the start backend, nothing published; it resumes when scheduled', async () => {
    const s = await deferredStart();
    s.idle.schedule();
    await new Promise((r) => setTimeout(r, 10));
    await s.idle.pause();
    expect(tf.getBackend()).toBe('wasm');
    const after = s.published.length;
    s.setBusy(true);
    s.idle.schedule();
    await new Promise((r) => setTimeout(r, 200));
    expect(s.published).toHaveLength(after);
    s.setBusy(false);
    s.idle.schedule();
    await until(() => s.published.some((c) => c.workload));
    expect(s.published.some((c) => c.workload)).toBe(true);
  }, 60_000);
});
