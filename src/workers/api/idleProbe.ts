/**
 * What the worker measures while it has nothing else to do (issue 21): a first visit starts on
 * the likeliest backend (ml/backend.ts `defer`), so the page can train at once; once the worker
 * is idle, the matMul figures of the other backends (ml/probeOthers.ts), then one warm training
 * step per backend for the workload the next run most likely trains (the last run's, else the
 * lab's default model on the loaded data, ml/workloadProbe.ts). Every job pauses it first and
 * waits at most for the step in hand; what was cut short is measured again when the worker is
 * next idle. Results reach the page like any backend news (`publish`).
 */
import type { BackendChoice, BackendOptions } from '../../ml/backend';
import { probeOthers } from '../../ml/probeOthers';
import { tuneForWorkload, type Workload, type WorkloadCache } from '../../ml/workloadProbe';
import { workloadName } from '../../ml/workloadPick';

export interface IdleProbeHost {
  /** The start's (matMul-level) choice, once the backend started. */
  backend(): Promise<BackendChoice> | undefined;
  /** A new start-level choice: every backend measured now. */
  replaceBackend(choice: BackendChoice): void;
  /** Tells the page (the header's figures). */
  publish(choice: BackendChoice): void;
  /** The workload to measure next, if any. */
  workload(): Workload | undefined;
  /** A job is running: idle work waits. */
  busy(): boolean;
  /** Idle work to do first: asking for the WebGPU adapter after a start from memory (adapterMemory.ts). */
  refreshAdapter?(): Promise<void>;
}

export interface IdleProbe {
  /** Runs the idle work `delayMs` from now unless a job starts first. */
  schedule(): void;
  /** Stops idle work at its next safe point and resolves once the worker is the job's. */
  pause(): Promise<void>;
  /** The workload pick measured (or read) this session for `w`, if any. */
  pickFor(w: Workload): BackendChoice | undefined;
  /** Remembers a workload pick the page was shown (a run that read the cached figures). */
  setPick(w: Workload, choice: BackendChoice): void;
  /** Drops this session's picks (the backends changed: a lost device). */
  forget(): void;
}

export function createIdleProbe(
  host: IdleProbeHost,
  opts: BackendOptions & { workloadCache?: WorkloadCache },
  delayMs = 1000,
): IdleProbe {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopping = false;
  const picks = new Map<string, BackendChoice>();
  const stop = () => stopping;
  const keyOf = (w: Workload) => JSON.stringify([workloadName(w.kind, w.shape), w.numClasses]);

  async function work(): Promise<void> {
    const start = await host.backend();
    if (!start || stopping) return;
    await host.refreshAdapter?.();
    if (stopping) return;
    let base = start;
    if (base.pending?.length) {
      const full = await probeOthers(base, { ...opts, stop });
      if (!full) return;
      base = full;
      host.replaceBackend(full);
      host.publish(full);
    }
    const w = host.workload();
    if (!w || stopping || picks.has(keyOf(w))) return;
    const tuned = await tuneForWorkload(base, w, { ...opts, cache: opts.workloadCache, stop });
    if (stopping || !tuned.workload) return;
    picks.set(keyOf(w), tuned);
    host.publish(tuned);
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (running || host.busy()) return;
        stopping = false;
        running = work()
          .catch((e: unknown) => console.warn('coreset workbench: idle backend probe failed', e))
          .finally(() => (running = undefined));
      }, delayMs);
    },
    async pause() {
      clearTimeout(timer);
      if (!running) return;
      stopping = true;
      await running;
    },
    pickFor(w) {
      return picks.get(keyOf(w));
    },
    setPick(w, choice) {
      picks.set(keyOf(w), choice);
    },
    forget() {
      picks.clear();
    },
  };
}
