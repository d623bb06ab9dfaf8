/**
 * The lab worker's data: the user's imports, the asset provider and the prepared data the jobs
 * use. No tfjs here: the worker's entry holds this and starts a data load the moment it is asked
 * for (`prefetch`), while the session with tfjs and its backends (labSession.ts) is still being
 * loaded and compiled (issue 21: on a return visit that compile is most of the wait).
 */
import type { AssetLoader } from '../../core/data/sources';
import { schemaDefaults } from '../../core/experiment/specSchema';
import {
  dataKeyOf,
  prepareData,
  providerFromLoader,
  type DataSpec,
  type PreparedData,
} from '../../core/data/prepare';
import { createCustomStore, withCustom } from './customData';
import { summarize } from './dataSummary';
import type { JobContext } from './jobTypes';
import { transferOwned } from './transfer';
import type { DataSummary, Progress } from './types';

export type LabData = ReturnType<typeof createLabData>;

/** `load` reads the data assets (the worker: fetch, assets.ts). */
export function createLabData(load: AssetLoader) {
  const custom = createCustomStore();
  const provider = withCustom(providerFromLoader(load), custom);
  let data: PreparedData | undefined;
  let key = '';
  let loadTicket = 0;
  /** Loads started ahead of their job (`prefetch`), by data key, each taken by one load. */
  const started = new Map<string, { prepared: Promise<PreparedData>; t0: number }>();

  /** Starts preparing `spec`'s data, noting when. */
  const start = (spec: DataSpec) => ({ prepared: prepareData(spec, provider), t0: performance.now() });

  /** `spec`'s data, from a load started early if there is one, and when its loading began. */
  function prepare(spec: DataSpec): { prepared: Promise<PreparedData>; t0: number } {
    const k = dataKeyOf(spec);
    const early = started.get(k);
    started.delete(k);
    return early ?? start(spec);
  }

  /**
   * Starts preparing `spec`'s data now; the next `load` of the same data takes it (a failure
   * is that load's). Imported data is left to its load (its import may still be on its way).
   */
  function prefetch(spec: DataSpec): void {
    const k = dataKeyOf(spec);
    if (spec.dataset === 'custom' || started.has(k)) return;
    const early = start(spec);
    early.prepared.catch(() => {}); // observed by the load that takes it
    started.set(k, early);
  }

  return {
    custom,
    provider,
    /** The loaded data and its key, if any. */
    current: (): { data: PreparedData; key: string } | undefined => (data ? { data, key } : undefined),

    /** The loaded data, checked to be the data `spec` describes. */
    require(spec: DataSpec): PreparedData {
      if (!data || dataKeyOf(spec) !== key) throw new Error('load the dataset for this setup first');
      return data;
    },

    prefetch,

    /** `prefetch` for the lab's default setup (a page opened with no setup in its address). */
    prefetchDefault(): void {
      const { dataset, trainSize, toy, corruption, seed } = schemaDefaults();
      prefetch({ dataset, trainSize, toy, corruption, seed });
    },

    /**
     * Loads the data a spec describes. Prepared into a local first: a failure leaves the previous
     * data in place. When loads overlap (the startup MNIST load and a quick switch to the toy
     * set), the last request wins, whichever finishes first.
     */
    async load(spec: DataSpec, ctx: JobContext<Progress>): Promise<DataSummary> {
      ctx.report({ phase: 'loading', done: 0, message: 'reading files' });
      const ticket = ++loadTicket;
      const { prepared, t0 } = prepare(spec);
      const next = await prepared;
      if (ticket !== loadTicket) throw new Error('superseded by a newer load');
      data = next;
      key = dataKeyOf(spec);
      ctx.report({ phase: 'loading', done: 1 });
      const summary = summarize(spec, next, key, performance.now() - t0);
      return transferOwned(summary, [
        summary.samplePixels,
        summary.sampleSignals,
        summary.points,
        summary.strata?.of,
        summary.labels,
        summary.truth.noisyMask,
        summary.truth.oodMask,
        summary.sourceRows,
      ]);
    },
  };
}
