/**
 * The lab worker's jobs (jobTypes.ts JobMap), each a function of its request and a JobContext:
 * the session runs them by name behind one entry, which owns the cancel map. Every result is
 * plain data that structured-clones; arrays made for it are transferred, not copied.
 */
import type { PreparedData, SplitProvider } from '../../core/data/prepare';
import type { ImportedForRun } from '../../ml/signals';
import { validateSpec, type ExperimentSpec } from '../../core/experiment/spec';
import { recordDiagnostics } from '../../core/signals/recordDiagnostics';
import type { BackendChoice } from '../../ml/backend';
import { coresetRun } from '../../ml/executor';
import { trainAndEvaluate, type PhaseHooks } from '../../ml/pipeline';
import { getRecordedRun } from '../../ml/signals';
import type { JobContext, JobTable } from './jobTypes';
import { runPlanJob } from './planJob';
import { createSslJobs } from './sslJob';
import { runSwastJob } from './swastJob';
import { transferOwned } from './transfer';
import type { CoresetOutcomeDto, DynamicsDto, Progress } from './types';

/** What the jobs need from the session: the backend, the loaded data and the imported signals. */
export interface JobEnv {
  /** Starts the backend (once) and says which it is. */
  ready(): Promise<BackendChoice>;
  /** The loaded data, checked to be the data `spec` describes, and its key. */
  loaded(spec: ExperimentSpec): { data: PreparedData; key: string };
  /** Moves to the backend fastest for this spec's model on this data (when no other job runs). */
  tune(spec: ExperimentSpec, data: PreparedData): Promise<void>;
  /** Whatever data is loaded (a plan reuses it when its own data matches). */
  current(): { data: PreparedData; key: string } | undefined;
  provider: SplitProvider;
  /** Imported embeddings / scores for a run on `data`. */
  imported(spec: ExperimentSpec, data: PreparedData): ImportedForRun | undefined;
}

/** Training's phases as job progress: phases throttled, batches and epochs sent as they come. */
function phaseHooks(ctx: JobContext<Progress>): PhaseHooks & { signal: AbortSignal } {
  return {
    signal: ctx.signal,
    onPhase: (phase, done, message) => ctx.tick({ phase, done, message }, done),
    onBatch: (batch) => ctx.report({ phase: 'training', done: -1, batch }),
    onEpoch: (epoch) => ctx.report({ phase: 'training', done: -1, epoch }),
  };
}

/** Validates the spec and waits for the backend fastest for it: the loaded data for it. */
async function prepared(env: JobEnv, rawSpec: ExperimentSpec) {
  const spec = validateSpec(rawSpec);
  await env.ready();
  const loaded = env.loaded(spec);
  await env.tune(spec, loaded.data);
  return { spec, ...loaded };
}

/** Every job but loadData, which the session runs itself (it replaces the loaded data). */
export function createLabJobs(env: JobEnv): Omit<JobTable, 'loadData'> {
  const ssl = createSslJobs(env.provider);
  return {
    async trainFull(rawSpec, ctx) {
      const { spec, data } = await prepared(env, rawSpec);
      const o = await trainAndEvaluate(data, spec, undefined, phaseHooks(ctx));
      return {
        metrics: o.metrics,
        epochs: o.train.epochs,
        samplesPerSecond: o.train.samplesPerSecond,
        timings: o.timings,
        adversarial: o.adversarial,
        adversarialRows: o.adversarialRows,
      };
    },

    async runCoreset(rawSpec, ctx) {
      const { spec, data } = await prepared(env, rawSpec);
      const hooks = { ...phaseHooks(ctx), imported: env.imported(spec, data) };
      const { selection, timings, train: o, kept } = await coresetRun(data, spec, hooks);
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
        noisyKept: kept.noisyKept,
        oodKept: kept.oodKept,
      };
      return transferOwned(outcome, [outcome.indices, outcome.scores]);
    },

    async trainingDynamics(rawSpec, ctx) {
      const { spec, data, key } = await prepared(env, rawSpec);
      const t0 = performance.now();
      const { run, cached } = await getRecordedRun(data, spec, {
        inputGrads: false,
        signal: ctx.signal,
        progress: (done, message) => ctx.tick({ phase: 'signals', done, message }, done),
      });
      const { labels, classNames } = data.train;
      const dynamics: DynamicsDto = {
        dataKey: key,
        epochs: run.record.epochs,
        cached,
        ms: performance.now() - t0,
        diagnostics: recordDiagnostics(run.record, labels, classNames, data.truth.noisyMask),
        trueProb: run.record.trueProb.slice(),
        correct: run.record.correct.slice(),
      };
      return transferOwned(dynamics, [dynamics.trueProb, dynamics.correct]);
    },

    async runSwast({ spec: rawSpec, swast }, ctx) {
      const { spec, data, key } = await prepared(env, rawSpec);
      return runSwastJob(data, key, spec, swast, ctx);
    },

    async runSsl(spec, ctx) {
      const choice = await env.ready();
      return ssl.run(spec, ctx, choice.name);
    },

    async runPlan(plan, ctx) {
      await env.ready();
      return runPlanJob(plan, env.provider, ctx, env.current());
    },
  };
}
