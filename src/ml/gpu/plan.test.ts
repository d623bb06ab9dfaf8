import { describe, expect, it } from 'vitest';
import { MAX_GPU_K, planGram, planKnn, TILE, type GpuLimits } from './plan';

const DEFAULT: GpuLimits = {
  maxStorageBufferBindingSize: 128 * 1024 * 1024,
  maxBufferSize: 256 * 1024 * 1024,
  maxComputeWorkgroupStorageSize: 16384,
  maxComputeWorkgroupsPerDimension: 65535,
};

describe('GPU block plans', () => {
  it('a small Gram is one block of whole rows', () => {
    const p = planGram(1000, 64, DEFAULT);
    expect(p).toMatchObject({ rowBlock: 1000, colBlock: 1000, blocks: 1, chunks: 1 });
  });

  it('a Gram of 5000 rows splits into row blocks within the budget', () => {
    const p = planGram(5000, 64, DEFAULT, 16 * 1024 * 1024);
    expect(p.rowBlock * 5000 * 4).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(p.rowBlock % TILE).toBe(0);
    expect(p.blocks).toBe(Math.ceil(5000 / p.rowBlock));
  });

  it('kNN on 50 000 rows never holds more than the budget per tile or candidate buffer', () => {
    const budget = 64 * 1024 * 1024;
    for (const k of [10, 64, 256]) {
      const p = planKnn(50_000, 512, k, DEFAULT);
      expect(p.rowBlock * p.colBlock * 4).toBeLessThanOrEqual(budget);
      expect(p.rowBlock * p.candidatesPerRow * 4).toBeLessThanOrEqual(budget);
      expect(p.rowBlock).toBeLessThan(50_000);
      expect(p.blocks * p.rowBlock).toBeGreaterThanOrEqual(50_000);
      expect(p.chunks * p.colBlock).toBeGreaterThanOrEqual(50_000);
      expect(p.segsPerChunk * p.segLen).toBeGreaterThanOrEqual(p.colBlock);
      expect(p.candidatesPerRow).toBe(p.segsPerChunk * p.chunks * k);
      expect(Math.ceil((p.rowBlock * p.segsPerChunk) / 64)).toBeLessThanOrEqual(65535);
    }
  });

  it('a device with small buffers gets column chunks', () => {
    const small = { ...DEFAULT, maxStorageBufferBindingSize: 1 << 20 };
    const p = planKnn(20_000, 8, 10, small);
    expect(p.chunks).toBeGreaterThan(1);
    expect(p.colBlock % TILE).toBe(0);
    expect(p.rowBlock * p.colBlock * 4).toBeLessThanOrEqual(1 << 20);
  });

  it('refuses inputs the device cannot hold, with the reason', () => {
    expect(() => planKnn(100_000, 1024, 10, DEFAULT)).toThrow(/exceeds this device's largest storage buffer/);
    expect(() => planGram(10, 4, { ...DEFAULT, maxComputeWorkgroupStorageSize: 4096 })).toThrow(
      /workgroup memory/,
    );
    expect(() => planKnn(100, 4, MAX_GPU_K + 1, DEFAULT)).toThrow(/1 to 256 neighbours/);
    expect(() => planKnn(0, 4, 1, DEFAULT)).toThrow(/at least one row/);
  });
});
