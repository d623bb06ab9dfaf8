/** Fetches IDX assets in the worker, with byte progress for the loading bar. */
import type { AssetLoader, AssetName } from '../../core/data/sources';

type OnBytes = (name: AssetName, loaded: number, total: number) => void;

export function fetchAssetLoader(base: string, onBytes?: OnBytes, get: typeof fetch = fetch): AssetLoader {
  return async (name) => {
    try {
      return await onceMore(() => readAsset(`${base}data/${name}`, name, onBytes, get));
    } catch (e) {
      // The browser says only "Failed to fetch": name the file and say it was tried twice.
      if (e instanceof TypeError)
        throw new Error(`could not load ${name}: the download failed twice (${e.message})`);
      throw e;
    }
  };
}

/** One download of an asset: the request and its whole body. */
async function readAsset(url: string, name: AssetName, onBytes: OnBytes | undefined, get: typeof fetch) {
  const res = await get(url);
  if (!res.ok)
    throw new Error(`could not load ${name}: HTTP ${res.status} (run npm install to build the data assets)`);
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
    onBytes(name, loaded, total);
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * `attempt`, run a second time after a network failure — a TypeError from the request or from
 * reading its body: a dropped connection, or Chromium's ERR_CACHE_WRITE_FAILURE when two tabs
 * download the same large file at once and share one HTTP-cache entry. HTTP errors are answers
 * and are not retried, nor are cancels; a second failure is the caller's error.
 */
export async function onceMore<T>(attempt: () => Promise<T>, wait = 500): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    await new Promise((r) => setTimeout(r, wait));
    return attempt();
  }
}
