/**
 * Orchestrates the worker from the store: load data, train on everything, select + train a
 * coreset, cancel. Every failure lands in the run (or the data state) with its reason; nothing
 * already loaded or computed is dropped. Data is reloaded transparently into a fresh worker
 * after a crash.
 */
import { dataKeyOf, type DataSpec } from '../core/data/prepare';
import { SpecError, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import type { LabClient } from '../workers/client/labClient';
import type { Progress } from '../workers/api/types';
import { addRun, updateRun, type AppStore } from './store';
import type { CurvePoint, RunRecord } from './types';

function message(e: unknown): string {
  if (e instanceof SpecError) return `${e.field}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

function isCancel(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.message === 'cancelled');
}

export function createJobs(store: AppStore, client: LabClient) {
  let loadedGeneration = -1;
  let loadedKey = '';
  let runCounter = 0;
  const jobOfRun = new Map<string, string>();

  function checkedSpec(): ExperimentSpec | undefined {
    try {
      return validateSpec(store.getState().spec);
    } catch (e) {
      store.setState({ notice: { kind: 'error', text: message(e) } });
      return undefined;
    }
  }

  async function initBackend(): Promise<void> {
    store.setState({ backend: { status: 'starting' } });
    try {
      const choice = await client.init();
      store.setState({ backend: { status: 'ready', choice } });
    } catch (e) {
      store.setState({ backend: { status: 'error', error: message(e) } });
    }
  }

  let loadTicket = 0;

  async function loadData(spec: DataSpec = store.getState().spec): Promise<boolean> {
    const ticket = ++loadTicket;
    const previous = store.getState().data;
    store.setState({ data: { ...previous, status: 'loading', progress: { phase: 'loading', done: 0 }, error: undefined } });
    try {
      const summary = await client.loadData(
        { dataset: spec.dataset, trainSize: spec.trainSize, toy: spec.toy, corruption: spec.corruption, seed: spec.seed },
        (p) => ticket === loadTicket && store.setState((s) => ({ data: { ...s.data, progress: p } })),
      );
      if (ticket !== loadTicket) return false;
      loadedGeneration = client.generation;
      loadedKey = summary.key;
      store.setState({ data: { status: 'ready', summary }, notice: undefined });
      return true;
    } catch (e) {
      if (ticket !== loadTicket) return false; // a newer load owns the data state now
      // Keep the previous summary: the user still sees (and can use) what was loaded.
      store.setState({
        data: { ...previous, status: previous.summary ? 'ready' : 'error', error: message(e), progress: undefined },
        notice: { kind: 'error', text: `Could not load the data: ${message(e)}` },
      });
      return false;
    }
  }

  async function ensureData(spec: ExperimentSpec): Promise<boolean> {
    if (client.generation === loadedGeneration && dataKeyOf(spec) === loadedKey) return true;
    return loadData(spec);
  }

  async function run(kind: RunRecord['kind']): Promise<string | undefined> {
    const spec = checkedSpec();
    if (!spec) return undefined;
    store.setState({ notice: undefined });
    if (!(await ensureData(spec))) return undefined;
    const summary = store.getState().data.summary!;
    const id = `run-${Date.now().toString(36)}-${++runCounter}`;
    const jobId = client.newJobId();
    jobOfRun.set(id, jobId);
    addRun(store, {
      id,
      kind,
      dataKey: summary.key,
      dataName: summary.name,
      model: spec.model,
      epochs: spec.epochs,
      method: kind === 'coreset' ? spec.method : undefined,
      fraction: kind === 'coreset' ? spec.fraction : 1,
      params: kind === 'coreset' ? spec.params : undefined,
      seed: spec.seed,
      status: 'running',
      startedAt: Date.now(),
      curve: [],
      size: kind === 'coreset' ? Math.max(1, Math.round(spec.fraction * summary.n)) : summary.n,
      backend: store.getState().backend.choice?.name,
    });
    // Batch reports arrive fast; fold them into the store at most every 100 ms.
    let pending: CurvePoint[] = [];
    let lastProgress: Progress | undefined;
    const flush = () => {
      if (!pending.length && !lastProgress) return;
      const pts = pending;
      const prog = lastProgress;
      pending = [];
      lastProgress = undefined;
      updateRun(store, id, (r) => ({ curve: pts.length ? [...r.curve, ...pts] : r.curve, progress: prog ?? r.progress }));
    };
    const timer = setInterval(flush, 100);
    const onProgress = (p: Progress) => {
      if (p.batch) {
        const b = p.batch;
        pending.push({ x: b.epoch + (b.batch + 1) / b.batchesPerEpoch, loss: b.loss, accuracy: b.accuracy });
      } else if (!p.epoch) lastProgress = p;
    };
    try {
      if (kind === 'full') {
        const o = await client.trainFull(jobId, spec, onProgress);
        flush();
        updateRun(store, id, {
          status: 'done',
          metrics: o.metrics,
          timings: o.timings,
          samplesPerSecond: o.samplesPerSecond,
          epochMs: o.epochs.map((e) => e.ms),
          progress: undefined,
        });
      } else {
        const o = await client.runCoreset(jobId, spec, onProgress);
        flush();
        updateRun(store, id, {
          status: 'done',
          metrics: o.metrics,
          timings: o.timings,
          samplesPerSecond: o.samplesPerSecond,
          epochMs: o.epochs.map((e) => e.ms),
          size: o.indices.length,
          indices: o.indices,
          scores: o.scores,
          perClassCounts: o.perClassCounts,
          diagnostics: o.diagnostics,
          noisyKept: o.noisyKept,
          oodKept: o.oodKept,
          progress: undefined,
        });
      }
    } catch (e) {
      flush();
      updateRun(store, id, isCancel(e) ? { status: 'cancelled', progress: undefined } : { status: 'failed', error: message(e), progress: undefined });
    } finally {
      clearInterval(timer);
      jobOfRun.delete(id);
    }
    return id;
  }

  async function trainingDynamics(): Promise<void> {
    const spec = checkedSpec();
    if (!spec || !(await ensureData(spec))) return;
    const jobId = client.newJobId();
    jobOfRun.set('dynamics', jobId);
    store.setState({ dynamics: { status: 'running', progress: { phase: 'signals', done: 0 } } });
    try {
      const o = await client.trainingDynamics(jobId, spec, (p) =>
        store.setState((s) => ({ dynamics: { ...s.dynamics, progress: p } })),
      );
      store.setState({ dynamics: { status: 'done', ...o, progress: undefined } });
    } catch (e) {
      store.setState({
        dynamics: isCancel(e) ? { status: 'cancelled' } : { status: 'failed', error: message(e) },
      });
    } finally {
      jobOfRun.delete('dynamics');
    }
  }

  return {
    initBackend,
    trainingDynamics,
    loadData: () => {
      const spec = checkedSpec();
      return spec ? loadData(spec) : Promise.resolve(false);
    },
    trainFull: () => run('full'),
    runCoreset: () => run('coreset'),
    async cancel(runId: string): Promise<void> {
      const jobId = jobOfRun.get(runId);
      if (jobId) await client.cancel(jobId);
    },
    images: (rows: number[]) => client.images(rows),
  };
}

export type Jobs = ReturnType<typeof createJobs>;
