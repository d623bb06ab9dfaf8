/**
 * The one way the state runs a worker job (workers/api/jobTypes.ts JobMap): a job runs in a named
 * slot (a run's id, 'dynamics', 'swast', 'ssl', 'compare'); its progress reaches the slot's
 * handler as it comes, or folded every few ms when it comes fast; Cancel asks the worker to stop
 * and, when it has not within a second, stops the worker (which frees every tensor it held), and
 * either way the job ends as cancelled. Every end is one value: done with the result, cancelled,
 * or failed with a readable reason. Nothing here touches the store: each slice folds the end in.
 */
import { SpecError } from '../core/experiment/spec';
import type { JobName, JobProgress, JobRequest, JobResult } from '../workers/api/jobTypes';
import type { LabClient } from '../workers/client/labClient';

export type JobEnd<R> =
  { status: 'done'; result: R } | { status: 'cancelled' } | { status: 'failed'; error: string };

/** Progress folded into the store at most every `everyMs` (and once more as the job ends). */
export interface ProgressFold<P> {
  everyMs: number;
  apply: (events: P[]) => void;
}

export const HARD_CANCEL_MS = 1000;

/** A job that ended because someone cancelled it (the worker's AbortError crosses as a plain Error). */
export function isCancel(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.message === 'cancelled');
}

/** A failure as the user reads it (a spec error names its field). */
export function errorMessage(e: unknown): string {
  if (e instanceof SpecError) return `${e.field}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

export type JobClient = Pick<LabClient, 'newJobId' | 'runJob' | 'cancel' | 'kill'>;

export function createJobRunner(client: JobClient) {
  /** The worker job running in each slot. */
  const live = new Map<string, string>();
  /** Slots the user cancelled: a worker stopped to honour that is a cancel, not a failure. */
  const cancelling = new Set<string>();

  async function runJob<K extends JobName>(
    slot: string,
    name: K,
    request: JobRequest<K>,
    progress: ((p: JobProgress<K>) => void) | ProgressFold<JobProgress<K>>,
  ): Promise<JobEnd<JobResult<K>>> {
    const jobId = client.newJobId();
    live.set(slot, jobId);
    cancelling.delete(slot);
    let pending: JobProgress<K>[] = [];
    const fold = typeof progress === 'function' ? undefined : progress;
    const flush = () => {
      if (!fold || !pending.length) return;
      const events = pending;
      pending = [];
      fold.apply(events);
    };
    const timer = fold ? setInterval(flush, fold.everyMs) : undefined;
    // Progress travels on its own port (a Comlink proxy), so a report can land after the result:
    // once the job has ended, late ones are dropped (the result already holds what they carry).
    let ended = false;
    const onProgress = (p: JobProgress<K>) => {
      if (ended) return;
      if (fold) pending.push(p);
      else (progress as (p: JobProgress<K>) => void)(p);
    };
    try {
      const result = await client.runJob(jobId, name, request, onProgress);
      ended = true;
      flush();
      return { status: 'done', result };
    } catch (e) {
      ended = true;
      flush();
      return isCancel(e) || cancelling.has(slot)
        ? { status: 'cancelled' }
        : { status: 'failed', error: errorMessage(e) };
    } finally {
      clearInterval(timer);
      if (live.get(slot) === jobId) {
        live.delete(slot);
        cancelling.delete(slot);
      }
    }
  }

  return {
    runJob,
    /** Whether a job is running in `slot`. */
    running: (slot: string): boolean => live.has(slot),
    /**
     * Asks the slot's job to stop between batches; a worker busy in one long synchronous step (a
     * selection over a big matrix) cannot hear that, so after HARD_CANCEL_MS it is stopped. The
     * data is reloaded into a fresh worker on the next run.
     */
    async cancel(slot: string): Promise<void> {
      const jobId = live.get(slot);
      if (!jobId) return;
      cancelling.add(slot);
      void client.cancel(jobId).catch(() => {});
      await new Promise((r) => setTimeout(r, HARD_CANCEL_MS));
      if (live.get(slot) === jobId) client.kill('the run did not stop within a second of Cancel');
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
