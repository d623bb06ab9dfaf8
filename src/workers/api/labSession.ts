/**
 * What the lab worker does: holds the prepared data, trains, selects, evaluates. One job at a
 * time per worker; cancel(jobId) aborts cooperatively (the training loop yields between batches
 * so the cancel message is seen). Every result is plain data that structured-clones.
 */
import { classCounts } from '../../core/methods/budgets';
import { dataKeyOf, prepareData, providerFromLoader, type DataSpec, type PreparedData } from '../../core/data/prepare';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { validateSpec } from '../../core/experiment/spec';
import { initBackend, type BackendChoice, type BackendOptions } from '../../ml/backend';
import { runSelection, trainAndEvaluate, type PhaseHooks } from '../../ml/pipeline';
import { getRecordedRun, setPersistentSignalCache } from '../../ml/signals';
import { idbSignalCache } from './idbSignalCache';
import { recordDiagnostics } from '../../core/signals/views';
import { fetchAssetLoader } from './assets';
import type { CoresetOutcomeDto, DataSummary, DynamicsDto, Progress, TrainOutcomeDto } from './types';

export type ProgressFn = (p: Progress) => void;

const SAMPLES_PER_CLASS = 6;

const dataKey = dataKeyOf;

export function createLabSession(assetBase: string, backendOptions: Omit<BackendOptions, 'override'>) {
  const provider = providerFromLoader(fetchAssetLoader(assetBase));
  // Recorded runs persist across reloads; quota errors only cost the cache.
  setPersistentSignalCache(idbSignalCache((m) => console.info(`coreset workbench: ${m}`)));
  let backend: Promise<BackendChoice> | undefined;
  let data: PreparedData | undefined;
  let key = '';
  let loadTicket = 0;
  const jobs = new Map<string, AbortController>();

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

  return {
    init(override?: BackendOptions['override']): Promise<BackendChoice> {
      backend ??= initBackend({ ...backendOptions, override });
      return backend;
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
        points: !isImage && train.x instanceof Float32Array ? train.x.slice() : undefined,
        labels: train.labels.slice(),
        noisyCount: truth.noisyMask?.reduce((a, b) => a + b, 0) ?? 0,
        oodCount: truth.oodMask?.reduce((a, b) => a + b, 0) ?? 0,
        truth: { noisyMask: truth.noisyMask?.slice(), oodMask: truth.oodMask?.slice() },
        loadMs: performance.now() - t0,
      };
      return summary;
    },

    /** Pixels of the given training rows (h·w bytes each), for grids of kept / pruned samples. */
    images(rows: number[]): Uint8Array {
      if (!data || data.train.shape.length !== 3) return new Uint8Array(0);
      const dim = data.train.shape.reduce((a, b) => a * b, 1);
      const out = new Uint8Array(rows.length * dim);
      const x = data.train.x as Uint8Array;
      rows.forEach((r, i) => out.set(x.subarray(r * dim, (r + 1) * dim), i * dim));
      return out;
    },

    async trainFull(jobId: string, rawSpec: ExperimentSpec, onProgress: ProgressFn): Promise<TrainOutcomeDto> {
      const spec = validateSpec(rawSpec);
      await this.init();
      const d = requireData(spec);
      try {
        const o = await trainAndEvaluate(d, spec, undefined, hooks(jobId, onProgress));
        return { metrics: o.metrics, epochs: o.train.epochs, samplesPerSecond: o.train.samplesPerSecond, timings: o.timings };
      } finally {
        jobs.delete(jobId);
      }
    },

    async runCoreset(jobId: string, rawSpec: ExperimentSpec, onProgress: ProgressFn): Promise<CoresetOutcomeDto> {
      const spec = validateSpec(rawSpec);
      await this.init();
      const d = requireData(spec);
      const h = hooks(jobId, onProgress);
      try {
        const { selection, timings } = await runSelection(d, spec, h);
        const o = await trainAndEvaluate(d, spec, selection.indices, h);
        const countKept = (mask?: Uint8Array) =>
          mask ? selection.indices.reduce((a, r) => a + (mask[r] ?? 0), 0) : undefined;
        return {
          metrics: o.metrics,
          epochs: o.train.epochs,
          samplesPerSecond: o.train.samplesPerSecond,
          timings: { ...timings, ...o.timings },
          indices: selection.indices,
          perClassCounts: selection.perClassCounts,
          scores: selection.scores,
          diagnostics: selection.diagnostics,
          noisyKept: countKept(d.truth.noisyMask),
          oodKept: countKept(d.truth.oodMask),
        };
      } finally {
        jobs.delete(jobId);
      }
    },

    /** The shared training-dynamics run (recorded once, cached) and its views. */
    async trainingDynamics(jobId: string, rawSpec: ExperimentSpec, onProgress: ProgressFn): Promise<DynamicsDto> {
      const spec = validateSpec(rawSpec);
      await this.init();
      const d = requireData(spec);
      const h = hooks(jobId, onProgress);
      try {
        const t0 = performance.now();
        const { run, cached } = await getRecordedRun(d, spec, {
          inputGrads: false,
          signal: h.signal,
          progress: (done, message) => h.onPhase?.('signals', done, message),
        });
        return {
          dataKey: key,
          epochs: run.record.epochs,
          cached,
          ms: performance.now() - t0,
          diagnostics: recordDiagnostics(run.record, d.train.labels, d.train.classNames, d.truth.noisyMask),
          trueProb: run.record.trueProb.slice(),
          correct: run.record.correct.slice(),
        };
      } finally {
        jobs.delete(jobId);
      }
    },

    cancel(jobId: string): boolean {
      const ctrl = jobs.get(jobId);
      ctrl?.abort();
      return ctrl !== undefined;
    },
  };
}

export type LabSession = ReturnType<typeof createLabSession>;
