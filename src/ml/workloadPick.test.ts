import { describe, expect, it } from 'vitest';
import { describeWorkloadProbes, pickForWorkload, workloadName, type WorkloadProbe } from './workloadPick';

describe('backend pick per workload', () => {
  const probes: WorkloadProbe[] = [
    { name: 'webgpu', msPerStep: 10.5 },
    { name: 'wasm', msPerStep: 10 },
    { name: 'webgl', msPerStep: 4 },
    { name: 'cpu', error: 'over 4 s' },
  ];

  it('takes the fastest step, not the fastest matMul', () => {
    expect(pickForWorkload(probes, false)?.name).toBe('webgl');
    expect(pickForWorkload(probes.slice(0, 2), false)?.name).toBe('wasm');
  });

  it('keeps hardware WebGPU within 10 % of the fastest, not beyond', () => {
    expect(pickForWorkload(probes.slice(0, 2), true)?.name).toBe('webgpu');
    expect(pickForWorkload(probes, true)?.name).toBe('webgl');
    expect(
      pickForWorkload(
        [
          { name: 'webgpu', msPerStep: 11.2 },
          { name: 'wasm', msPerStep: 10 },
        ],
        true,
      )?.name,
    ).toBe('wasm');
  });

  it('ignores failed and non-finite figures; nothing measured is no pick', () => {
    expect(
      pickForWorkload(
        [
          { name: 'cpu', msPerStep: Infinity },
          { name: 'wasm', msPerStep: 3 },
        ],
        false,
      )?.name,
    ).toBe('wasm');
    expect(pickForWorkload([{ name: 'cpu', error: 'failed to start' }], false)).toBeUndefined();
  });

  it('names the workload and the figures for the header', () => {
    expect(workloadName('mlp', [28, 28, 1])).toBe('mlp on 28×28×1');
    expect(describeWorkloadProbes(probes)).toBe('webgpu 10.5, wasm 10.0, webgl 4.0, cpu ✗ (over 4 s)');
  });
});
