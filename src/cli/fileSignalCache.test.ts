import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifiedSignalCache, type CachedSignal } from '../ml/signalCache';
import { decodeSignal, encodeSignal, fileSignalCache, hashKey } from './fileSignalCache';

const run: CachedSignal = {
  kind: 'run',
  run: {
    record: {
      n: 3,
      epochs: 2,
      correct: Uint8Array.from([1, 0, 1, 1, 1, 0]),
      trueProb: Float32Array.from([0.9, 0.2, 0.7, 0.95, 0.8, 0.1]),
      margin: Float32Array.from([0.8, -0.5, 0.4, 0.9, 0.6, -0.7]),
      loss: Float32Array.from([0.1, 1.6, 0.36, 0.05, 0.22, 2.3]),
      el2n: Float32Array.from([0.1, 0.9, 0.3, 0.05, 0.2, 0.95]),
      grand: Float32Array.from([0.2, 1.9, 0.6, 0.1, 0.4, 1.8]),
    },
    weights: [{ shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }],
    inputGrads: false,
    epochs: [{ epoch: 0, loss: 1, accuracy: 0.5, ms: 3 }],
    trainMs: 10,
    recordMs: 2,
  },
};

describe('file signal cache', () => {
  it('round-trips typed arrays exactly, misses on other keys, throws on damaged files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-sig-'));
    try {
      const cache = fileSignalCache(dir);
      expect(await cache.get('k')).toBeUndefined();
      await cache.set('k', run);
      expect(readdirSync(dir)).toEqual([`${hashKey('k')}.bin`]);
      const back = await cache.get('k');
      expect(back).toEqual(run);
      if (back?.kind !== 'run') throw new Error('kind lost');
      expect(back.run.record.trueProb).toBeInstanceOf(Float32Array);
      expect(back.run.record.correct).toBeInstanceOf(Uint8Array);
      expect(await cache.get('other')).toBeUndefined();
      writeFileSync(join(dir, `${hashKey('k')}.bin`), encodeSignal('k', run).subarray(0, 40));
      await expect(cache.get('k')).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps embeddings whose arrays start at odd offsets', () => {
    const emb: CachedSignal = {
      kind: 'embeddings',
      embeddings: { data: Float32Array.from([0.5, -1, 2, 3]), dim: 2, source: 'x' },
    };
    expect(decodeSignal(encodeSignal('a key with ünïcode', emb))).toEqual({
      key: 'a key with ünïcode',
      value: emb,
    });
  });

  it('a corrupted payload (one flipped byte, or a truncated file) is reported, dropped and never used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-sig-'));
    try {
      const reports: string[] = [];
      const cache = verifiedSignalCache(fileSignalCache(dir), (key, why) => reports.push(`${key}: ${why}`));
      await cache.set('k', run);
      expect(await cache.get('k')).toEqual({ ...run, checksum: expect.stringMatching(/^[0-9a-f]{16}$/) });
      const file = join(dir, `${hashKey('k')}.bin`);
      const bytes = readFileSync(file);
      bytes[bytes.length - 3]! ^= 0x40; // inside the last weight's float
      writeFileSync(file, bytes);
      expect(await cache.get('k')).toBeUndefined();
      expect(reports).toEqual([
        expect.stringMatching(/^k: checksum [0-9a-f]{16} does not match the stored [0-9a-f]{16}$/),
      ]);
      expect(existsSync(file)).toBe(false);
      await cache.set('k', run);
      writeFileSync(file, readFileSync(file).subarray(0, 100));
      expect(await cache.get('k')).toBeUndefined();
      expect(reports[1]).toMatch(/^k: unreadable/);
      expect(existsSync(file)).toBe(false);
      // An entry written without a checksum (an older version) is not trusted either.
      writeFileSync(file, encodeSignal('k', run));
      expect(await cache.get('k')).toBeUndefined();
      expect(reports[2]).toBe('k: no checksum');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
