/**
 * Picks the tfjs backend at start (ml/workloadProbe.ts re-picks per workload, through
 * `switchBackend`). Policy (docs/design.md, Backends): a hardware WebGPU
 * adapter first; on a software adapter (SwiftShader) or none, the fastest of wasm / webgl / cpu
 * that supports the job — measured on these machines: wasm ≈ 20–27 GFLOP/s, webgl/SwiftShader
 * ≈ 4, cpu ≈ 1, webgpu/SwiftShader ≈ 0.7. The user can override (`?backend=`, `--backend`);
 * the choice always carries the adapter and the reason, for the header.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './wasmKernels';
import { describeAdapter, type AdapterInfoLike } from './adapterInfo';
import type { WorkloadChoice } from './workloadPick';
import { BACKENDS, type BackendName } from './backendNames';

export { BACKENDS, type BackendName };

export interface BackendChoice {
  name: BackendName;
  /** "hardware", "software (SwiftShader)", "none", or the adapter's own description. */
  adapter: string;
  reason: string;
  /** Warm-up matMul throughput on the chosen backend, GFLOP/s. */
  gflops: number;
  /** What the probe measured on each backend it tried (the figures behind the choice). */
  probes?: BackendProbe[];
  /** The probe figures came from this device's cache rather than from this start. */
  probeCached?: boolean;
  /** Set once a job's workload was timed per backend (ml/workloadProbe.ts): its figures and pick. */
  workload?: WorkloadChoice;
  /**
   * A deferred start (`defer`): the backends not measured yet, left to `probeOthers` while the
   * worker is idle (ml/idleProbe.ts).
   */
  pending?: BackendName[];
  /** This choice is `probeOthers`' result: news of figures measured later, not of a lost device. */
  measuredLater?: boolean;
}

export interface BackendProbe {
  name: BackendName;
  /** 256² matMul throughput after a warm-up, GFLOP/s; absent when the backend failed to start. */
  gflops?: number;
  error?: string;
}

/** Where probe results are kept per device, so the probe runs once (worker: IndexedDB). */
export interface ProbeCache {
  get(device: string): Promise<BackendProbe[] | undefined>;
  set(device: string, probes: BackendProbe[]): Promise<void>;
}

export interface BackendOptions {
  override?: BackendName;
  /** Backends not to try (after a WebGPU device was lost, webgpu). */
  exclude?: readonly BackendName[];
  /** Why this is a re-initialisation, put in front of the reason (e.g. the lost device). */
  after?: string;
  /** Measure every available backend and take the fastest (default true without override). */
  probe?: boolean;
  probeCache?: ProbeCache;
  /**
   * Without cached figures, start on the likeliest backend (a hardware WebGPU adapter, else wasm)
   * and measure only it; the others are in `pending` for `probeOthers` (issue 21: a first visit
   * should not wait for four backends to compile their kernels).
   */
  defer?: boolean;
  /** The WebGPU adapter as already known (workers/api/adapterMemory.ts); asked for when absent. */
  adapter?: AdapterProbe;
  /** Where the .wasm binaries are: URLs in the browser, a folder path in Node. */
  wasmPaths?: string | Record<string, string>;
}

export interface AdapterProbe {
  available: boolean;
  software: boolean;
  description: string;
}

interface GpuLike {
  requestAdapter(): Promise<AdapterInfoLike | null>;
}

/** Looks at the WebGPU adapter without creating a device. */
export async function probeWebGpuAdapter(): Promise<AdapterProbe> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return { available: false, software: false, description: 'no WebGPU in this browser' };
  let adapter: AdapterInfoLike | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return { available: false, software: false, description: 'no WebGPU adapter' };
  const { text, software } = describeAdapter(adapter);
  return { available: true, software, description: text };
}

