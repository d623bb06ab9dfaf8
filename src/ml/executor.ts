/**
 * The experiment runner's executor (core/experiment/runner.ts ExperimentExecutor) over
 * ml/pipeline.ts: prepares each (dataset, corruption, seed) group's data once, runs
 * runSelection + trainAndEvaluate per cell (an in-training method's own run instead, ml/inTraining.ts)
 * and trainAndEvaluate on all rows for the reference.
 * The browser worker and the CLI both use it (and the worker's coreset job runs coresetRun), so a comparison gives the same numbers in each.
 */
import { dataKeyOf, prepareData, type PreparedData, type SplitProvider } from '../core/data/prepare';
import type { CellResult, EvalResult, ExecutionHooks, ExperimentExecutor } from '../core/experiment/runner';
import type { ExperimentSpec } from '../core/experiment/spec';
import { getMethod } from '../core/methods/registry';
import type { InTrainingMethod } from '../core/methods/types';
import { runInTraining } from './inTraining';
import { keptTruth, type KeptTruth } from '../core/data/keptTruth';
import {
  runSelection,
  trainAndEvaluate,
  type PhaseHooks,
  type SelectOutcome,
  type TrainOutcome,
} from './pipeline';

export interface ExecutorOptions {
  /** Cancels whatever cell or reference is running (the runner checks it between cells too). */
  signal?: AbortSignal;
  /** Prepared data already in memory (the worker's loaded dataset) under its dataKeyOf key. */
  preloaded?: { key: string; data: PreparedData };
}

/** A pre-training method's run: its selection, the model trained on it, and what it kept. */
export interface CoresetRun extends SelectOutcome {
  train: TrainOutcome;
  kept: KeptTruth;
}

/**
 * Selects a coreset and trains and evaluates on it: the one run behind a comparison's cell and
 * the worker's coreset job, so both report the same outcome (noisy / OOD kept included).
 */
export async function coresetRun(
  data: PreparedData,
  spec: ExperimentSpec,
  hooks: PhaseHooks,
): Promise<CoresetRun> {
  const selected = await runSelection(data, spec, hooks);
  const train = await trainAndEvaluate(data, spec, selected.selection.indices, hooks);
  return { ...selected, train, kept: keptTruth(data.truth, selected.selection.indices) };
}

function evalResult(o: TrainOutcome, data: PreparedData): EvalResult {
  return {
    metrics: o.metrics,
    adversarial: o.adversarial,
    trainingMs: o.timings.trainingMs ?? NaN,
    evaluationMs: o.timings.evaluationMs ?? NaN,
    trainSize: data.train.labels.length,
    trainBudget: o.trainBudget,
    steps: o.steps,
  };
}

export function createExecutor(provider: SplitProvider, opts: ExecutorOptions = {}): ExperimentExecutor {
  const prepared = new Map<string, Promise<PreparedData>>();
  if (opts.preloaded) prepared.set(opts.preloaded.key, Promise.resolve(opts.preloaded.data));

  async function dataFor(spec: ExperimentSpec, hooks: ExecutionHooks): Promise<PreparedData> {
    const key = dataKeyOf(spec);
    let p = prepared.get(key);
    if (!p) {
      hooks.onPhase('loading', 0, 'preparing data');
      p = prepareData(spec, provider);
      p.catch(() => prepared.delete(key));
      prepared.set(key, p);
    }
    const data = await p;
    hooks.onPhase('loading', 1);
    return data;
  }

  /** An in-training method's run in a cell's columns: its kept rows, its model's test metrics, its setting. */
  async function inTrainingCell(
    method: InTrainingMethod,
    data: PreparedData,
    spec: ExperimentSpec,
    hooks: ExecutionHooks,
  ): Promise<CellResult> {
    const o = await runInTraining(method, data, spec, provider, {
      signal: opts.signal,
      onProgress: (done, message) => hooks.onPhase('training', done, message),
    });
    hooks.onPhase('evaluation', 1);
    const kept = o.kept ? keptTruth(data.truth, o.kept) : { oodKept: o.oodKept, oodTotal: o.oodTotal };
    return {
      metrics: o.metrics,
      trainingMs: o.trainingMs,
      evaluationMs: o.evaluationMs,
      trainSize: data.train.labels.length,
      trainBudget: 'epochs',
      steps: o.steps,
      coresetSize: o.keptSize,
      signalsMs: 0,
      selectionMs: o.selectionMs,
      ...kept,
      setting: o.setting,
    };
  }

  function phaseHooks(hooks: ExecutionHooks): PhaseHooks {
    return { signal: opts.signal, onPhase: (phase, done, message) => hooks.onPhase(phase, done, message) };
  }

  return {
    async reference(spec, hooks) {
      const data = await dataFor(spec, hooks);
      const o = await trainAndEvaluate(data, spec, undefined, phaseHooks(hooks));
      return evalResult(o, data);
    },

    async cell(spec, hooks): Promise<CellResult> {
      const data = await dataFor(spec, hooks);
      const method = getMethod(spec.method);
      if (method.kind === 'in-training') return inTrainingCell(method, data, spec, hooks);
      const { selection, timings, health, train, kept } = await coresetRun(data, spec, phaseHooks(hooks));
      return {
        ...evalResult(train, data),
        coresetSize: selection.indices.length,
        health,
        signalsMs: timings.signalsMs ?? NaN,
        selectionMs: timings.selectionMs ?? NaN,
        ...kept,
      };
    },

    release(spec) {
      prepared.delete(dataKeyOf(spec));
    },
  };
}
