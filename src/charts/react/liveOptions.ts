/**
 * Options for charts whose options are fixed at creation, from props that React re-creates on
 * every render: a key that changes only when a non-function option changes (so inline objects do
 * not rebuild the chart), and callbacks that always call the latest prop.
 */
import { useEffect, useMemo, useRef } from 'react';

type Fn = (...args: never[]) => unknown;

/** JSON of the options with functions reduced to their names: equal keys mean an equal chart. */
export function optionsKey(options: object): string {
  return JSON.stringify(options, (_k, v: unknown) => (typeof v === 'function' ? 'ƒ' : v));
}

export function useLiveOptions<O extends object>(options: O): { options: O; key: string } {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const key = optionsKey(options);
  const live = useMemo(() => {
    const out: Record<string, unknown> = Object.fromEntries(Object.entries(options));
    for (const [name, value] of Object.entries(options)) {
      if (typeof value !== 'function') continue;
      out[name] = (...args: never[]) => {
        const current: unknown = Reflect.get(latest.current, name);
        return typeof current === 'function' ? (current as Fn)(...args) : undefined;
      };
    }
    // Same keys and value types as `options`, functions replaced by forwarding wrappers.
    return out as O;
    // `options` is read only when its key changes; that is the point of the key.
  }, [key]);
  return { options: live, key };
}