export async function trySet(name: BackendName, opts: BackendOptions): Promise<boolean> {
  try {
    if (name === 'wasm' && opts.wasmPaths) {
      // Threads crashed minified Vite builds and gain little on 2 cores (docs/tfjs-notes.md).
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      setWasmPaths(opts.wasmPaths);
    }
    // The browser build leaves these out of the worker's first chunk (ml/tfjsLean.ts).
    if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
    if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
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

/** Switches the active backend to `name` (started before or not); false when it will not start. */
export function switchBackend(name: BackendName, opts: BackendOptions = {}): Promise<boolean> {
  return tf.getBackend() === name ? Promise.resolve(true) : trySet(name, opts);
}

/** Identifies this device for the probe cache: same browser, adapter and core count. */
export function deviceKey(adapter: string): string {
  const nav = (globalThis as { navigator?: { userAgent?: string; hardwareConcurrency?: number } }).navigator;
  return JSON.stringify([
    'probe',
    1,
    nav?.userAgent ?? 'node',
    nav?.hardwareConcurrency ?? 0,
    adapter,
    tf.version.tfjs,
  ]);
}

/**
 * Measures each candidate (a short warm 256² matMul) and returns the figures. Every backend is
 * started once; the caller then switches to the winner.
 */
export async function probeBackends(
  candidates: BackendName[],
  opts: BackendOptions,
): Promise<BackendProbe[]> {
  const out: BackendProbe[] = [];
  for (const name of candidates) {
    if (!(await trySet(name, opts))) {
      out.push({ name, error: 'failed to start' });
      continue;
    }
    try {
      out.push({ name, gflops: await measureGflops(256, 2) });
    } catch (e) {
      out.push({ name, error: (e as Error).message });
    }
  }
  return out;
}

/**
 * The winner among measured backends: the fastest, except that a hardware WebGPU adapter is
 * kept whenever it is at least as fast (within 10 %) — it frees the CPU for the page.
 */
export function pickFastest(
  probes: readonly BackendProbe[],
  hardwareWebGpu: boolean,
): BackendProbe | undefined {
  const ok = probes.filter((p) => p.gflops !== undefined);
  const best = ok.reduce<BackendProbe | undefined>(
    (a, p) => (!a || p.gflops! > a.gflops! ? p : a),
    undefined,
  );
  const gpu = ok.find((p) => p.name === 'webgpu');
  if (hardwareWebGpu && gpu && best && gpu.gflops! >= 0.9 * best.gflops!) return gpu;
  return best;
}

export function describeProbes(probes: readonly BackendProbe[]): string {
  return probes.map((p) => `${p.name} ${p.gflops !== undefined ? p.gflops.toFixed(1) : '✗'}`).join(', ');
}

/** Picks and initialises a backend; call once per worker (a lost GPU re-initialises). */
export async function initBackend(opts: BackendOptions = {}): Promise<BackendChoice> {
  const adapter = opts.adapter ?? (await probeWebGpuAdapter());
  const adapterText = adapter.available
    ? `${adapter.software ? 'software' : 'hardware'} (${adapter.description})`
    : adapter.description;
  const exclude = (b: BackendName) => !opts.exclude?.includes(b);
  if (!opts.override && opts.probe !== false) {
    const candidates = (adapter.available ? BACKENDS : BACKENDS.filter((b) => b !== 'webgpu')).filter(
      exclude,
    );
    const key = deviceKey(adapterText);
    let probes = await opts.probeCache?.get(key).catch(() => undefined);
    const cached = probes !== undefined && candidates.every((c) => probes!.some((p) => p.name === c));
    if (!cached && opts.defer) return startLikeliest(adapter, adapterText, candidates, opts, probes);
    if (!cached) probes = await probeBackends(candidates, opts);
    const usable = probes!.filter((p) => candidates.includes(p.name));
    // The fastest that starts; a cached winner that no longer starts falls through to the next.
    const ranked = [...usable].sort((a, b) => (b.gflops ?? -1) - (a.gflops ?? -1));
    const first = pickFastest(usable, adapter.available && !adapter.software);
    if (first) ranked.unshift(first);
    for (const p of ranked) {
      if (p.gflops === undefined || !(await trySet(p.name, opts))) continue;
      if (!cached) await opts.probeCache?.set(key, probes!).catch(() => {});
      let reason = `fastest measured here (GFLOP/s: ${describeProbes(usable)}${cached ? ', from this device’s cache' : ''})`;
      if (p.name === 'webgpu' && adapter.available && !adapter.software)
        reason = `hardware WebGPU at least as fast as the rest (${describeProbes(usable)})`;
      if (opts.after) reason = `${opts.after}; now ${p.name} (${reason})`;
      return {
        name: p.name,
        adapter: adapterText,
        reason,
        gflops: p.gflops,
        probes: usable,
        probeCached: cached,
      };
    }
    throw new Error(`no tfjs backend could be initialised (${describeProbes(usable)})`);
  }
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
  if (opts.exclude?.length) order = order.filter(exclude);
  for (const name of order) {
    if (await trySet(name, opts)) {
      if (name !== order[0]) reason = `${order[0]} failed to start; fell back to ${name} (${reason})`;
      if (opts.after) reason = `${opts.after}; now ${name} (${reason})`;
      const gflops = await measureGflops();
      return { name, adapter: adapterText, reason, gflops };
    }
  }
  throw new Error('no tfjs backend could be initialised');
}

/**
 * The deferred start: the first of (hardware WebGPU,) wasm, webgl, cpu that starts, measured
 * alone (its figure kept per device: a later deferred start reads it, `known`); every other
 * candidate is left pending.
 */
async function startLikeliest(
  adapter: AdapterProbe,
  adapterText: string,
  candidates: readonly BackendName[],
  opts: BackendOptions,
  known: readonly BackendProbe[] = [],
): Promise<BackendChoice> {
  const hardware = adapter.available && !adapter.software;
  const order = (hardware ? BACKENDS : (['wasm', 'webgl', 'cpu'] as const)).filter((b) =>
    candidates.includes(b),
  );
  for (const name of order) {
    if (!(await trySet(name, opts))) continue;
    const kept = known.find((p) => p.name === name)?.gflops;
    const gflops = kept ?? (await measureGflops(256, 2));
    const others = known.filter((p) => p.name !== name);
    if (kept === undefined)
      void opts.probeCache?.set(deviceKey(adapterText), [...others, { name, gflops }]).catch(() => {});
    const pending = candidates.filter((c) => c !== name);
    const why = hardware
      ? 'hardware WebGPU adapter'
      : adapter.available
        ? 'software WebGPU adapter: wasm (SIMD) is usually fastest'
        : `${adapter.description}: wasm (SIMD) is usually fastest`;
    const later = pending.length ? `; ${pending.join(', ')} measured once the worker is idle` : '';
    return {
      name,
      adapter: adapterText,
      reason: `likeliest fastest (${why}${name !== order[0] ? `; ${order[0]} failed to start` : ''})${later}`,
      gflops,
      probes: [{ name, gflops }],
      probeCached: kept !== undefined,
      pending,
    };
  }
  throw new Error(`no tfjs backend could be initialised (tried ${order.join(', ')})`);
}
