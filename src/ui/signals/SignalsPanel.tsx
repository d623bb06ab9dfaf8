import { useEffect, useState } from 'react';
import { dataKeyOf } from '../../core/data/prepare';
import { getMethod } from '../../core/methods/registry';
import type { SignalName } from '../../core/signals/types';
import type { CacheWhere, SignalCacheState } from '../../state/types';
import { useApp, useJobs } from '../context';

type RowState = CacheWhere | 'derived' | 'in-run' | 'unknown';

interface Row {
  id: string;
  name: string;
  what: string;
  needed: boolean;
  state: RowState;
}

const STATE_TEXT: Record<RowState, string> = {
  memory: 'cached (memory)',
  stored: 'cached (this browser)',
  none: 'to compute',
  derived: 'one pass over the record',
  'in-run': 'trained in the run',
  unknown: 'unknown',
};

const STATE_TITLE: Record<RowState, string> = {
  memory: 'Computed earlier in this session: the next run reuses it.',
  stored: 'Saved in IndexedDB by an earlier session: the next run reads it instead of training.',
  none: 'Not computed for these settings: the next run that needs it computes it.',
  derived: 'Recomputed from the recorded model in one inference pass (kept in memory only).',
  'in-run': 'Trained inside the method while it selects; not cached.',
  unknown: 'The worker did not answer (it may be restarting); change a setting to ask again.',
};

const UNKNOWN = {
  pixelPca: 'unknown',
  record: 'unknown',
  recordWithInputGrads: 'unknown',
  dropped: [],
} as const;

function rowsFor(
  needs: ReadonlySet<SignalName>,
  source: string,
  cache: SignalCacheState | typeof UNKNOWN | undefined,
  model: string,
  epochs: number,
): Row[] {
  const fromModel = needs.has('lastLayerGrads') || (needs.has('embeddings') && source !== 'pixels');
  const record = needs.has('record') || needs.has('inputGradNorms') || fromModel;
  const rows: Row[] = [
    {
      id: 'pixels',
      name: 'Pixel PCA',
      what: '32-d projection of the inputs; every run draws its 2-D views from it',
      needed: true,
      state: cache?.pixelPca ?? 'none',
    },
    {
      id: 'record',
      name: 'Training dynamics',
      what: `one ${model.toUpperCase()} run of ${epochs} epoch${epochs === 1 ? '' : 's'} with a pass over the data after each (forgetting, EL2N, AUM, …)`,
      needed: record,
      state: cache?.record ?? 'none',
    },
    {
      id: 'inputGrads',
      name: 'Input-gradient norms',
      what: 'the same run recorded with per-sample input gradients',
      needed: needs.has('inputGradNorms'),
      state: cache?.recordWithInputGrads ?? 'none',
    },
    {
      id: 'model',
      name: 'Model embeddings',
      what: 'last-layer gradients or penultimate features of the recorded model',
      needed: fromModel,
      state: 'derived',
    },
  ];
  if (needs.has('hypersphere') || needs.has('ssl'))
    rows.push({
      id: 'inRun',
      name: needs.has('ssl') ? 'Self-supervised model' : 'Hypersphere model',
      what: 'trained while the method selects',
      needed: true,
      state: 'in-run',
    });
  return rows;
}

/**
 * What the current setup's method needs computed before it can select, and which of it is already
 * cached (memory or IndexedDB) for exactly these settings, so the cost of the next run is no surprise.
 */
export function SignalsPanel() {
  const spec = useApp((s) => s.spec);
  const summary = useApp((s) => s.data.summary);
  const ready = useApp((s) => s.data.status === 'ready' && s.backend.status === 'ready');
  const finished = useApp((s) => s.runs.filter((r) => r.status !== 'running').length);
  const dynamics = useApp((s) => s.dynamics.status);
  const jobs = useJobs();
  const [cache, setCache] = useState<{ key: string; state: SignalCacheState | typeof UNKNOWN }>();
  const specKey = JSON.stringify([
    spec.dataset,
    spec.customId,
    spec.trainSize,
    spec.toy,
    spec.corruption,
    spec.seed,
    spec.model,
    spec.epochs,
    spec.batchSize,
    spec.learningRate,
  ]);
  const loaded = summary?.key === dataKeyOf(spec);
  useEffect(() => {
    if (!ready || !loaded) return;
    let live = true;
    // Settings move in bursts (typing, sliders): ask once they settle.
    const t = setTimeout(() => {
      jobs.signalCache(spec).then(
        (state) => live && setCache({ key: specKey, state }),
        () => live && setCache({ key: specKey, state: UNKNOWN }), // a restarting worker answers next time
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // spec is read through specKey: only the fields signals depend on re-query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobs, specKey, ready, loaded, finished, dynamics]);
  let method;
  try {
    method = getMethod(spec.method);
  } catch {
    return null;
  }
  const source = String(spec.params.embedding ?? 'pixels');
  const current = cache?.key === specKey ? cache.state : undefined;
  const rows = rowsFor(new Set(method.needs), source, current, spec.model, spec.epochs);
  return (
    <section className="panel" aria-labelledby="signals-h" data-testid="signals.cache">
      <h2 id="signals-h">3 · Signals</h2>
      {!loaded ? (
        <p className="hint" data-testid="signals.stale">
          Stale: the loaded data differs from these settings. Load the data to see what is cached for them.
        </p>
      ) : (
        <p className="hint">
          What {method.name} needs before it selects, for exactly these data, model and seed settings.
        </p>
      )}
      <ul className="signal-list">
        {rows.map((r) => (
          <li
            key={r.id}
            className={r.needed ? 'needed' : 'unused'}
            data-testid={`signals.row.${r.id}`}
            data-state={loaded ? (current ? r.state : 'checking') : 'stale'}
          >
            <div className="signal-head">
              <span className="signal-name">{r.name}</span>
              <span
                className={`signal-state ${loaded ? r.state : 'stale'}`}
                title={loaded && current ? STATE_TITLE[r.state] : undefined}
              >
                {!loaded ? 'stale' : current ? STATE_TEXT[r.state] : 'checking…'}
              </span>
            </div>
            <small className="help">
              {!r.needed && <b>Not used by {method.name}. </b>}
              {r.what}
            </small>
          </li>
        ))}
      </ul>
      {current && current.dropped.length > 0 && (
        <p className="hint" role="status" data-testid="signals.dropped">
          {current.dropped.length} saved signal{current.dropped.length === 1 ? '' : 's'} failed{' '}
          {current.dropped.length === 1 ? 'its' : 'their'} check this session (
          {current.dropped[current.dropped.length - 1]}) and {current.dropped.length === 1 ? 'was' : 'were'}{' '}
          dropped; each is recomputed when next needed, never used.
        </p>
      )}
    </section>
  );
}
