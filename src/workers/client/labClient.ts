/**
 * Main-thread handle on the lab worker: lazy start, job ids, cancel, and crash handling (a
 * worker that dies rejects every pending call with the reason, and the next call starts a
 * fresh worker). The main thread holds no tensors and runs no heavy loops.
 */
import type { FileEntry } from '../../core/data/import/folder';
import type { ImportResultDto } from '../api/customData';
import type { SignalFileResultDto } from '../api/signalFiles';
import type { ImportedKind } from '../../core/data/importedSignals';
import * as Comlink from 'comlink';
import type { ExperimentSpec } from '../../core/experiment/spec';
import type { LabApi } from '../lab.worker';
import type { GpuCheckReport } from '../api/gpuCheck';
import type { SelectGpuMode } from '../../ml/gpu/accelerator';
import { transferOwned } from '../api/transfer';
import type { SignalCacheState } from '../api/types';
import type { BackendChoice, TeachResult } from '../api/types';
import type { JobName, JobProgress, JobRequest, JobResult } from '../api/jobTypes';

export type BackendOverride = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export class WorkerCrashedError extends Error {
  constructor(reason: string) {
    super(`the worker stopped: ${reason}`);
    this.name = 'WorkerCrashedError';
  }
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<LabApi>;
  crashed: Promise<never>;
  /** Stops the worker and rejects every pending call with the reason. */
  stop: (reason: string) => void;
}

export class LabClient {
  private live: Live | undefined;
  private nextJob = 1;
  /** Increments with every worker started: data loaded into an older one is gone. */
  generation = 0;

  constructor(
    private override: BackendOverride | undefined,
    /** Selection's Gram / kNN on WebGPU: auto (hardware adapters), force (`?selectGpu=1`), off. */
    private selectGpu?: SelectGpuMode,
  ) {}

