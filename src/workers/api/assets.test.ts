import { describe, expect, it } from 'vitest';
import { fetchOnceMore } from './assets';

describe('fetchOnceMore', () => {
  it('tries a second time after a network failure, and only once', async () => {
    let calls = 0;
    const flaky = (() => {
      calls++;
      return calls === 1
        ? Promise.reject(new TypeError('Failed to fetch'))
        : Promise.resolve(new Response('ok'));
    }) as typeof fetch;
    const res = await fetchOnceMore('x', 1, flaky);
    expect(await res.text()).toBe('ok');
    expect(calls).toBe(2);

    calls = 0;
    const down = (() => {
      calls++;
      return Promise.reject(new TypeError('Failed to fetch'));
    }) as typeof fetch;
    await expect(fetchOnceMore('x', 1, down)).rejects.toThrow('Failed to fetch');
    expect(calls).toBe(2);
  });

  it('does not retry an HTTP error or a cancel', async () => {
    let calls = 0;
    const notFound = (() => {
      calls++;
      return Promise.resolve(new Response('', { status: 404 }));
    }) as typeof fetch;
    expect((await fetchOnceMore('x', 1, notFound)).status).toBe(404);
    expect(calls).toBe(1);
    calls = 0;
    const aborted = (() => {
      calls++;
      return Promise.reject(new DOMException('aborted', 'AbortError'));
    }) as typeof fetch;
    await expect(fetchOnceMore('x', 1, aborted)).rejects.toThrow('aborted');
    expect(calls).toBe(1);
  });
});
