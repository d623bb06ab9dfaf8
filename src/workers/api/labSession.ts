/**
 * What the lab worker does: trains, selects, evaluates on the data labData.ts holds. One job at a
 * time per worker; cancel(jobId) aborts cooperatively (the training loop yields between batches
 * so the cancel message is seen). Every result is plain data that structured-clones; the large
 * arrays made for a result (pixels, labels, trajectories, indices, scores) are transferred, not
 * copied, so the main thread does not pay to deserialise them (transfer.ts).
 */
import { dataKeyOf, type PreparedData } from '../../core/data/prepare';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { DEFAULT_SPEC, validateSpec } from '../../core/experiment/spec';
import {
  initBackend,
  switchBackend,
  type AdapterProbe,
  type BackendChoice,
  type BackendOptions,
} from '../../ml/backend';
import { loseWebGpuDevice, pokeWebGpuDevice, watchDeviceLoss } from '../../ml/webgpuDevice';
import { setPersistentSignalCache, signalCacheState, type SignalCacheState } from '../../ml/signals';
import { idbSignalCache } from './idbSignalCache';
import { idbKeyValue, idbProbeCache, idbWorkloadCache } from './idbProbeCache';
import { adapterMemory } from './adapterMemory';
import { tuneForWorkload, type Workload } from '../../ml/workloadProbe';
import { createIdleProbe } from './idleProbe';
import { guardDeviceLoss } from './deviceLoss';
import { tensorMemory, type TensorMemory } from '../../ml/memory';
import type { ImportResultDto } from './customData';
import type { LabData } from './labData';
import { createSignalFileStore, type SignalFileResultDto } from './signalFiles';
import type { ImportedKind } from '../../core/data/importedSignals';
import type { FileEntry } from '../../core/data/import/folder';
import { isTeachMethod, teachSteps } from '../../core/methods/stepThrough';
import { createLabJobs } from './labJobs';
import { dropCoverageMemory } from '../../core/math/denseSimd';
import { imageRows, sequenceRows } from './dataSummary';
import {
  jobContext,
  type JobName,
  type JobProgress,
  type JobRequest,
  type JobResult,
  type JobTable,
} from './jobTypes';
import { transferOwned } from './transfer';
import { gpuSelfCheck, type GpuCheckReport } from './gpuCheck';
import { loseSelectionDeviceForTest, setSelectGpuMode, type SelectGpuMode } from '../../ml/gpu/accelerator';
import type { TeachResult } from './types';

/** How long the selection kernels' kept memory outlives the last job (core/math/denseSimd.ts). */
const KERNEL_MEMORY_IDLE_MS = 60_000;

export type LabSession = ReturnType<typeof createLabSession>;

