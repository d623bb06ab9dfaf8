import { describe, expect, it } from 'vitest';
import type { AdapterProbe } from '../../ml/backend';
import { adapterMemory } from './adapterMemory';
import type { KeyValue } from './idbProbeCache';

function memoryKv(): KeyValue<AdapterProbe> {
  const m = new Map<string, AdapterProbe>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v) };
}

const software: AdapterProbe = { available: true, software: true, description: 'SwiftShader' };
const hardware: AdapterProbe = { available: true, software: false, description: 'NVIDIA' };
const none: AdapterProbe = { available: false, software: false, description: 'no WebGPU adapter' };

function asker(answers: AdapterProbe[]) {
  const probe = async () => {
    probe.calls++;
    return answers[Math.min(probe.calls - 1, answers.length - 1)]!;
  };
  probe.calls = 0;
  return probe;
}

describe('adapterMemory: the last start’s WebGPU adapter', () => {
  it('a software adapter or none is taken from memory on the next start, and asked for once idle', async () => {
    for (const kept of [software, none]) {
      const kv = memoryKv();
      const first = asker([kept]);
      expect(await adapterMemory(kv, first).atStart()).toEqual(kept);
      expect(first.calls).toBe(1);
      const next = asker([hardware]);
      const m = adapterMemory(kv, next);
      expect(await m.atStart()).toEqual(kept);
      expect(next.calls).toBe(0);
      await m.refresh();
      await m.refresh();
      expect(next.calls).toBe(1);
      // The adapter found meanwhile is the one the start after that sees.
      const third = asker([hardware]);
      expect(await adapterMemory(kv, third).atStart()).toEqual(hardware);
      expect(third.calls).toBe(1);
    }
  });

  it('a hardware adapter is asked for at every start (WebGPU needs it), and not again when idle', async () => {
    const kv = memoryKv();
    await adapterMemory(kv, asker([hardware])).atStart();
    const next = asker([hardware]);
    const m = adapterMemory(kv, next);
    expect(await m.atStart()).toEqual(hardware);
    await m.refresh();
    expect(next.calls).toBe(1);
  });

  it('without a place to keep it, every start asks', async () => {
    const probe = asker([software]);
    await adapterMemory(undefined, probe).atStart();
    await adapterMemory(undefined, probe).atStart();
    expect(probe.calls).toBe(2);
  });
});
