import { describe, expect, it } from 'vitest';
import { primeOnce } from './codeCache';
import type { KeyValue } from './idbProbeCache';

function memoryMarks(): KeyValue<boolean> & { keys: string[] } {
  const m = new Map<string, boolean>();
  return {
    keys: [],
    async get(k) {
      return m.get(k);
    },
    async set(k, v) {
      this.keys.push(k);
      m.set(k, v);
    },
  };
}

describe('primeOnce: the session chunk is loaded a second time once per build', () => {
  it('starts the primer on the first visit of a build only', async () => {
    const marks = memoryMarks();
    let spawned = 0;
    const spawn = () => void spawned++;
    expect(await primeOnce('https://x/assets/lab.worker-A.js', marks, spawn)).toBe(true);
    expect(await primeOnce('https://x/assets/lab.worker-A.js', marks, spawn)).toBe(false);
    expect(spawned).toBe(1);
    // A new build (its worker has a new name) is primed again.
    expect(await primeOnce('https://x/assets/lab.worker-B.js', marks, spawn)).toBe(true);
    expect(spawned).toBe(2);
    expect(marks.keys).toEqual([
      'code-cache https://x/assets/lab.worker-A.js',
      'code-cache https://x/assets/lab.worker-B.js',
    ]);
  });

  it('does nothing where there is no place to keep the mark', async () => {
    let spawned = 0;
    expect(await primeOnce('u', undefined, () => void spawned++)).toBe(false);
    expect(spawned).toBe(0);
  });

  it('does not start the primer when the mark cannot be kept (it would run every visit)', async () => {
    let spawned = 0;
    const failing: KeyValue<boolean> = {
      get: async () => undefined,
      set: async () => {
        throw new Error('quota');
      },
    };
    await expect(primeOnce('u', failing, () => void spawned++)).rejects.toThrow('quota');
    expect(spawned).toBe(0);
  });
});