/** `lab`: the worker's data (labData.ts), which the worker's entry made before this loaded. */
export function createLabSession(lab: LabData, backendOptions: Omit<BackendOptions, 'override'>) {
  const signalFiles = createSignalFileStore();
  // Recorded runs persist across reloads; quota errors only cost the cache.
  setPersistentSignalCache(idbSignalCache((m) => console.info(`coreset workbench: ${m}`)));
  let backend: Promise<BackendChoice> | undefined;
  let backendListener: ((choice: BackendChoice) => void) | undefined;
  const probeCache = idbProbeCache();
  const adapters = adapterMemory(idbKeyValue<AdapterProbe>());
  const workloadCache = idbWorkloadCache();
  let shownReason = '';
  let lostWhy: string | undefined;
  const jobs = new Map<string, AbortController>();
  let idleDrop: ReturnType<typeof setTimeout> | undefined;
  /** The last run's workload: what the idle probe measures next (before any run, the default model). */
  let lastWorkload: Workload | undefined;
  const publish = (c: BackendChoice) => {
    shownReason = c.reason;
    backendListener?.(c);
  };
  const idle = createIdleProbe(
    {
      backend: () => backend,
      replaceBackend: (c) => void (backend = Promise.resolve(c)),
      publish,
      workload: () => {
        const train = lab.current()?.data.train;
        return (
          lastWorkload ??
          (train && train.shape.length === 3
            ? { kind: DEFAULT_SPEC.model, shape: train.shape, numClasses: train.numClasses }
            : undefined)
        );
      },
      busy: () => jobs.size > 0,
      refreshAdapter: () => adapters.refresh(),
    },
    { ...backendOptions, probeCache, workloadCache },
  );

  const requireData = (spec: ExperimentSpec): PreparedData => lab.require(spec);

  /**
   * Starts the backend once. When a WebGPU device is lost, the next backend takes over (the run
   * that was using the device fails; later runs use the new backend) and `onChange` tells the
   * page what happened.
   */
  const init = (
    override?: BackendOptions['override'],
    onChange?: (choice: BackendChoice) => void,
    selectGpu?: SelectGpuMode,
  ): Promise<BackendChoice> => {
    if (onChange) backendListener = onChange;
    if (selectGpu) setSelectGpuMode(selectGpu);
    // A first visit starts on the likeliest backend; the idle probe measures the rest.
    // A forced WebGPU start asks for the adapter itself; otherwise the last start's will do.
    backend ??= (override === 'webgpu' ? Promise.resolve(undefined) : adapters.atStart())
      .then((adapter) => initBackend({ ...backendOptions, override, probeCache, defer: true, adapter }))
      .then((choice) => {
        watchDeviceLoss((why) => {
          lostWhy = why;
          idle.forget();
          backend = initBackend({ ...backendOptions, probeCache, exclude: ['webgpu'], after: why });
          void backend.then((c) => backendListener?.(c)).catch((e: unknown) => console.error(e));
        });
        if (jobs.size === 0) idle.schedule();
        return choice;
      });
    return backend;
  };

  /**
   * Moves to the backend fastest for this model on this data (ml/workloadProbe.ts): measured
   * this session or cached for this device. A workload not measured yet trains on the start's
   * backend and is measured once the worker is idle (idleProbe.ts): the run does not wait for
   * it. Never while another job runs (the asking job is already in `jobs`).
   */
  async function tune(spec: ExperimentSpec, d: PreparedData): Promise<void> {
    const base = await backend;
    if (!base || jobs.size > 1) return;
    const w: Workload = { kind: spec.model, shape: d.train.shape, numClasses: d.train.numClasses };
    lastWorkload = w;
    const known = idle.pickFor(w);
    let c = known && (await switchBackend(known.name, backendOptions)) ? known : undefined;
    if (!c) {
      c = await tuneForWorkload(base, w, { ...backendOptions, cache: workloadCache, cachedOnly: true });
      if (c.workload) idle.setPick(w, c);
    }
    // Only a workload pick is news: `base` unchanged (forced, or nothing measured) is what the
    // page already shows, and the page reads any other change as a lost device.
    if (c.workload && c.reason !== shownReason) publish(c);
    shownReason = c.reason;
  }

  const table: JobTable = {
    loadData: lab.load,
    ...createLabJobs({
      ready: () => init(),
      loaded: (spec) => ({ data: requireData(spec), key: dataKeyOf(spec) }),
      tune,
      current: lab.current,
      provider: lab.provider,
      imported: (spec, d) => signalFiles.forRun(spec, d),
    }),
  };

  return guardDeviceLoss(
    {
      init,

      /** Test hook (`?test`): simulates a lost GPU by destroying the WebGPU device. */
      loseGpuForTest(): boolean {
        return loseWebGpuDevice();
      },

      /** Test hook: loses the selection kernels' WebGPU device (ml/gpu/accelerator.ts). */
      loseSelectionGpuForTest(): Promise<boolean> {
        return loseSelectionDeviceForTest();
      },

      /** Test hook: the GPU selection path against the SIMD path on the loaded data (gpuCheck.ts). */
      gpuSelfCheck(rawSpec: ExperimentSpec, rounds?: number): Promise<GpuCheckReport> {
        const spec = validateSpec(rawSpec);
        return gpuSelfCheck(requireData(spec), spec, 1000, rounds);
      },

      /** Parses the user's files (ZIP, folder, IDX pair, CSV); load it with dataset 'custom'. */
      importData(
        files: FileEntry[],
        name: string,
        resize?: { width: number; height: number },
      ): ImportResultDto {
        return lab.custom.import(files, name, { resize });
      },

      /** Generates the built-in colour set (32×32×3, 10 classes); load it with dataset 'custom'. */
      importBuiltin(difficulty: number): ImportResultDto {
        return lab.custom.builtin(difficulty);
      },

      /**
       * Embeddings or scores for the loaded data, one row per row of its own numbering (.npy or
       * CSV); runs on data in that numbering use them. A bad file leaves the previous one in use.
       */
      importSignalFile(
        bytes: Uint8Array,
        name: string,
        kind: ImportedKind,
        spec: ExperimentSpec,
      ): SignalFileResultDto {
        const loaded = lab.current();
        if (!loaded || dataKeyOf(spec) !== loaded.key)
          return { ok: false, message: 'load the data first: the file’s rows are checked against it' };
        return signalFiles.add(bytes, name, kind, spec, loaded.data);
      },

      removeSignalFile(kind: ImportedKind): void {
        signalFiles.remove(kind);
      },

      /** Pixels of the given training rows (h·w bytes each), for grids of kept / pruned samples. */
      images(rows: number[]): Uint8Array {
        const data = lab.current()?.data;
        const out = data ? imageRows(data, rows) : new Uint8Array(0);
        return transferOwned(out, [out]);
      },

      /** Sequence values of the given training rows (radio I/Q: length·2 floats each), for constellation grids. */
      sequences(rows: number[]): Float32Array {
        const data = lab.current()?.data;
        const out = data ? sequenceRows(data, rows) : new Float32Array(0);
        return transferOwned(out, [out]);
      },

      /**
       * Runs the job `name` (jobTypes.ts JobMap) under `jobId` until it ends or cancel(jobId)
       * aborts it; progress reaches `onProgress` (throttled where the job ticks).
       */
      async runJob<K extends JobName>(
        jobId: string,
        name: K,
        request: JobRequest<K>,
        onProgress: (p: JobProgress<K>) => void,
      ): Promise<JobResult<K>> {
        const job: JobTable[K] | undefined = Object.hasOwn(table, name) ? table[name] : undefined;
        if (!job) throw new Error(`no job named "${String(name)}"`);
        const ctrl = new AbortController();
        jobs.set(jobId, ctrl);
        clearTimeout(idleDrop);
        try {
          // The idle backend probe gives the worker back (and its backend) before any job starts.
          await idle.pause();
          return await job(request, jobContext(ctrl.signal, onProgress));
        } finally {
          jobs.delete(jobId);
          // Selection kernels keep their memory between runs (up to ~150 MB); an idle tab gives it back.
          if (jobs.size === 0) idleDrop = setTimeout(dropCoverageMemory, KERNEL_MEMORY_IDLE_MS);
          if (jobs.size === 0) idle.schedule();
        }
      },

      /**
       * The teaching step-through of one greedy method on the loaded toy set: every pick with its
       * gain, the objective and per-point coverage. `gamma` is SubZeroCore's γ (spec params when absent).
       */
      async teachSteps(
        rawSpec: ExperimentSpec,
        methodId: string,
        budget: number,
        gamma?: number,
      ): Promise<TeachResult> {
        const spec = validateSpec(rawSpec);
        const d = requireData(spec);
        if (!isTeachMethod(methodId)) throw new Error(`no step-through for method "${methodId}"`);
        if (spec.dataset !== 'toy' || !(d.train.x instanceof Float32Array))
          throw new Error('the step-through runs on the toy 2-D dataset: load it first');
        const g = gamma ?? (typeof spec.params.gamma === 'number' ? spec.params.gamma : undefined);
        return teachSteps(d.train.x, d.train.labels, budget, methodId, { seed: spec.seed, gamma: g });
      },

      cancel(jobId: string): boolean {
        const ctrl = jobs.get(jobId);
        ctrl?.abort();
        return ctrl !== undefined;
      },

      /** Which shared signals for `spec` are cached (memory or IndexedDB): the signals panel. */
      signalCache(rawSpec: ExperimentSpec): Promise<SignalCacheState> {
        return signalCacheState(validateSpec(rawSpec));
      },

      /**
       * Live tensors and bytes (tests check that a finished or cancelled job freed its own), read
       * with the idle probe paused, so its own tensors are not counted.
       */
      async memory(): Promise<TensorMemory & { jobs: number }> {
        await idle.pause();
        const m = { ...tensorMemory(), jobs: jobs.size };
        if (jobs.size === 0) idle.schedule();
        return m;
      },

      /** Test hook: an uncaught error in the worker, as a real crash would raise. */
      crashForTest(): void {
        setTimeout(() => {
          throw new Error('crash requested by a test');
        }, 0);
      },
    },
    () => lostWhy,
    pokeWebGpuDevice,
  );
}
