/**
 * A job that was using the WebGPU device when it was lost fails with an AbortError from the
 * browser (a failed buffer readback), which would read as a user's Cancel. This wrapper turns
 * that into the real reason. device.lost can settle after the failed readback, so a failing
 * job waits for it (up to 10 s for a browser abort — a software GPU process busy with queued work is slow to say so —, 150 ms otherwise) before deciding, poking the
 * device meanwhile (`poke`: Dawn settles `lost` only while it processes events).
 */
type Fn = (...args: unknown[]) => unknown;

export function guardDeviceLoss<T extends object>(
  api: T,
  lost: () => string | undefined,
  poke: () => void = () => {},
): T {
  const out: Record<string, unknown> = {};
  const translate = async (e: unknown, before: string | undefined): Promise<never> => {
    // Our own cancel says 'cancelled'; the browser's abort of a GPU readback says something else.
    const browserAbort = e instanceof Error && e.name === 'AbortError' && e.message !== 'cancelled';
    for (let waited = 0; !lost() && waited < (browserAbort ? 10_000 : 150); waited += 50) {
      poke();
      await new Promise((r) => setTimeout(r, 50));
    }
    const why = lost();
    if (why && why !== before)
      throw new Error(`${why} during this job; the workbench switched to another backend: retry it`);
    throw e;
  };
  for (const [key, value] of Object.entries(api)) {
    if (typeof value !== 'function') {
      out[key] = value;
      continue;
    }
    const fn = value as Fn;
    out[key] = (...args: unknown[]) => {
      const before = lost();
      const result = fn.apply(out, args);
      return result instanceof Promise ? result.catch((e: unknown) => translate(e, before)) : result;
    };
  }
  return out as T;
}
