/**
 * Orchestrates the worker from the store: load data, train on everything, select + train a
 * coreset, cancel. Every failure lands in the run (or the data state) with its reason; nothing
 * already loaded or computed is dropped. Data is reloaded transparently into a fresh worker
 * after a crash.
 */
import { isCancel } from './cancel';
import { createImportJobs } from './importJobs';
import { dataKeyOf, type DataSpec } from '../core/data/prepare';
import { SpecError, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import type { LabClient } from '../workers/client/labClient';
import type { Progress, SwastRequest, TeachResult } from '../workers/api/types';
import { addRun, removeRun, updateRun, type AppStore } from './store';
import { createSslJobs } from './ssl';
import { createCompareJobs } from './compare';
import { createSignalFileJobs } from './signalFiles';
import type { CurvePoint, DataSummary, RunRecord, SwastState } from './types';

function message(e: unknown): string {
  if (e instanceof SpecError) return `${e.field}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

const HARD_CANCEL_MS = 1000;

/** Labels and ground truth of the kept rows, saved with the run so exports and diffs need no data. */
function keptColumns(
  summary: DataSummary,
  indices: Int32Array,
): Pick<RunRecord, 'keptLabels' | 'keptNoisy' | 'keptOod' | 'source' | 'sourceRows' | 'keptPaths'> {
  const pick = (a: Uint8Array | undefined) => (a ? Uint8Array.from(indices, (r) => a[r] ?? 0) : undefined);
  const ids = summary.sourceNames;
  return {
    keptLabels: pick(summary.labels),
    keptNoisy: pick(summary.truth.noisyMask),
    keptOod: pick(summary.truth.oodMask),
    source: { numbering: summary.source.numbering, size: summary.source.size },
    sourceRows: summary.sourceRows,
    keptPaths: ids ? Array.from(indices, (r) => ids[r]!) : undefined,
  };
}

/** The row a run starts as (queued or running), on data of `data.n` rows. */
function newRun(
  id: string,
  kind: RunRecord['kind'],
  spec: ExperimentSpec,
  data: { key: string; name: string; n: number },
  status: 'queued' | 'running',
): RunRecord {
  const coreset = kind === 'coreset';
  return {
    id,
    kind,
    dataKey: data.key,
    dataName: data.name,
    model: spec.model,
    epochs: spec.epochs,
    method: coreset ? spec.method : undefined,
    fraction: coreset ? spec.fraction : 1,
    params: coreset ? spec.params : undefined,
    seed: spec.seed,
    status,
    startedAt: Date.now(),
    curve: [],
    size: coreset ? Math.max(1, Math.round(spec.fraction * data.n)) : data.n,
    spec,
  };
}

export function createJobs(store: AppStore, client: LabClient) {
  let loadedGeneration = -1;
  let loadedKey = '';
  /** What the loaded data was made from, to load it again into a worker that replaced a crashed one. */
  let loadedSpec: DataSpec | undefined;
  let runCounter = 0;
  const jobOfRun = new Map<string, string>();
  /** Runs the user cancelled: a worker stopped to honour that is a cancel, not a failure. */
  const cancelling = new Set<string>();

  function checkedSpec(): ExperimentSpec | undefined {
    try {
      return validateSpec(store.getState().spec);
    } catch (e) {
      store.setState({ notice: { kind: 'error', text: message(e) } });
      return undefined;
    }
  }

  // When the worker loses its WebGPU device it switches backend by itself: show it, and let a
  // run that was on the lost device say why it failed.
  let backendChangedAt = 0;
  client.onBackendChange = (choice) => {
    // A workload pick (ml/workloadProbe.ts) is not an error: the header shows it, and the run
    // that asked for it (the worker picks only when no other job runs) is labelled with it.
    if (choice.workload)
      return void store.setState((s) => ({
        backend: { status: 'ready', choice },
        runs: s.runs.map((r) => (r.status === 'running' ? { ...r, backend: choice.name } : r)),
      }));
    backendChangedAt = Date.now();
    store.setState({
      backend: { status: 'ready', choice },
      notice: { kind: 'error', text: `${choice.reason}. Runs continue on ${choice.name}.` },
    });
  };

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
  const imports = createImportJobs(store, client, () => {
    const spec = checkedSpec();
    return spec ? loadData(spec) : Promise.resolve(false);
  });

  async function loadData(spec: DataSpec = store.getState().spec): Promise<boolean> {
    const ticket = ++loadTicket;
    const previous = store.getState().data;
    store.setState({
      data: { ...previous, status: 'loading', progress: { phase: 'loading', done: 0 }, error: undefined },
    });
    try {
      if (spec.dataset === 'custom') await imports.ensureImported(spec.customId);
      const summary = await client.loadData(
        {
          dataset: spec.dataset,
          trainSize: spec.trainSize,
          toy: spec.toy,
          corruption: spec.corruption,
          seed: spec.seed,
          customId: spec.customId,
        },
        (p) => ticket === loadTicket && store.setState((s) => ({ data: { ...s.data, progress: p } })),
      );
      if (ticket !== loadTicket) return false;
      loadedGeneration = client.generation;
      loadedKey = summary.key;
      loadedSpec = spec;
      store.setState({ data: { status: 'ready', summary }, notice: undefined });
      return true;
    } catch (e) {
      if (ticket !== loadTicket) return false; // a newer load owns the data state now
      // Keep the previous summary: the user still sees (and can use) what was loaded.
      store.setState({
        data: {
          ...previous,
          status: previous.summary ? 'ready' : 'error',
          error: message(e),
          progress: undefined,
        },
        notice: { kind: 'error', text: `Could not load the data: ${message(e)}` },
      });
      return false;
    }
  }

  async function ensureData(spec: ExperimentSpec): Promise<boolean> {
    if (client.generation === loadedGeneration && dataKeyOf(spec) === loadedKey) return true;
    return loadData(spec);
  }

  /** Runs asked for while another is in flight wait here, in order (one worker job at a time). */
  const queued = new Map<string, { kind: RunRecord['kind']; spec: ExperimentSpec }>();
  let turn: Promise<unknown> = Promise.resolve();

  function submit(kind: RunRecord['kind'], given?: ExperimentSpec): Promise<string | undefined> {
    const spec = given ?? checkedSpec();
    if (!spec) return Promise.resolve(undefined);
    const waiting = store.getState().runs.some((r) => r.status === 'running' || r.status === 'queued');
    if (!waiting) {
      const p = run(kind, spec);
      turn = p.catch(() => undefined);
      return p;
    }
    const summary = store.getState().data.summary;
    const sameData = summary?.key === dataKeyOf(spec);
    const id = `queued-${Date.now().toString(36)}-${++runCounter}`;
    const data = sameData ? summary : { key: dataKeyOf(spec), name: spec.dataset, n: 0 };
    addRun(store, newRun(id, kind, spec, data, 'queued'));
    queued.set(id, { kind, spec });
    const p = turn.then(() => {
      if (!queued.delete(id)) return undefined; // cancelled while it waited
      removeRun(store, id); // the run itself takes its place, with its own id and start time
      return run(kind, spec);
    });
    turn = p.catch(() => undefined);
    return p;
  }

  const signalFiles = createSignalFileJobs(store, client, ensureData);

  async function run(kind: RunRecord['kind'], given?: ExperimentSpec): Promise<string | undefined> {
    const spec = given ?? checkedSpec();
    if (!spec) return undefined;
    store.setState({ notice: undefined });
    if (!(await ensureData(spec))) return undefined;
    const summary = store.getState().data.summary!;
    const id = `run-${Date.now().toString(36)}-${++runCounter}`;
    const jobId = client.newJobId();
    jobOfRun.set(id, jobId);
    const started = newRun(id, kind, spec, summary, 'running');
    addRun(store, {
      ...started,
      requestedSize: kind === 'coreset' ? started.size : undefined,
      backend: store.getState().backend.choice?.name,
      classNames: summary.classNames,
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
      updateRun(store, id, (r) => ({
        curve: pts.length ? [...r.curve, ...pts] : r.curve,
        progress: prog ?? r.progress,
      }));
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
          adversarial: o.adversarial,
          adversarialRows: o.adversarialRows,
          trades: spec.attack.trades || undefined,
          timings: o.timings,
          samplesPerSecond: o.samplesPerSecond,
          epochMs: o.epochs.map((e) => e.ms),
          progress: undefined,
        });
      } else {
        await signalFiles.ensureSignalFiles(spec);
        const o = await client.runCoreset(jobId, spec, onProgress);
        flush();
        updateRun(store, id, {
          status: 'done',
          metrics: o.metrics,
          adversarial: o.adversarial,
          adversarialRows: o.adversarialRows,
          trades: spec.attack.trades || undefined,
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
          ...keptColumns(summary, o.indices),
          progress: undefined,
        });
      }
    } catch (e) {
      flush();
      const cancelled = isCancel(e) || cancelling.has(id);
      const run = store.getState().runs.find((r) => r.id === id);
      const lost = run && backendChangedAt >= run.startedAt ? store.getState().backend.choice : undefined;
      const error = lost ? `${message(e)} — ${lost.reason}. Retry runs it on ${lost.name}.` : message(e);
      updateRun(
        store,
        id,
        cancelled
          ? { status: 'cancelled', progress: undefined }
          : { status: 'failed', error, progress: undefined },
      );
    } finally {
      clearInterval(timer);
      jobOfRun.delete(id);
      cancelling.delete(id);
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

  /** SWaST with the current data, model and training settings (and its comparison runs). */
  async function runSwast(request: SwastRequest): Promise<void> {
    const spec = checkedSpec();
    if (!spec || !(await ensureData(spec))) return;
    const jobId = client.newJobId();
    jobOfRun.set('swast', jobId);
    store.setState({ swast: { status: 'running', live: [], progress: { phase: 'training', done: 0 } } });
    const patch = (f: (s: SwastState) => Partial<SwastState>) =>
      store.setState((st) => (st.swast ? { swast: { ...st.swast, ...f(st.swast) } } : {}));
    try {
      const outcome = await client.runSwast(jobId, spec, request, (p) => {
        const e = p.swastEpoch;
        if (!e) return patch(() => ({ progress: p }));
        patch((s) => {
          const known = s.live.some((l) => l.run === e.run);
          const live = known
            ? s.live.map((l) => (l.run === e.run ? { ...l, epochs: [...l.epochs, e.report] } : l))
            : [...s.live, { run: e.run, epochs: [e.report] }];
          return { live };
        });
      });
      patch(() => ({ status: 'done', outcome, progress: undefined }));
    } catch (e) {
      patch(() =>
        isCancel(e) || cancelling.has('swast')
          ? { status: 'cancelled', progress: undefined }
          : { status: 'failed', error: message(e), progress: undefined },
      );
    } finally {
      cancelling.delete('swast');
      jobOfRun.delete('swast');
    }
  }

  /**
   * The teaching step-through on the loaded toy set. The result is view data for the teach panel
   * alone (it is not a run), so it is returned rather than stored; failures reject with the reason.
   */
  async function teachSteps(methodId: string, budget: number, gamma?: number): Promise<TeachResult> {
    const spec = checkedSpec();
    if (!spec) throw new Error('the experiment setup is invalid');
    if (!(await ensureData(spec))) throw new Error('the dataset could not be loaded');
    return client.teachSteps(spec, methodId, budget, gamma);
  }

  return {
    initBackend,
    trainingDynamics,
    teachSteps,
    runSwast,
    ...createSslJobs(store, client),
    ...createCompareJobs(store, client),
    loadData: () => {
      const spec = checkedSpec();
      return spec ? loadData(spec) : Promise.resolve(false);
    },
    importFiles: imports.importFiles,
    importBuiltin: imports.importBuiltin,
    lastImport: imports.lastImport,
    importSignalFile: signalFiles.importSignalFile,
    removeSignalFile: signalFiles.removeSignalFile,
    trainFull: () => submit('full'),
    runCoreset: () => submit('coreset'),
    /**
     * Asks the job to stop between batches; a worker busy in one long synchronous step (a
     * selection over a big matrix) cannot hear that, so after HARD_CANCEL_MS it is stopped, which
     * frees every tensor it held. The data is reloaded into a fresh worker on the next run.
     */
    async cancel(runId: string): Promise<void> {
      if (queued.delete(runId)) {
        updateRun(store, runId, { status: 'cancelled' });
        return;
      }
      const jobId = jobOfRun.get(runId);
      if (!jobId) return;
      cancelling.add(runId);
      void client.cancel(jobId).catch(() => {});
      await new Promise((r) => setTimeout(r, HARD_CANCEL_MS));
      if (jobOfRun.get(runId) === jobId) client.kill('the run did not stop within a second of Cancel');
    },
    /** Runs a failed, cancelled or interrupted run's spec again, in place of that run. */
    async retry(runId: string): Promise<string | undefined> {
      const old = store.getState().runs.find((r) => r.id === runId);
      if (!old || old.status === 'running' || !old.spec) return undefined;
      let spec: ExperimentSpec;
      try {
        spec = validateSpec(old.spec);
      } catch (e) {
        store.setState({ notice: { kind: 'error', text: `This run cannot be retried: ${message(e)}` } });
        return undefined;
      }
      // The panels show the setup being run, as if the user had chosen it again.
      store.setState({ spec });
      removeRun(store, runId);
      return submit(old.kind, spec);
    },
    async images(rows: number[]): Promise<Uint8Array> {
      // After a crash the new worker has no data: reload what the page shows before reading it.
      if (loadedSpec && client.generation !== loadedGeneration) await loadData(loadedSpec);
      return client.images(rows);
    },
    /** Which shared signals the worker has cached for `spec` (the signals panel). */
    signalCache: (spec: ExperimentSpec) => client.signalCache(spec),
    sequences: (rows: number[]) => client.sequences(rows),
  };
}

export type Jobs = ReturnType<typeof createJobs>;
