/** Fetches IDX assets in the worker, with byte progress for the loading bar. */
import type { AssetLoader, AssetName } from '../../core/data/sources';

export function fetchAssetLoader(
  base: string,
  onBytes?: (name: AssetName, loaded: number, total: number) => void,
): AssetLoader {
  return async (name) => {
    const res = await fetchOnceMore(`${base}data/${name}`);
    if (!res.ok)
      throw new Error(
        `could not load ${name}: HTTP ${res.status} (run npm install to build the data assets)`,
      );
    const total = Number(res.headers.get('content-length') ?? 0);
    // Without a progress listener, one native read: no chunk loop on the worker's thread.
    if (!onBytes || !res.body) return new Uint8Array(await res.arrayBuffer());
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      onBytes?.(name, loaded, total);
    }
    const out = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  };
}

/**
 * fetch, tried a second time after a network failure ("Failed to fetch": a dropped connection,
 * a dev server that turned a request away while busy); HTTP errors are answers and are not
 * retried, and a second failure is the caller's error as before.
 */
export async function fetchOnceMore(url: string, wait = 500, get: typeof fetch = fetch): Promise<Response> {
  try {
    return await get(url);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    await new Promise((r) => setTimeout(r, wait));
    return get(url);
  }
}
