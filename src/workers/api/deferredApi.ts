/**
 * An object's methods, callable before the object exists: each call waits for it, then runs.
 * The lab worker's entry answers the page with this while the session (tfjs and its backends,
 * a large chunk) is still loading, so the page's first messages are not lost or reordered:
 * calls run in the order they came, once the session is there.
 */
export type Deferred<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/**
 * `methods` names every method of T (the type checks that none is missing), since the object
 * to read them from does not exist yet. A failed `later` fails every call with its error.
 */
export function deferredApi<T extends object>(
  later: Promise<T>,
  methods: Record<keyof T, true>,
): Deferred<T> {
  const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of Object.keys(methods) as (keyof T & string)[])
    out[name] = async (...args) => {
      const target = await later;
      const fn = target[name];
      if (typeof fn !== 'function') throw new TypeError(`${name} is not a method of the deferred object`);
      return (fn as (...a: unknown[]) => unknown).apply(target, args);
    };
  return out as Deferred<T>;
}
