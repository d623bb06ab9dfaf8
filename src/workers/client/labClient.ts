/**
 * Main-thread handle on the lab worker: lazy start, job ids, cancel, and crash handling (a
 * worker that dies rejects every pending call with the reason, and the next call starts a
 * fresh worker). The main thread holds no tensors and runs no heavy loops.
 */
import * as Comlink from 'comlink';
import type { DataSpec } from '../../core/data/prepare';
import type { ExperimentSpec } from '../../core/experiment/spec';
import type { LabApi } from '../lab.worker';
import type { BackendChoice, CoresetOutcomeDto, DataSummary, DynamicsDto, Progress, TrainOutcomeDto } from '../api/types';

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
}

export class LabClient {
  private live: Live | undefined;
  private nextJob = 1;
  /** Increments with every worker started: data loaded into an older one is gone. */
  generation = 0;

  constructor(private override: BackendOverride | undefined) {}

  private start(): Live {
    if (this.live) return this.live;
    this.generation++;
    const worker = new Worker(new URL('../lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' });
    let fail: (e: Error) => void = () => {};
    const crashed = new Promise<never>((_, reject) => (fail = reject));
    crashed.catch(() => {}); // observed through races below
    const onCrash = (reason: string) => {
      if (this.live?.worker === worker) this.live = undefined;
      worker.terminate();
      fail(new WorkerCrashedError(reason));
    };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      onCrash(e.message || 'uncaught error in the worker');
    });
    worker.addEventListener('messageerror', () => onCrash('a message could not be read'));
    this.live = { worker, api: Comlink.wrap<LabApi>(worker), crashed };
    return this.live;
  }

  private call<T>(fn: (api: Comlink.Remote<LabApi>) => Promise<T>): Promise<T> {
    const live = this.start();
    return Promise.race([fn(live.api), live.crashed]);
  }

  init(): Promise<BackendChoice> {
    return this.call((api) => api.init(this.override));
  }

  loadData(spec: DataSpec, onProgress: (p: Progress) => void): Promise<DataSummary> {
    return this.call((api) => api.loadData(spec, Comlink.proxy(onProgress)));
  }

  images(rows: number[]): Promise<Uint8Array> {
    return this.call((api) => api.images(rows));
  }

  newJobId(): string {
    return `job-${this.nextJob++}`;
  }

  trainFull(jobId: string, spec: ExperimentSpec, onProgress: (p: Progress) => void): Promise<TrainOutcomeDto> {
    return this.call((api) => api.trainFull(jobId, spec, Comlink.proxy(onProgress)));
  }

  runCoreset(jobId: string, spec: ExperimentSpec, onProgress: (p: Progress) => void): Promise<CoresetOutcomeDto> {
    return this.call((api) => api.runCoreset(jobId, spec, Comlink.proxy(onProgress)));
  }

  trainingDynamics(jobId: string, spec: ExperimentSpec, onProgress: (p: Progress) => void): Promise<DynamicsDto> {
    return this.call((api) => api.trainingDynamics(jobId, spec, Comlink.proxy(onProgress)));
  }

  async cancel(jobId: string): Promise<void> {
    if (this.live) await this.live.api.cancel(jobId);
  }

  terminate(): void {
    this.live?.worker.terminate();
    this.live = undefined;
  }
}
