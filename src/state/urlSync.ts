/**
 * Keeps the experiment spec in the address bar, so copying the URL shares the setup. Keys that
 * are not part of the spec (backend, test) are preserved.
 */
import { decodeSpec, encodeSpec } from '../core/experiment/urlCodec';
import type { AppStore } from './store';

const KEEP = ['backend', 'test'];

export function startUrlSync(store: AppStore, loc: Location, history: History): () => void {
  const q = new URLSearchParams(loc.search);
  try {
    const spec = decodeSpec(q);
    if (spec) store.setState({ spec });
  } catch (e) {
    store.setState({ notice: { kind: 'error', text: `The link's setup was not used — ${(e as Error).message}` } });
  }
  let last = '';
  const write = () => {
    const next = encodeSpec(store.getState().spec, () => new URLSearchParams());
    for (const k of KEEP) {
      const v = q.get(k);
      if (v !== null) next.set(k, v);
    }
    const s = next.toString().replace(/=(?=&|$)/g, '');
    if (s === last) return;
    last = s;
    history.replaceState(null, '', `${loc.pathname}?${s}${loc.hash}`);
  };
  write();
  return store.subscribe((state, prev) => {
    if (state.spec !== prev.spec) write();
  });
}
