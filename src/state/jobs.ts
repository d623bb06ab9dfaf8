/**
 * Orchestrates the worker from the store: the backend, loading data, and every job's slice (runs
 * in runs.ts, SSL, comparisons, imports; dynamics and SWaST here), all through one job runner
 * (runJob.ts). Every failure lands in the run (or the data state) with its reason; nothing
 * already loaded or computed is dropped. Data is reloaded transparently into a fresh worker
 * after a crash.
 */
import { createJobRunner, errorMessage } from './runJob';
import { createRunJobs } from './runs';
import { createImportJobs } from './importJobs';
import { dataKeyOf, type DataSpec } from '../core/data/prepare';
import { validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import type { LabClient } from '../workers/client/labClient';
import type { SwastRequest, TeachResult } from '../workers/api/types';
import type { AppStore } from './store';
import { createSslJobs } from './ssl';
import { createCompareJobs } from './compare';
import { createSignalFileJobs } from './signalFiles';
import type { SwastState } from './types';

export function createJobs(store: AppStore, client: LabClient) {
  let loadedGeneration = -1;
  let loadedKey = '';
  /** What the loaded data was made from, to load it again into a worker that replaced a crashed one. */
  let loadedSpec: DataSpec | undefined;
  const jobs = createJobRunner(client);

  function checkedSpec(): ExperimentSpec | undefined {
    try {
      return validateSpec(store.getState().spec);
    } catch (e) {
      store.setState({ notice: { kind: 'error', text: errorMessage(e) } });
      return undefined;
    }
  }

  // When the worker loses its WebGPU device it switches backend by itself: show it, and let a
  // run that was on the lost device say why it failed.
  let backendChangedAt = 0;
  client.onBackendChange = (choice) => {
    // A workload pick (ml/workloadProbe.ts) is not an error: the header shows it, and the run
    // that asked for it (the worker picks only when no other job runs) is labelled with it.
    // Nor are the figures of backends the worker measured once idle (a deferred start).
    if (choice.measuredLater && !choice.workload)
      return void store.setState({ backend: { status: 'ready', choice } });
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
      store.setState({ backend: { status: 'error', error: errorMessage(e) } });
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
    const fail = (error: string): false => {
      if (ticket !== loadTicket) return false; // a newer load owns the data state now
      // Keep the previous summary: the user still sees (and can use) what was loaded.
      store.setState({
        data: { ...previous, status: previous.summary ? 'ready' : 'error', error, progress: undefined },
        notice: { kind: 'error', text: `Could not load the data: ${error}` },
      });
      return false;
    };
    try {
      if (spec.dataset === 'custom') await imports.ensureImported(spec.customId);
    } catch (e) {
      return fail(errorMessage(e));
    }
    const { dataset, trainSize, toy, corruption, seed, customId } = spec;
    const end = await jobs.runJob(
      `data-${ticket}`,
      'loadData',
      { dataset, trainSize, toy, corruption, seed, customId },
      (p) => ticket === loadTicket && store.setState((s) => ({ data: { ...s.data, progress: p } })),
    );
    if (end.status !== 'done') return fail(end.status === 'failed' ? end.error : 'cancelled');
    if (ticket !== loadTicket) return false;
    loadedGeneration = client.generation;
    loadedKey = end.result.key;
    loadedSpec = spec;
    store.setState({ data: { status: 'ready', summary: end.result }, notice: undefined });
    return true;
  }

  async function ensureData(spec: ExperimentSpec): Promise<boolean> {
    if (client.generation === loadedGeneration && dataKeyOf(spec) === loadedKey) return true;
    return loadData(spec);
  }

  const signalFiles = createSignalFileJobs(store, client, ensureData);
  const runs = createRunJobs(store, jobs, {
    checkedSpec,
    ensureData,
    ensureSignalFiles: signalFiles.ensureSignalFiles,
    lostDuring: (startedAt) => (backendChangedAt >= startedAt ? store.getState().backend.choice : undefined),
  });

  async function trainingDynamics(): Promise<void> {
    const spec = checkedSpec();
    if (!spec || !(await ensureData(spec))) return;
    store.setState({ dynamics: { status: 'running', progress: { phase: 'signals', done: 0 } } });
    const end = await jobs.runJob('dynamics', 'trainingDynamics', spec, (p) =>
      store.setState((s) => ({ dynamics: { ...s.dynamics, progress: p } })),
    );
    store.setState({
      dynamics:
        end.status === 'done'
          ? { status: 'done', ...end.result, progress: undefined }
          : end.status === 'cancelled'
            ? { status: 'cancelled' }
            : { status: 'failed', error: end.error },
    });
  }

  /** SWaST with the current data, model and training settings (and its comparison runs). */
  async function runSwast(request: SwastRequest): Promise<void> {
    const spec = checkedSpec();
    if (!spec || !(await ensureData(spec))) return;
    store.setState({ swast: { status: 'running', live: [], progress: { phase: 'training', done: 0 } } });
    const patch = (f: (s: SwastState) => Partial<SwastState>) =>
      store.setState((st) => (st.swast ? { swast: { ...st.swast, ...f(st.swast) } } : {}));
    const end = await jobs.runJob('swast', 'runSwast', { spec, swast: request }, (p) => {
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
    patch(() =>
      end.status === 'done'
        ? { status: 'done', outcome: end.result, progress: undefined }
        : end.status === 'cancelled'
          ? { status: 'cancelled', progress: undefined }
          : { status: 'failed', error: end.error, progress: undefined },
    );
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
    ...createSslJobs(store, jobs),
    ...createCompareJobs(store, jobs),
    loadData: () => {
      const spec = checkedSpec();
      return spec ? loadData(spec) : Promise.resolve(false);
    },
    importFiles: imports.importFiles,
    importBuiltin: imports.importBuiltin,
    lastImport: imports.lastImport,
    importSignalFile: signalFiles.importSignalFile,
    removeSignalFile: signalFiles.removeSignalFile,
    ...runs,
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
