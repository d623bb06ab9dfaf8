/**
 * A comparison plan in the lab worker: the shared runner (core/experiment/runner.ts) over the ml
 * executor, streaming progress (throttled to ~20 a second) and every finished record and
 * reference to the main thread as it lands, so curves fill in while the plan runs.
 */
import type { PreparedData, SplitProvider } from '../../core/data/prepare';
import type { ExperimentPlan } from '../../core/experiment/plan';
import { runPlan, type PlanResult } from '../../core/experiment/runner';
import { createExecutor } from '../../ml/executor';
import type { PlanProgressDto } from './types';

export async function runPlanJob(
  plan: ExperimentPlan,
  provider: SplitProvider,
  signal: AbortSignal,
  onProgress: (p: PlanProgressDto) => void,
  preloaded?: { key: string; data: PreparedData },
): Promise<PlanResult> {
  let lastSent = 0;
  return runPlan(plan, createExecutor(provider, { signal, preloaded }), {
    signal,
    now: () => performance.now(),
    onProgress: (progress) => {
      const now = performance.now();
      if (progress.overall < 1 && now - lastSent < 50) return;
      lastSent = now;
      onProgress({ progress });
    },
    onRecord: (record) => onProgress({ record }),
    onReference: (reference) => onProgress({ reference }),
  });
}
