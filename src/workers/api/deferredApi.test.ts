import { describe, expect, it } from 'vitest';
import { deferredApi } from './deferredApi';

function target() {
  const calls: string[] = [];
  return {
    calls,
    add(a: number, b: number): number {
      calls.push(`add ${a} ${b}`);
      return a + b;
    },
    async later(x: string): Promise<string> {
      calls.push(`later ${x}`);
      return x.toUpperCase();
    },
    size(): number {
      return this.calls.length;
    },
  };
}

describe('deferredApi: calls before the object exists', () => {
  it('run in the order they came, with their arguments and `this`, once it is there', async () => {
    let resolve: (t: ReturnType<typeof target>) => void = () => {};
    const api = deferredApi(new Promise<ReturnType<typeof target>>((r) => (resolve = r)), {
      calls: true,
      add: true,
      later: true,
      size: true,
    });
    const a = api.add(2, 3);
    const b = api.later('x');
    const c = api.size();
    const t = target();
    expect(t.calls).toEqual([]);
    resolve(t);
    expect(await a).toBe(5);
    expect(await b).toBe('X');
    expect(await c).toBe(2);
    expect(t.calls).toEqual(['add 2 3', 'later x']);
  });

  it('fail with the loading error when the object never comes', async () => {
    const later = Promise.reject(new Error('chunk failed to load'));
    const api = deferredApi<{ f(): number }>(later, { f: true });
    await expect(api.f()).rejects.toThrow('chunk failed to load');
  });

  it('say which name is not a method', async () => {
    const api = deferredApi<{ n: number }>(Promise.resolve({ n: 1 }), { n: true });
    // @ts-expect-error: `n` is not a method, so its deferred form is `never`
    await expect(api.n()).rejects.toThrow('n is not a method of the deferred object');
  });
});
