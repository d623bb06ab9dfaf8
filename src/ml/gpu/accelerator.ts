/**
 * When selection's similarity blocks run on the GPU (similarity.ts): only on a hardware WebGPU
 * adapter by default — on SwiftShader the SIMD kernels are faster —, always when forced
 * (`?selectGpu=1`, for tests), never when off (`?selectGpu=0`). The device is this module's own
 * (not tfjs's). A failure on the GPU (a lost device, a plan the device cannot hold) turns the
 * accelerator off for the rest of the worker's life and the CPU computes the block instead;
 * the run's diagnostics say so.
 */
import type { SimilarityAccelerator } from '../../core/math/accelerator';
import type { Diagnostic } from '../../core/methods/diagnostics';
import { gpuCosineGram, gpuKnn } from './similarity';
import { describeAdapter, type AdapterInfoLike } from '../adapterInfo';

export type SelectGpuMode = 'auto' | 'force' | 'off';

interface GpuHandle {
  device: GPUDevice;
  adapter: string;
  software: boolean;
}

let mode: SelectGpuMode = 'auto';
let handle: Promise<GpuHandle | null> | undefined;
/** Why the GPU path was turned off (a lost device, an error); undefined while it is usable. */
let failed: string | undefined;

export function setSelectGpuMode(m: SelectGpuMode): void {
  if (m === mode) return;
  mode = m;
  handle = undefined;
}

export function selectGpuMode(): SelectGpuMode {
  return mode;
}

async function openDevice(): Promise<GpuHandle | null> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return null;
  const { text, software } = describeAdapter(adapter as AdapterInfoLike);
  if (software && mode !== 'force') return null;
  const l = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
    },
  });
  void device.lost.then((info) => {
    failed ??= `the WebGPU device was lost (${info.message || info.reason})`;
    handle = undefined;
  });
  return { device, adapter: text, software };
}

/** The device selection would use now, or null (off, no adapter, software without force, failed). */
export function selectionDevice(): Promise<GpuHandle | null> {
  if (mode === 'off' || failed) return Promise.resolve(null);
  handle ??= openDevice().catch((e: unknown) => {
    failed = `no WebGPU device for selection (${e instanceof Error ? e.message : String(e)})`;
    return null;
  });
  return handle;
}

/** Test hook: loses the selection device (as a driver reset would). False when there is none. */
export async function loseSelectionDeviceForTest(): Promise<boolean> {
  const h = await handle;
  if (!h) return false;
  h.device.destroy();
  return true;
}

/** What one selection run did with the accelerator: blocks on the GPU, and a fallback's reason. */
export interface AcceleratorUse {
  adapter: string;
  gram: number;
  knn: number;
  fallback?: string;
}

/**
 * The accelerator for one selection run, or undefined when the GPU path is not taken (off, no
 * adapter, a software one unless forced). Once the GPU path has failed, it declines every block
 * and `use.fallback` says why. `use` counts what ran where (acceleratorDiagnostic shows it).
 */
export async function selectionAccelerator(): Promise<
  { accelerator: SimilarityAccelerator; use: AcceleratorUse } | undefined
> {
  const h = await selectionDevice();
  // After a failure every run that asks says so (and computes on the CPU).
  if (!h && !failed) return undefined;
  const use: AcceleratorUse = {
    adapter: h ? `${h.software ? 'software' : 'hardware'} (${h.adapter})` : 'none',
    gram: 0,
    knn: 0,
  };
  const guarded = async <T>(
    checkpoint: (() => void) | undefined,
    run: (checkpoint: () => void, device: GPUDevice) => Promise<T>,
  ): Promise<T | null> => {
    if (failed || !h) {
      use.fallback ??= failed;
      return null;
    }
    let cancelled = false;
    const check = (): void => {
      try {
        checkpoint?.();
      } catch (e) {
        cancelled = true;
        throw e;
      }
    };
    try {
      return await run(check, h.device);
    } catch (e) {
      if (cancelled) throw e;
      failed ??= `WebGPU similarity failed: ${e instanceof Error ? e.message : String(e)}`;
      use.fallback ??= failed;
      console.info(`coreset workbench: ${failed}; selection continues on the CPU (SIMD)`);
      return null;
    }
  };
  const accelerator: SimilarityAccelerator = {
    cosineGram: (m, o) =>
      guarded(o.checkpoint, async (checkpoint, device) => {
        const g = await gpuCosineGram(device, m.data, m.rows, m.dim, {
          clip: o.clip,
          onProgress: o.onProgress,
          checkpoint,
        });
        use.gram++;
        return g;
      }),
    knn: (m, k, o) =>
      guarded(o.checkpoint, async (checkpoint, device) => {
        const r = await gpuKnn(device, m.data, m.rows, m.dim, k, o.metric, {
          includeSelf: o.includeSelf,
          onProgress: o.onProgress,
          checkpoint,
        });
        use.knn++;
        return r;
      }),
  };
  return { accelerator, use };
}

/** A run-details table naming where the similarity blocks ran; null when the GPU did nothing. */
export function acceleratorDiagnostic(use: AcceleratorUse): Diagnostic | null {
  if (use.gram + use.knn === 0 && !use.fallback) return null;
  const rows: (string | number)[][] = [
    ['adapter', use.adapter],
    ['dense Gram blocks on WebGPU', use.gram],
    ['kNN blocks on WebGPU', use.knn],
  ];
  if (use.fallback) rows.push(['fell back to the CPU (SIMD)', use.fallback]);
  return { kind: 'table', title: 'Similarity kernels: WebGPU', columns: ['', ''], rows };
}
