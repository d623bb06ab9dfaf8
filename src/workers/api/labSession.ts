/**
 * What the lab worker does: holds the prepared data, trains, selects, evaluates. One job at a
 * time per worker; cancel(jobId) aborts cooperatively (the training loop yields between batches
 * so the cancel message is seen). Every result is plain data that structured-clones; the large
 * arrays made for a result (pixels, labels, trajectories, indices, scores) are transferred, not
 * copied, so the main thread does not pay to deserialise them (transfer.ts).
 */
import { sourceNumberingOf } from '../../core/data/sourceNumbering';
import { classCounts } from '../../core/budget/budgets';
import {
  dataKeyOf,
  prepareData,
  providerFromLoader,
  type DataSpec,
  type PreparedData,
} from '../../core/data/prepare';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { validateSpec } from '../../core/experiment/spec';
import {
  initBackend,
  loseWebGpuDevice,
  watchDeviceLoss,
  type BackendChoice,
  type BackendOptions,
} from '../../ml/backend';
import { runSelection, trainAndEvaluate, type PhaseHooks } from '../../ml/pipeline';
import {
  getRecordedRun,
  setPersistentSignalCache,
  signalCacheState,
  type SignalCacheState,
} from '../../ml/signals';
import { idbSignalCache } from './idbSignalCache';
import { idbProbeCache, idbWorkloadCache } from './idbProbeCache';
import { tuneForWorkload } from '../../ml/workloadProbe';
import { guardDeviceLoss } from './deviceLoss';
import { tensorMemory, type TensorMemory } from '../../ml/memory';
import { recordDiagnostics } from '../../core/signals/views';
import { featureDim, isSequenceDataset } from '../../core/data/dataset';
import { pointsOf } from '../../ml/embeddings';
import { fetchAssetLoader } from './assets';
import { createCustomStore, withCustom, type ImportResultDto } from './customData';
import { createSignalFileStore, type SignalFileResultDto } from './signalFiles';
import type { ImportedKind } from '../../core/data/importedSignals';
import type { FileEntry } from '../../core/data/import/folder';
import { isTeachMethod, teachSteps } from '../../core/methods/stepThrough';
import { runSwastJob } from './swastJob';
import { createSslJobs } from './sslJob';
import { runPlanJob } from './planJob';
import { transferOwned } from './transfer';
import type { ExperimentPlan } from '../../core/experiment/plan';
import type { PlanResult } from '../../core/experiment/runner';
import type { PlanProgressDto } from './types';
import type { SslProgressDto, SslRunResult, SslSpec } from './types';
import type {
  CoresetOutcomeDto,
  DataSummary,
  DynamicsDto,
  Progress,
  SwastOutcomeDto,
  SwastRequest,
  TeachResult,
  TrainOutcomeDto,
} from './types';

export type ProgressFn = (p: Progress) => void;

const SAMPLES_PER_CLASS = 6;

const dataKey = dataKeyOf;

