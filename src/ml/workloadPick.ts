/**
 * The backend pick per workload (issue 21): the matMul probe says which backend multiplies
 * fastest, but a small model's training step is dispatch-bound, so each workload (model kind on
 * an input shape) is timed as one warm training step per backend and the fastest step wins. No
 * tfjs here: the figures in, the pick out.
 */
import type { BackendName } from './backendNames';

/** One backend's warm training step for one workload; `error` when it failed or ran over budget. */
export interface WorkloadProbe {
  name: BackendName;
  /** Milliseconds per warm training step (batch `WORKLOAD_BATCH`). */
  msPerStep?: number;
  error?: string;
}

/** What the page shows and the worker trains on for one workload. */
export interface WorkloadChoice {
  /** "mlp on 28×28×1": the model kind and the input shape. */
  workload: string;
  pick: BackendName;
  probes: WorkloadProbe[];
  /** The figures came from this device's cache. */
  cached: boolean;
}

/** Steps are timed at the batch size the lab trains with by default. */
export const WORKLOAD_BATCH = 64;

export function workloadName(kind: string, shape: readonly number[]): string {
  return `${kind} on ${shape.join('×')}`;
}

/**
 * The fastest step among the backends that measured, except that a hardware WebGPU adapter is
 * kept when it is within 10 % of the fastest (it frees the CPU for the page). Undefined when
 * nothing measured.
 */
export function pickForWorkload(
  probes: readonly WorkloadProbe[],
  hardwareWebGpu: boolean,
): WorkloadProbe | undefined {
  const ok = probes.filter((p) => p.msPerStep !== undefined && Number.isFinite(p.msPerStep));
  const best = ok.reduce<WorkloadProbe | undefined>(
    (a, p) => (!a || p.msPerStep! < a.msPerStep! ? p : a),
    undefined,
  );
  const gpu = ok.find((p) => p.name === 'webgpu');
  if (hardwareWebGpu && gpu && best && gpu.msPerStep! <= best.msPerStep! / 0.9) return gpu;
  return best;
}

/** "wasm 3.1, webgl 12.0, cpu ✗ (over budget)" — ms per step, for the header. */
export function describeWorkloadProbes(probes: readonly WorkloadProbe[]): string {
  return probes
    .map((p) =>
      p.msPerStep !== undefined
        ? `${p.name} ${p.msPerStep.toFixed(1)}`
        : `${p.name} ✗ (${p.error ?? 'failed'})`,
    )
    .join(', ');
}
