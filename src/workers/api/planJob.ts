/**
 * A comparison plan in the lab worker: the shared runner (core/experiment/runner.ts) over the ml
 * executor, streaming progress (throttled to ~20 a second) and every finished record and
 * reference to the main thread as it lands, so curves fill in while the plan runs.
 */
import type { PreparedData, SplitProvider } from '../../core/data/prepare';
import type { ExperimentPlan } from '../../core/experiment/plan';
import { runPlan, type PlanResult } from '../../core/experiment/runner';
import { createExecutor } from '../../ml/executor';
import type { JobContext } from './jobTypes';
import type { PlanProgressDto } from './types';

export async function runPlanJob(
  plan: ExperimentPlan,
  provider: SplitProvider,
  ctx: JobContext<PlanProgressDto>,
  preloaded?: { key: string; data: PreparedData },
): Promise<PlanResult> {
  const { signal } = ctx;
  return runPlan(plan, createExecutor(provider, { signal, preloaded }), {
    signal,
    now: () => performance.now(),
    onProgress: (progress) => ctx.tick({ progress }, progress.overall),
    onRecord: (record) => ctx.report({ record }),
    onReference: (reference) => ctx.report({ reference }),
  });
}
