/**
 * The lab worker's jobs, one typed map: each job's request, its progress reports and its result.
 * One worker entry (`runJob`), one client call and one state helper serve every job in it, so a
 * new job is a line here and its function in labJobs.ts — nothing to mirror layer by layer.
 */
import type { DataSpec } from '../../core/data/prepare';
import type { ExperimentSpec } from '../../core/experiment/spec';
import type {
  CoresetOutcomeDto,
  DataSummary,
  DynamicsDto,
  ExperimentPlan,
  PlanProgressDto,
  PlanResult,
  Progress,
  SslProgressDto,
  SslRunResult,
  SslSpec,
  SwastOutcomeDto,
  SwastRequest,
  TrainOutcomeDto,
} from './types';

interface JobShape<Request, P, Result> {
  request: Request;
  progress: P;
  result: Result;
}

export interface JobMap {
  /** Prepares the data a spec describes and keeps it loaded for the jobs below. */
  loadData: JobShape<DataSpec, Progress, DataSummary>;
  /** Trains on every row of the loaded data. */
  trainFull: JobShape<ExperimentSpec, Progress, TrainOutcomeDto>;
  /** Selects a coreset of the loaded data with spec.method, then trains on it. */
  runCoreset: JobShape<ExperimentSpec, Progress, CoresetOutcomeDto>;
  /** The shared training-dynamics record (recorded once, cached) and its views. */
  trainingDynamics: JobShape<ExperimentSpec, Progress, DynamicsDto>;
  /** SWaST with the spec's model, and its comparison runs. */
  runSwast: JobShape<{ spec: ExperimentSpec; swast: SwastRequest }, Progress, SwastOutcomeDto>;
  /** One semi-supervised run on its own split. */
  runSsl: JobShape<SslSpec, SslProgressDto, SslRunResult>;
  /** A comparison plan, streaming every finished record. */
  runPlan: JobShape<ExperimentPlan, PlanProgressDto, PlanResult>;
}

export type JobName = keyof JobMap;
export type JobRequest<K extends JobName> = JobMap[K]['request'];
export type JobProgress<K extends JobName> = JobMap[K]['progress'];
export type JobResult<K extends JobName> = JobMap[K]['result'];

/** What a running job gets: its cancel signal and its two ways to talk to the main thread. */
export interface JobContext<P> {
  signal: AbortSignal;
  /** Sends a report now: one that must arrive (an epoch, a finished record). */
  report: (p: P) => void;
  /** Sends a progress update unless one went < 50 ms ago (a finished phase, done ≥ 1, always goes). */
  tick: (p: P, done: number) => void;
}

export type Job<Request, P, Result> = (request: Request, ctx: JobContext<P>) => Promise<Result>;

/** Every job's function (labJobs.ts). */
export type JobTable = { [K in JobName]: Job<JobRequest<K>, JobProgress<K>, JobResult<K>> };

/** The main thread needs ~20 progress updates a second, not one per batch. */
export const PROGRESS_EVERY_MS = 50;

export function jobContext<P>(signal: AbortSignal, send: (p: P) => void): JobContext<P> {
  let lastSent = -Infinity;
  return {
    signal,
    report: send,
    tick: (p, done) => {
      const now = performance.now();
      if (done < 1 && now - lastSent < PROGRESS_EVERY_MS) return;
      lastSent = now;
      send(p);
    },
  };
}
