/**
 * The only file that picks a tfjs backend. Policy (DESIGN.md, Backends): a hardware WebGPU
 * adapter first; on a software adapter (SwiftShader) or none, the fastest of wasm / webgl / cpu
 * that supports the job — measured on these machines: wasm ≈ 20–27 GFLOP/s, webgl/SwiftShader
 * ≈ 4, cpu ≈ 1, webgpu/SwiftShader ≈ 0.7. The user can override (`?backend=`, `--backend`);
 * the choice always carries the adapter and the reason, for the header.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './wasmKernels';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendChoice {
  name: BackendName;
  /** "hardware", "software (SwiftShader)", "none", or the adapter's own description. */
  adapter: string;
  reason: string;
  /** Warm-up matMul throughput on the chosen backend, GFLOP/s. */
  gflops: number;
}

export interface BackendOptions {
  override?: BackendName;
  /** Where the .wasm binaries are: URLs in the browser, a folder path in Node. */
  wasmPaths?: string | Record<string, string>;
}

interface AdapterProbe {
  available: boolean;
  software: boolean;
  description: string;
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

/** Looks at the WebGPU adapter without creating a device. */
export async function probeWebGpuAdapter(): Promise<AdapterProbe> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return { available: false, software: false, description: 'no WebGPU in this browser' };
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return { available: false, software: false, description: 'no WebGPU adapter' };
  const i = adapter.info ?? {};
  const text = [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' ');
  const software = adapter.isFallbackAdapter === true || /swiftshader|llvmpipe|software|lavapipe/i.test(text);
  return { available: true, software, description: text || 'unnamed adapter' };
}

async function trySet(name: BackendName, opts: BackendOptions): Promise<boolean> {
  try {
    if (name === 'wasm' && opts.wasmPaths) {
      // Threads crashed minified Vite builds and gain little on 2 cores (NOTES-tfjs.md).
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      setWasmPaths(opts.wasmPaths);
    }
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    if (tf.getBackend() !== name) return false;
    if (name === 'wasm') registerWasmTrainingKernels();
    return true;
  } catch {
    return false;
  }
}

/** Times a warm 256² matMul; reads back with data() (never dataSync on webgpu). */
export async function measureGflops(size = 256, reps = 3): Promise<number> {
  const a = tf.randomNormal([size, size], 0, 1, 'float32', 1);
  const warm = tf.matMul(a, a);
  await warm.data();
  warm.dispose();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    const c = tf.matMul(a, a);
    await c.data();
    c.dispose();
  }
  const ms = (performance.now() - t0) / reps;
  a.dispose();
  return (2 * size ** 3) / (ms * 1e6);
}

/** Picks and initialises a backend; call once per worker (never switch in a live worker). */
export async function initBackend(opts: BackendOptions = {}): Promise<BackendChoice> {
  const adapter = await probeWebGpuAdapter();
  const adapterText = adapter.available
    ? `${adapter.software ? 'software' : 'hardware'} (${adapter.description})`
    : adapter.description;
  const fallbacks: BackendName[] = ['wasm', 'webgl', 'cpu'];
  let reason: string;
  let order: BackendName[];
  if (opts.override) {
    order = [opts.override, ...fallbacks.filter((b) => b !== opts.override)];
    reason = `requested ${opts.override}`;
  } else if (adapter.available && !adapter.software) {
    order = ['webgpu', ...fallbacks];
    reason = 'hardware WebGPU adapter';
  } else {
    order = fallbacks;
    reason = adapter.available
      ? 'software WebGPU adapter is slower here; wasm (SIMD) is the fastest real option'
      : `${adapter.description}; wasm (SIMD) is the fastest option`;
  }
  for (const name of order) {
    if (await trySet(name, opts)) {
      if (name !== order[0]) reason = `${order[0]} failed to start; fell back to ${name} (${reason})`;
      const gflops = await measureGflops();
      return { name, adapter: adapterText, reason, gflops };
    }
  }
  throw new Error('no tfjs backend could be initialised');
}
