import { describe, expect, it } from 'vitest';
import { fetchAssetLoader, onceMore } from './assets';

/** A body that sends `head` and then fails, as a shared cache entry's reader does in Chromium. */
function failingBody(head: Uint8Array): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(head);
    },
    pull(c) {
      c.error(new TypeError('Failed to fetch'));
    },
  });
  return new Response(body, { headers: { 'content-length': '8' } });
}

describe('onceMore', () => {
  it('tries a second time after a network failure, and only once', async () => {
    let calls = 0;
    const flaky = () =>
      ++calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve('ok');
    expect(await onceMore(flaky, 1)).toBe('ok');
    expect(calls).toBe(2);

    calls = 0;
    const down = () => {
      calls++;
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    await expect(onceMore(down, 1)).rejects.toThrow('Failed to fetch');
    expect(calls).toBe(2);
  });

  it('does not retry a cancel or another error', async () => {
    let calls = 0;
    const aborted = () => {
      calls++;
      return Promise.reject(new DOMException('aborted', 'AbortError'));
    };
    await expect(onceMore(aborted, 1)).rejects.toThrow('aborted');
    expect(calls).toBe(1);
  });
});

describe('fetchAssetLoader', () => {
  const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);

  it('downloads again when the body fails half-way, with and without progress', async () => {
    for (const progress of [undefined, () => {}]) {
      let calls = 0;
      const get = (() =>
        Promise.resolve(
          ++calls === 1 ? failingBody(bytes.subarray(0, 4)) : new Response(bytes),
        )) as typeof fetch;
      const load = fetchAssetLoader('/', progress, get);
      expect(Array.from(await load('mnist-train-images.idx'))).toEqual(Array.from(bytes));
      expect(calls).toBe(2);
    }
  });

  it('names the file after a second failure, and does not retry an HTTP error', async () => {
    let calls = 0;
    const broken = (() => {
      calls++;
      return Promise.resolve(failingBody(bytes.subarray(0, 2)));
    }) as typeof fetch;
    await expect(fetchAssetLoader('/', undefined, broken)('mnist-test-images.idx')).rejects.toThrow(
      'could not load mnist-test-images.idx: the download failed twice (Failed to fetch)',
    );
    expect(calls).toBe(2);

    calls = 0;
    const notFound = (() => {
      calls++;
      return Promise.resolve(new Response('', { status: 404 }));
    }) as typeof fetch;
    await expect(fetchAssetLoader('/', undefined, notFound)('mnist-test-labels.idx')).rejects.toThrow(
      'HTTP 404',
    );
    expect(calls).toBe(1);
  });
});
