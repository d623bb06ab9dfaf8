/**
 * Chromium keeps a script's compiled code (its V8 code cache) only from the script's second
 * load on: the first load marks it, the second writes the cache, later loads read it. The lab
 * worker's session chunk (tfjs and its backends, ~2.5 MB) is loaded once a visit, so a return
 * visit — its second load — compiled it from scratch: ~1 s of a 2-core machine, most of that
 * visit's wait (issue 21). Once per build, after the backend has started, the worker loads the
 * chunk a second time in a short-lived nested worker, which writes the cache; the next visit
 * reads compiled code. A build is known by the worker's own URL (its name carries a content
 * hash, which changes with the chunk's name).
 */
import type { KeyValue } from './idbProbeCache';

/** The nested worker's name: the worker's entry, started under it, only loads the chunk. */
export const PRIMER_NAME = 'lab-code-cache';
/** How long the primer lives after loading the chunk (the cache is written after it runs). */
export const PRIMER_LIFE_MS = 10_000;

/**
 * Starts the primer (`spawn`) unless this build was primed before (`marks`, per device);
 * true when it did. The mark is set first: a visit closed mid-way leaves Chromium's own
 * second-load rule to write the cache.
 */
export async function primeOnce(
  build: string,
  marks: KeyValue<boolean> | undefined,
  spawn: () => void,
): Promise<boolean> {
  if (!marks) return false;
  const key = `code-cache ${build}`;
  if (await marks.get(key)) return false;
  await marks.set(key, true);
  spawn();
  return true;
}
