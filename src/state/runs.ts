/**
 * The run list's jobs: train on everything or select + train a coreset, each a row in the store
 * from the moment it is asked for. Runs asked for while another is in flight wait in order, as
 * queued rows; Cancel drops a queued one or stops a running one; Retry runs a finished run's own
 * spec again in its place. Every end lands in the row: done with its results (and the kept rows'
 * labels and ground truth, so exports and diffs need no data), cancelled, or failed with the reason.
 */
import { dataKeyOf } from '../core/data/prepare';
import { validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import type { BackendChoice, CoresetOutcomeDto, Progress, TrainOutcomeDto } from '../workers/api/types';
import { errorMessage, type JobRunner } from './runJob';
import { addRun, removeRun, updateRun, type AppStore } from './store';
import type { CurvePoint, DataSummary, RunRecord } from './types';

export interface RunDeps {
  /** The store's spec, validated (undefined, with a notice, when it is not). */
  checkedSpec(): ExperimentSpec | undefined;
  /** Loads the data `spec` describes unless the worker has it. */
  ensureData(spec: ExperimentSpec): Promise<boolean>;
  /** Gives a fresh worker the imported signal files again. */
  ensureSignalFiles(spec: ExperimentSpec): Promise<void>;
  /** The backend that took over when the one a run started on was lost since `startedAt`. */
  lostDuring(startedAt: number): BackendChoice | undefined;
}

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

/** What a finished run adds to its row. */
function finished(
  spec: ExperimentSpec,
  summary: DataSummary,
  o: TrainOutcomeDto | CoresetOutcomeDto,
): Partial<RunRecord> {
  const trained: Partial<RunRecord> = {
    status: 'done',
    metrics: o.metrics,
    adversarial: o.adversarial,
    adversarialRows: o.adversarialRows,
    trades: spec.attack.trades || undefined,
    timings: o.timings,
    samplesPerSecond: o.samplesPerSecond,
    epochMs: o.epochs.map((e) => e.ms),
    progress: undefined,
  };
  if (!('indices' in o)) return trained;
  return {
    ...trained,
    size: o.indices.length,
    indices: o.indices,
    scores: o.scores,
    perClassCounts: o.perClassCounts,
    diagnostics: o.diagnostics,
    noisyKept: o.noisyKept,
    oodKept: o.oodKept,
    ...keptColumns(summary, o.indices),
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

export function createRunJobs(store: AppStore, jobs: JobRunner, deps: RunDeps) {
  const { checkedSpec, ensureData } = deps;
  let runCounter = 0;

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

  async function run(kind: RunRecord['kind'], given?: ExperimentSpec): Promise<string | undefined> {
    const spec = given ?? checkedSpec();
    if (!spec) return undefined;
    store.setState({ notice: undefined });
    if (!(await ensureData(spec))) return undefined;
    const summary = store.getState().data.summary!;
    const id = `run-${Date.now().toString(36)}-${++runCounter}`;
    const started = newRun(id, kind, spec, summary, 'running');
    addRun(store, {
      ...started,
      requestedSize: kind === 'coreset' ? started.size : undefined,
      backend: store.getState().backend.choice?.name,
      classNames: summary.classNames,
    });
    // Batch reports arrive fast: fold them into the curve at most every 100 ms.
    const progress = {
      everyMs: 100,
      apply: (events: Progress[]) => {
        const pts: CurvePoint[] = [];
        let last: Progress | undefined;
        for (const p of events) {
          if (p.batch) {
            const b = p.batch;
            pts.push({ x: b.epoch + (b.batch + 1) / b.batchesPerEpoch, loss: b.loss, accuracy: b.accuracy });
          } else if (!p.epoch) last = p;
        }
        if (pts.length || last)
          updateRun(store, id, (r) => ({
            curve: pts.length ? [...r.curve, ...pts] : r.curve,
            progress: last ?? r.progress,
          }));
      },
    };
    if (kind === 'coreset') await deps.ensureSignalFiles(spec);
    const end = await jobs.runJob(id, kind === 'full' ? 'trainFull' : 'runCoreset', spec, progress);
    if (end.status === 'done') updateRun(store, id, finished(spec, summary, end.result));
    else if (end.status === 'cancelled') updateRun(store, id, { status: 'cancelled', progress: undefined });
    else {
      const run = store.getState().runs.find((r) => r.id === id);
      const lost = run && deps.lostDuring(run.startedAt);
      const error = lost ? `${end.error} — ${lost.reason}. Retry runs it on ${lost.name}.` : end.error;
      updateRun(store, id, { status: 'failed', error, progress: undefined });
    }
    return id;
  }

  return {
    trainFull: () => submit('full'),
    runCoreset: () => submit('coreset'),
    /** Cancels a run (queued or running), the dynamics run ('dynamics') or SWaST ('swast'). */
    async cancel(runId: string): Promise<void> {
      if (queued.delete(runId)) {
        updateRun(store, runId, { status: 'cancelled' });
        return;
      }
      await jobs.cancel(runId);
    },
    /** Runs a failed, cancelled or interrupted run's spec again, in place of that run. */
    async retry(runId: string): Promise<string | undefined> {
      const old = store.getState().runs.find((r) => r.id === runId);
      if (!old || old.status === 'running' || !old.spec) return undefined;
      let spec: ExperimentSpec;
      try {
        spec = validateSpec(old.spec);
      } catch (e) {
        store.setState({ notice: { kind: 'error', text: `This run cannot be retried: ${errorMessage(e)}` } });
        return undefined;
      }
      // The panels show the setup being run, as if the user had chosen it again.
      store.setState({ spec });
      removeRun(store, runId);
      return submit(old.kind, spec);
    },
  };
}
