/**
 * Keeps the experiment spec in the address bar, so copying the URL shares the setup. Keys that
 * are not part of the spec (backend, test) are preserved.
 */
import { decodeSpecLenient, encodeSpec } from '../core/experiment/urlCodec';
import type { AppStore } from './store';

const KEEP = ['backend', 'test'];

export function startUrlSync(store: AppStore, loc: Location, history: History): () => void {
  const q = new URLSearchParams(loc.search);
  // One bad value costs only its own field: the rest of the link is restored, and the notice
  // names what was left out.
  const { spec, dropped } = decodeSpecLenient(q);
  if (spec) store.setState({ spec });
  if (dropped.length) {
    const what = dropped.map((d) => (d.key ? `"${d.key}" (${d.message})` : d.message)).join('; ');
    store.setState({
      notice: {
        kind: 'error',
        text: spec
          ? `The link's ${what} ${dropped.length > 1 ? 'were' : 'was'} left out; the rest of its setup was restored.`
          : `The link's setup was not used — ${what}`,
      },
    });
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
