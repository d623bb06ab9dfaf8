/**
 * WebAssembly SIMD kernels for the hot loops of core/math (kernels.wat). JS loops over typed
 * arrays run at about 1 GFLOP/s here; f32x4 lanes do several times that, which is what it takes
 * to keep up with NumPy's BLAS (bench/selection.ts). Instantiated synchronously (the module is
 * about 3.98 KB, under the 4 KB a main-thread synchronous compile may take in older Chromium); where WebAssembly or SIMD is missing,
 * `simdKernels()` returns null and callers keep their plain loops.
 */
import { KERNELS_WASM } from './kernels';

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface KernelExports {
  memory: WasmMemory;
  /** out[k] = ⟨row idx[k], row at byte c⟩; rows dp floats long (dp % 8 == 0). */
  dots(c: number, idx: number, count: number, dp: number, out: number): void;
  /** out[k] = ⟨row from + k of the matrix at byte x, row at byte c⟩ (dp % 4 == 0). */
  dotsRange(c: number, x: number, from: number, count: number, dp: number, out: number): void;
  /**
   * out at byte out + r·ostride + 4k = ⟨row from + k, centre r⟩ for r < 4 (centres contiguous
   * at byte c, dp floats each), k < count; the same bits as four dotsRange calls.
   */
  dots4Range(
    c: number,
    x: number,
    from: number,
    count: number,
    dp: number,
    out: number,
    ostride: number,
  ): void;
  /**
   * Lower triangle from the upper one in 4×4 blocks: rows i..i+3, columns j..j+3 (j < i, both
   * multiples of 4, i < n4) ← the transpose of rows j..j+3, columns i..i+3; rows np floats apart.
   */
  mirror4(sim: number, n4: number, np: number): void;
  /** Σ_i max(0, s·w_i − cov_i) (n % 4 == 0, cov ≥ 0). */
  gain(w: number, cov: number, n: number, s: number): number;
  /** cov_i = max(cov_i, s·w_i) (n % 4 == 0). */
  cover(w: number, cov: number, n: number, s: number): void;
  /**
   * kNN tile scan: writes i·65536 + j (row-major order) of each tile pair with
   * mul·tile[i][j] ≥ min(ra[i] + cb[j], ca[j] + rb[i]), for i < na and j < nb rounded up to a
   * multiple of 4 (tile rows tstride bytes apart); returns how many.
   */
  knnScan(
    tile: number,
    na: number,
    nb: number,
    tstride: number,
    ra: number,
    rb: number,
    ca: number,
    cb: number,
    mul: number,
    out: number,
  ): number;
  /** out[i] = ‖row i‖² for i < n (rows dp floats, dp % 4 == 0, padding lanes zero). */
  sqNorms(x: number, n: number, dp: number, out: number): void;
  /**
   * k-means assignment + centroid sums in one pass: asg[i] = nearest of the packed centres
   * (groups of four, interleaved per f32x4 chunk; cn[c] = ‖c‖², +inf for padding), mind[i] =
   * cn − 2⟨row, c⟩ for it, sums[c] += row, sizes[c] += 1 (sums and sizes zeroed by the caller).
   * Returns how many rows changed centre.
   */
  assign(
    x: number,
    n: number,
    dp: number,
    cen: number,
    cn: number,
    groups: number,
    asg: number,
    mind: number,
    sums: number,
    sizes: number,
  ): number;
}

/** The slice of the WebAssembly API core uses (core compiles without DOM or Node types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

let compiled: object | null | undefined;

function wasmModule(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    compiled = api ? new api.Module(KERNELS_WASM) : null;
  } catch {
    compiled = null; // no SIMD support: plain loops
  }
  return compiled;
}

/**
 * A fresh instance with its own memory of at least `bytes` (each caller owns one, so an
 * interleaved async caller can never overwrite another's buffers). Null when unavailable.
 */
export function simdKernels(bytes: number): KernelExports | null {
  const mod = wasmModule();
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!mod || !api || disabled) return null;
  const k = new api.Instance(mod, {}).exports as KernelExports;
  const pages = Math.ceil(bytes / 65536) - k.memory.buffer.byteLength / 65536;
  if (pages > 0) k.memory.grow(pages);
  return k;
}

let disabled = false;

/** Whether simdKernels() can return kernels now (WebAssembly SIMD present and not switched off). */
export function simdAvailable(): boolean {
  return !disabled && wasmModule() !== null;
}

/** Tests compare the SIMD path with the plain loops by switching it off. */
export function setSimdEnabled(on: boolean): void {
  disabled = !on;
}

/** Lays out regions in one memory: `take(bytes)` returns aligned byte offsets in order. */
export function layout(): { take: (bytes: number) => number; readonly size: number } {
  let size = 0;
  return {
    take(bytes: number) {
      const at = size;
      size += Math.ceil(bytes / 16) * 16;
      return at;
    },
    get size() {
      return size;
    },
  };
}

/** Instances kept between runs, one per owner (a selection kernel: 'kcenter', 'knn', …). */
const kept = new Map<string, KernelExports>();

/**
 * The instance `owner` kept when its last run finished (grown to `bytes`), or a fresh one. A
 * fresh memory costs a page fault per 4 KiB touched (about 10 µs each on the VMs measured
 * here), so runs that reuse one skip that. The caller takes it for the whole run (a run started
 * meanwhile, e.g. from a progress callback, gets a fresh one), hands it back with keepKernels()
 * when nothing it returns lives in that memory any more, and must not rely on its contents:
 * they are the last run's. Null when SIMD is unavailable or switched off.
 */
export function takeKernels(owner: string, bytes: number): KernelExports | null {
  if (!simdAvailable()) return null;
  const k = kept.get(owner);
  if (!k) return simdKernels(bytes);
  kept.delete(owner);
  const pages = Math.ceil((bytes - k.memory.buffer.byteLength) / 65536);
  if (pages > 0) k.memory.grow(pages);
  return k;
}

/** Hands an instance back for `owner`'s next run (see takeKernels). */
export function keepKernels(owner: string, k: KernelExports): void {
  kept.set(owner, k);
}

/** Drops every kept instance (e.g. when a worker goes idle); the next runs start fresh. */
export function dropKeptKernels(): void {
  kept.clear();
}

let scratch: { k: KernelExports; bytes: number } | null = null;

/**
 * One shared instance for synchronous kernels that copy their inputs in and their results out
 * before returning (so no caller can interleave with another); grown on demand. Null when
 * SIMD is unavailable or switched off.
 */
export function scratchKernels(bytes: number): KernelExports | null {
  if (disabled) return null;
  if (scratch && scratch.bytes >= bytes) return scratch.k;
  const k = simdKernels(Math.max(bytes, scratch ? scratch.bytes * 2 : 0));
  if (!k) return null;
  scratch = { k, bytes: k.memory.buffer.byteLength };
  return k;
}
