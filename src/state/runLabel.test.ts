import { describe, expect, it } from 'vitest';
import { runLabel } from './exports';
import type { RunRecord } from './types';

const base: RunRecord = {
  id: 'r1',
  kind: 'coreset',
  dataKey: 'k',
  dataName: 'MNIST',
  model: 'mlp',
  epochs: 3,
  method: 'hypercore',
  fraction: 0.1,
  seed: 1,
  status: 'done',
  startedAt: 0,
  curve: [],
  size: 500,
  requestedSize: 500,
};

describe('run labels', () => {
  it('name the fraction when the method kept what was asked', () => {
    expect(runLabel(base)).toBe('HyperCore 10%');
  });
  it('say "adaptive" when the method chose its own size (HyperCore), not the fraction it ignored', () => {
    expect(runLabel({ ...base, size: 4012 })).toBe('HyperCore adaptive');
    expect(runLabel({ ...base, size: 4012, status: 'running' })).toBe('HyperCore 10%');
  });
});