  private start(): Live {
    if (this.live) return this.live;
    this.generation++;
    const worker = new Worker(new URL('../lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' });
    let fail: (e: Error) => void = () => {};
    const crashed = new Promise<never>((_, reject) => (fail = reject));
    crashed.catch(() => {}); // observed through races below
    const onCrash = (reason: string) => {
      if (this.live?.worker === worker) {
        this.live = undefined;
        // Whatever was loaded died with it: callers compare generations to know to reload.
        this.generation++;
      }
      worker.terminate();
      fail(new WorkerCrashedError(reason));
    };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      onCrash(e.message || 'uncaught error in the worker');
    });
    worker.addEventListener('messageerror', () => onCrash('a message could not be read'));
    this.live = { worker, api: Comlink.wrap<LabApi>(worker), crashed, stop: onCrash };
    return this.live;
  }

  /**
   * Starts the worker now (it loads while the page's own code loads and renders); calls start it
   * otherwise.
   */
  warmUp(): void {
    this.start();
  }

  /** Resolves once the worker's entry runs (it is up and reading messages). */
  hello(): Promise<true> {
    return this.call((api) => api.hello());
  }

  /**
   * The page was opened with no setup in its address: the worker starts reading the default
   * setup's data now, before the app has loaded and asked for it (its load job takes it).
   */
  prefetchDefaultData(): void {
    void this.call((api) => api.prefetchDefaultData()).catch(() => {});
  }

  private call<T>(fn: (api: Comlink.Remote<LabApi>) => Promise<T>): Promise<T> {
    const live = this.start();
    return Promise.race([fn(live.api), live.crashed]);
  }

  /** Told when the worker switches backend by itself (a lost WebGPU device). */
  onBackendChange?: (choice: BackendChoice) => void;

  init(): Promise<BackendChoice> {
    return this.call((api) =>
      api.init(
        this.override,
        Comlink.proxy((c: BackendChoice) => this.onBackendChange?.(c)),
        this.selectGpu,
      ),
    );
  }

  /** Test hook: destroys the selection kernels' WebGPU device. */
  loseSelectionGpuForTest(): Promise<boolean> {
    return this.call((api) => api.loseSelectionGpuForTest());
  }

  /** Test hook: the GPU selection path against the SIMD path on the loaded data. */
  gpuSelfCheck(spec: ExperimentSpec, rounds?: number): Promise<GpuCheckReport> {
    return this.call((api) => api.gpuSelfCheck(spec, rounds));
  }

  /** Test hook: destroys the worker's WebGPU device. */
  loseGpuForTest(): Promise<boolean> {
    return this.call((api) => api.loseGpuForTest());
  }

  /**
   * Parses the user's files in the worker. Their bytes are moved, not copied: each file's buffer
   * is detached here once sent, so pass bytes read for this call only.
   */
  importData(
    files: FileEntry[],
    name: string,
    resize?: { width: number; height: number },
  ): Promise<ImportResultDto> {
    const sent = transferOwned(
      files,
      files.map((f) => f.bytes),
    );
    return this.call(
      async (api): Promise<ImportResultDto> => (await api.importData(sent, name, resize)) as ImportResultDto,
    );
  }

  importBuiltin(difficulty: number): Promise<ImportResultDto> {
    return this.call(
      async (api): Promise<ImportResultDto> => (await api.importBuiltin(difficulty)) as ImportResultDto,
    );
  }

  /**
   * Embeddings / scores for the loaded data (parsed and checked in the worker). The bytes are
   * moved, not copied: their buffer is detached here once sent.
   */
  importSignalFile(
    bytes: Uint8Array,
    name: string,
    kind: ImportedKind,
    spec: ExperimentSpec,
  ): Promise<SignalFileResultDto> {
    const sent = transferOwned(bytes, [bytes]);
    return this.call(
      async (api): Promise<SignalFileResultDto> =>
        (await api.importSignalFile(sent, name, kind, spec)) as SignalFileResultDto,
    );
  }

  removeSignalFile(kind: ImportedKind): Promise<void> {
    return this.call((api) => api.removeSignalFile(kind));
  }

  images(rows: number[]): Promise<Uint8Array> {
    return this.call((api) => api.images(rows));
  }

  sequences(rows: number[]): Promise<Float32Array> {
    return this.call((api) => api.sequences(rows));
  }

  newJobId(): string {
    return `job-${this.nextJob++}`;
  }

  /**
   * Runs the worker job `name` (jobTypes.ts JobMap) under `jobId` (newJobId; cancel(jobId) stops
   * it). Rejects with the job's error, a cancel's AbortError, or WorkerCrashedError.
   */
  runJob<K extends JobName>(
    jobId: string,
    name: K,
    request: JobRequest<K>,
    onProgress: (p: JobProgress<K>) => void,
  ): Promise<JobResult<K>> {
    // Comlink's Remote<> drops the method's type parameter (K becomes JobName); the worker's
    // runJob<K> returns JobResult<K>, so the narrowing here is the one the worker guarantees.
    return this.call(
      (api) => api.runJob(jobId, name, request, Comlink.proxy(onProgress)) as Promise<JobResult<K>>,
    );
  }

  teachSteps(spec: ExperimentSpec, methodId: string, budget: number, gamma?: number): Promise<TeachResult> {
    return this.call((api) => api.teachSteps(spec, methodId, budget, gamma));
  }

  async cancel(jobId: string): Promise<void> {
    if (this.live) await this.live.api.cancel(jobId);
  }

  /**
   * Stops the worker now (a hard cancel, or a test killing it mid-run): pending calls reject with
   * WorkerCrashedError(reason) and the next call starts a fresh worker. Memory it held is freed.
   */
  kill(reason: string): void {
    this.live?.stop(reason);
  }

  /** Which shared signals for `spec` the worker has cached. */
  signalCache(spec: ExperimentSpec): Promise<SignalCacheState> {
    return this.call((api) => api.signalCache(spec));
  }

  /** Tensors the worker holds (tests and leak checks). */
  memory(): Promise<{ numTensors: number; numBytes: number; backend: string; jobs: number }> {
    return this.call((api) => api.memory());
  }

  /** Test hook: makes the worker throw an uncaught error, the path a real crash takes. */
  crashForTest(): Promise<void> {
    return this.call((api) => api.crashForTest());
  }

  terminate(): void {
    if (this.live) this.generation++;
    this.live?.worker.terminate();
    this.live = undefined;
  }
}
