/**
 * The semi-supervised panel's slice: its setup, and a comparison that runs RETRIEVE, a random
 * subset and the full pool (or any chosen list) in sequence on the same split, folding live
 * epoch and round reports into the store. Cancel stops the current run and skips the rest.
 */
import { errorMessage, type JobRunner } from './runJob';
import { DEFAULT_SSL_SPEC, validateSslSpec, type SslMethod, type SslSpec } from '../core/experiment/sslSpec';
import type { SslProgressDto } from '../workers/api/types';
import type { AppStore } from './store';
import type { SslRunState, SslState } from './sslTypes';

/** Browser-scale defaults: a few minutes for all three runs on wasm. */
export const BROWSER_SSL_SPEC: SslSpec = { ...DEFAULT_SSL_SPEC, unlabeled: 4000, epochs: 15, testSize: 1000 };
export const DEFAULT_COMPARE: readonly SslMethod[] = ['retrieve', 'random', 'full'];

/** One shared idle value: a selector must return a stable reference or React re-renders forever (error #185). */
const IDLE_SSL: SslState = {
  status: 'idle',
  setup: BROWSER_SSL_SPEC,
  compare: [...DEFAULT_COMPARE],
  runs: [],
};

export function sslStateOf(s: { ssl?: SslState }): SslState {
  return s.ssl ?? IDLE_SSL;
}

export function setSslSetup(store: AppStore, patch: Partial<SslSpec>): void {
  store.setState((s) => {
    const cur = sslStateOf(s);
    return { ssl: { ...cur, setup: { ...cur.setup, ...patch } } };
  });
}

export function setSslCompare(store: AppStore, compare: SslMethod[]): void {
  store.setState((s) => ({ ssl: { ...sslStateOf(s), compare } }));
}

export function createSslJobs(store: AppStore, jobs: JobRunner) {
  let cancelled = false;

  const patch = (f: (s: SslState) => Partial<SslState>) =>
    store.setState((st) => ({ ssl: { ...sslStateOf(st), ...f(sslStateOf(st)) } }));
  const patchRun = (method: SslMethod, f: (r: SslRunState) => Partial<SslRunState>) =>
    patch((s) => ({ runs: s.runs.map((r) => (r.method === method ? { ...r, ...f(r) } : r)) }));

  async function run(): Promise<void> {
    const { setup, compare } = sslStateOf(store.getState());
    let spec: SslSpec;
    try {
      spec = validateSslSpec({ ...setup });
      if (!compare.length) throw new Error('choose at least one method to run');
    } catch (e) {
      patch(() => ({ status: 'failed', error: errorMessage(e) }));
      return;
    }
    cancelled = false;
    const runs: SslRunState[] = compare.map((method) => ({
      method,
      status: 'queued',
      epochs: [],
      rounds: [],
    }));
    patch(() => ({ status: 'running', runs, error: undefined, progress: undefined, ranWith: spec }));
    for (const method of compare) {
      if (cancelled) {
        patchRun(method, () => ({ status: 'cancelled' }));
        continue;
      }
      patchRun(method, () => ({ status: 'running' }));
      // Epoch and round reports are appended as they come; progress is the latest only.
      const onProgress = (p: SslProgressDto) => {
        if (p.epoch) {
          const e = p.epoch;
          patchRun(method, (r) => ({ epochs: [...r.epochs, e] }));
        } else if (p.round) {
          const round = p.round;
          patchRun(method, (r) => ({ rounds: [...r.rounds, round] }));
        } else patch(() => ({ progress: { ...p, method } }));
      };
      const end = await jobs.runJob('ssl', 'runSsl', { ...spec, method }, onProgress);
      if (end.status === 'done') {
        const { result } = end;
        patchRun(method, () => ({ status: 'done', result, epochs: result.epochs, rounds: result.rounds }));
      } else if (end.status === 'cancelled' || cancelled) patchRun(method, () => ({ status: 'cancelled' }));
      else patchRun(method, () => ({ status: 'failed', error: end.error }));
    }
    patch((s) => ({
      status: cancelled ? 'cancelled' : s.runs.some((r) => r.status === 'failed') ? 'failed' : 'done',
      progress: undefined,
      error: s.runs.find((r) => r.error)?.error,
    }));
  }

  return {
    runSsl: run,
    async cancelSsl(): Promise<void> {
      cancelled = true;
      await jobs.cancel('ssl');
    },
  };
}