export function createLabSession(assetBase: string, backendOptions: Omit<BackendOptions, 'override'>) {
  const custom = createCustomStore();
  const signalFiles = createSignalFileStore();
  const provider = withCustom(providerFromLoader(fetchAssetLoader(assetBase)), custom);
  // Recorded runs persist across reloads; quota errors only cost the cache.
  setPersistentSignalCache(idbSignalCache((m) => console.info(`coreset workbench: ${m}`)));
  let backend: Promise<BackendChoice> | undefined;
  let backendListener: ((choice: BackendChoice) => void) | undefined;
  const probeCache = idbProbeCache();
  const workloadCache = idbWorkloadCache();
  let shownReason = '';
  let lostWhy: string | undefined;
  let data: PreparedData | undefined;
  let key = '';
  let loadTicket = 0;
  const jobs = new Map<string, AbortController>();
  const ssl = createSslJobs(provider);

  function hooks(jobId: string, onProgress: ProgressFn): PhaseHooks & { signal: AbortSignal } {
    const ctrl = new AbortController();
    jobs.set(jobId, ctrl);
    let lastSent = 0;
    return {
      signal: ctrl.signal,
      onPhase: (phase, done, message) => {
        // Throttle: the main thread needs ~20 updates a second, not one per batch.
        const now = performance.now();
        if (done < 1 && now - lastSent < 50) return;
        lastSent = now;
        onProgress({ phase, done, message });
      },
      onBatch: (batch) => onProgress({ phase: 'training', done: -1, batch }),
      onEpoch: (epoch) => onProgress({ phase: 'training', done: -1, epoch }),
    };
  }

  function requireData(spec: ExperimentSpec): PreparedData {
    if (!data || dataKey(spec) !== key) throw new Error('load the dataset for this setup first');
    return data;
  }

  /** requireData, on the backend fastest for this model on this data (never while a job runs). */
  async function ready(spec: ExperimentSpec): Promise<PreparedData> {
    const d = requireData(spec);
    const base = await backend;
    if (!base || jobs.size > 0) return d;
    const w = { kind: spec.model, shape: d.train.shape, numClasses: d.train.numClasses };
    const c = await tuneForWorkload(base, w, { ...backendOptions, cache: workloadCache });
    if (c.reason !== shownReason) backendListener?.(c);
    shownReason = c.reason;
    return d;
  }

  return guardDeviceLoss(
    {
      /**
       * Starts the backend once. When a WebGPU device is lost, the next backend takes over (the
       * run that was using the device fails; later runs use the new backend) and `onChange`
       * tells the page what happened.
       */
      init(
        override?: BackendOptions['override'],
        onChange?: (choice: BackendChoice) => void,
      ): Promise<BackendChoice> {
        if (onChange) backendListener = onChange;
        backend ??= initBackend({ ...backendOptions, override, probeCache }).then((choice) => {
          watchDeviceLoss((why) => {
            lostWhy = why;
            backend = initBackend({ ...backendOptions, probeCache, exclude: ['webgpu'], after: why });
            void backend.then((c) => backendListener?.(c)).catch((e: unknown) => console.error(e));
          });
          return choice;
        });
        return backend;
      },

      /** Test hook (`?test`): simulates a lost GPU by destroying the WebGPU device. */
      loseGpuForTest(): boolean {
        return loseWebGpuDevice();
      },

      /** Parses the user's files (ZIP, folder, IDX pair, CSV); load it with dataset 'custom'. */
      importData(
        files: FileEntry[],
        name: string,
        resize?: { width: number; height: number },
      ): ImportResultDto {
        return custom.import(files, name, { resize });
      },

      /** Generates the built-in colour set (32×32×3, 10 classes); load it with dataset 'custom'. */
      importBuiltin(difficulty: number): ImportResultDto {
        return custom.builtin(difficulty);
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
        if (!data || dataKey(spec) !== key)
          return { ok: false, message: 'load the data first: the file’s rows are checked against it' };
        return signalFiles.add(bytes, name, kind, spec, data);
      },

      removeSignalFile(kind: ImportedKind): void {
        signalFiles.remove(kind);
      },

      async loadData(spec: DataSpec, onProgress: ProgressFn): Promise<DataSummary> {
        const t0 = performance.now();
        onProgress({ phase: 'loading', done: 0, message: 'reading files' });
        // Prepared into a local first: a failure leaves the previous data in place. When loads
        // overlap (the startup MNIST load and a quick switch to the toy set), the last request
        // wins, whichever finishes first.
        const ticket = ++loadTicket;
        const next = await prepareData(spec, provider);
        if (ticket !== loadTicket) throw new Error('superseded by a newer load');
        data = next;
        key = dataKey(spec);
        onProgress({ phase: 'loading', done: 1 });
        const { train, test, truth } = next;
        const sampleRows: number[] = [];
        for (let c = 0; c < train.numClasses; c++) {
          let taken = 0;
          for (let i = 0; i < train.labels.length && taken < SAMPLES_PER_CLASS; i++)
            if (train.labels[i] === c) {
              sampleRows.push(i);
              taken++;
            }
        }
        const isImage = train.shape.length === 3;
        const summary: DataSummary = {
          key,
          name: train.name,
          n: train.labels.length,
          testN: test.labels.length,
          shape: train.shape,
          numClasses: train.numClasses,
          classNames: train.classNames,
          classCounts: classCounts(train.labels, train.numClasses),
          testClassCounts: classCounts(test.labels, test.numClasses),
          sampleRows,
          samplePixels: isImage ? this.images(sampleRows) : undefined,
          sampleSignals: isSequenceDataset(train) ? this.sequences(sampleRows) : undefined,
          points: pointsOf(train)?.slice(),
          strata: train.strata ? { ...train.strata, of: train.strata.of.slice() } : undefined,
          labels: train.labels.slice(),
          noisyCount: truth.noisyMask?.reduce((a, b) => a + b, 0) ?? 0,
          oodCount: truth.oodMask?.reduce((a, b) => a + b, 0) ?? 0,
          truth: { noisyMask: truth.noisyMask?.slice(), oodMask: truth.oodMask?.slice() },
          source: sourceNumberingOf(spec, next),
          sourceRows: truth.sourceRows.slice(),
          sourceNames: train.sourceNames ? [...train.sourceNames] : undefined,
          loadMs: performance.now() - t0,
        };
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

      /** Pixels of the given training rows (h·w bytes each), for grids of kept / pruned samples. */
      /** Sequence values of the given training rows (radio I/Q: length·2 floats each), for constellation grids. */
      sequences(rows: number[]): Float32Array {
        if (!data || !isSequenceDataset(data.train) || !(data.train.x instanceof Float32Array))
          return new Float32Array(0);
        const dim = featureDim(data.train);
        const out = new Float32Array(rows.length * dim);
        const x = data.train.x;
        rows.forEach((r, i) => out.set(x.subarray(r * dim, (r + 1) * dim), i * dim));
        return transferOwned(out, [out]);
      },

      images(rows: number[]): Uint8Array {
        if (!data || data.train.shape.length !== 3) return new Uint8Array(0);
        const dim = data.train.shape.reduce((a, b) => a * b, 1);
        const out = new Uint8Array(rows.length * dim);
        const x = data.train.x as Uint8Array;
        rows.forEach((r, i) => out.set(x.subarray(r * dim, (r + 1) * dim), i * dim));
        return transferOwned(out, [out]);
      },

      async trainFull(
        jobId: string,
        rawSpec: ExperimentSpec,
        onProgress: ProgressFn,
      ): Promise<TrainOutcomeDto> {
        const spec = validateSpec(rawSpec);
        await this.init();
        const d = await ready(spec);
        try {
          const o = await trainAndEvaluate(d, spec, undefined, hooks(jobId, onProgress));
          return {
            metrics: o.metrics,
            epochs: o.train.epochs,
            samplesPerSecond: o.train.samplesPerSecond,
            timings: o.timings,
            adversarial: o.adversarial,
            adversarialRows: o.adversarialRows,
          };
        } finally {
          jobs.delete(jobId);
        }
      },

      async runCoreset(
        jobId: string,
        rawSpec: ExperimentSpec,
        onProgress: ProgressFn,
      ): Promise<CoresetOutcomeDto> {
        const spec = validateSpec(rawSpec);
        await this.init();
        const d = await ready(spec);
        const h = hooks(jobId, onProgress);
        try {
          const { selection, timings } = await runSelection(d, spec, {
            ...h,
            imported: signalFiles.forRun(spec, d),
          });
          const o = await trainAndEvaluate(d, spec, selection.indices, h);
          const countKept = (mask?: Uint8Array) =>
            mask ? selection.indices.reduce((a, r) => a + (mask[r] ?? 0), 0) : undefined;
          // Copies (the selection's arrays may be cached signals): made here, then moved.
          const outcome: CoresetOutcomeDto = {
            metrics: o.metrics,
            epochs: o.train.epochs,
            samplesPerSecond: o.train.samplesPerSecond,
            timings: { ...timings, ...o.timings },
            adversarial: o.adversarial,
            adversarialRows: o.adversarialRows,
            indices: selection.indices.slice(),
            perClassCounts: selection.perClassCounts,
            scores: selection.scores?.slice(),
            diagnostics: selection.diagnostics,
            noisyKept: countKept(d.truth.noisyMask),
            oodKept: countKept(d.truth.oodMask),
          };
          return transferOwned(outcome, [outcome.indices, outcome.scores]);
        } finally {
          jobs.delete(jobId);
        }
      },

      /** The shared training-dynamics run (recorded once, cached) and its views. */
      async trainingDynamics(
        jobId: string,
        rawSpec: ExperimentSpec,
        onProgress: ProgressFn,
      ): Promise<DynamicsDto> {
        const spec = validateSpec(rawSpec);
        await this.init();
        const d = await ready(spec);
        const h = hooks(jobId, onProgress);
        try {
          const t0 = performance.now();
          const { run, cached } = await getRecordedRun(d, spec, {
            inputGrads: false,
            signal: h.signal,
            progress: (done, message) => h.onPhase?.('signals', done, message),
          });
          const dynamics: DynamicsDto = {
            dataKey: key,
            epochs: run.record.epochs,
            cached,
            ms: performance.now() - t0,
            diagnostics: recordDiagnostics(run.record, d.train.labels, d.train.classNames, d.truth.noisyMask),
            trueProb: run.record.trueProb.slice(),
            correct: run.record.correct.slice(),
          };
          return transferOwned(dynamics, [dynamics.trueProb, dynamics.correct]);
        } finally {
          jobs.delete(jobId);
        }
      },

      /** SWaST (online pruning + re-selected coreset) with the spec's model, and its comparison runs. */
      async runSwast(
        jobId: string,
        rawSpec: ExperimentSpec,
        request: SwastRequest,
        onProgress: ProgressFn,
      ): Promise<SwastOutcomeDto> {
        const spec = validateSpec(rawSpec);
        await this.init();
        const d = await ready(spec);
        const h = hooks(jobId, onProgress);
        try {
          return await runSwastJob(d, key, spec, request, h.signal, onProgress);
        } finally {
          jobs.delete(jobId);
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

      /** One semi-supervised run (RETRIEVE, random subset, full pool or supervised) on its own split. */
      async runSsl(
        jobId: string,
        spec: SslSpec,
        onProgress: (p: SslProgressDto) => void,
      ): Promise<SslRunResult> {
        const choice = await this.init();
        const ctrl = new AbortController();
        jobs.set(jobId, ctrl);
        try {
          return await ssl.run(spec, ctrl.signal, onProgress, choice.name);
        } finally {
          jobs.delete(jobId);
        }
      },

      /** A comparison plan (methods × fractions × seeds), streaming each finished record through onProgress. */
      async runPlan(
        jobId: string,
        plan: ExperimentPlan,
        onProgress: (p: PlanProgressDto) => void,
      ): Promise<PlanResult> {
        await this.init();
        const ctrl = new AbortController();
        jobs.set(jobId, ctrl);
        try {
          return await runPlanJob(plan, provider, ctrl.signal, onProgress, data && { key, data });
        } finally {
          jobs.delete(jobId);
        }
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

      /** Live tensors and bytes (tests check that a finished or cancelled job freed its own). */
      memory(): TensorMemory & { jobs: number } {
        return { ...tensorMemory(), jobs: jobs.size };
      },

      /** Test hook: an uncaught error in the worker, as a real crash would raise. */
      crashForTest(): void {
        setTimeout(() => {
          throw new Error('crash requested by a test');
        }, 0);
      },
    },
    () => lostWhy,
  );
}
