/**
 * Runs an in-training method (core/methods/types.ts InTrainingMethod) for one experiment spec:
 * builds the training loops ml offers (InTrainingTrainers, one per method) for the spec's data
 * and calls the method's `run`. The executor (compare, in the worker and the CLI) uses it; a new
 * in-training method adds its trainer here, one line.
 */
import type { PreparedData, SplitProvider } from '../core/data/prepare';
import type { ExperimentSpec } from '../core/experiment/spec';
import type { InTrainingMethod, InTrainingOutcome, InTrainingTrainers } from '../core/methods/types';
import { retrieveTrainer } from './ssl/trainer';
import { swastTrainer } from './swast';

export function inTrainingTrainers(
  data: PreparedData,
  spec: ExperimentSpec,
  provider: SplitProvider,
): InTrainingTrainers {
  return {
    swast: swastTrainer(data, spec),
    retrieve: retrieveTrainer(spec, provider),
  };
}

export function runInTraining(
  method: InTrainingMethod,
  data: PreparedData,
  spec: ExperimentSpec,
  provider: SplitProvider,
  hooks: { signal?: AbortSignal; onProgress?: (done: number, message?: string) => void } = {},
): Promise<InTrainingOutcome> {
  return method.run(data, spec.params, {
    fraction: spec.fraction,
    seed: spec.seed,
    onProgress: hooks.onProgress ?? (() => {}),
    signal: hooks.signal ?? new AbortController().signal,
    trainers: inTrainingTrainers(data, spec, provider),
  });
}
