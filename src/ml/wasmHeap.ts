/**
 * Our own SIMD kernels (wasm/heapKernels.wat) bound to the tfjs wasm backend's memory, so they
 * read and write tensors where the backend keeps them. One instance per backend memory; null
 * where it cannot be built (no SIMD, or a shared memory of a threaded build): callers then take
 * their tfjs path.
 */
import { HEAP_KERNELS_WASM } from './wasm/heapKernels';
import type * as tf from '@tensorflow/tfjs';

/** The parts of tfjs-backend-wasm's BackendWasm these kernels use. */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  disposeData(dataId: object): boolean;
}

/** The exports of heapKernels.wat; pointers are byte offsets into the backend's heap. */
export interface HeapExports {
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    out: number,
    n: number,
    lr: number,
    b1: number,
    b2: number,
    a1: number,
    a2: number,
    c1: number,
    c2: number,
    eps: number,
  ): void;
  convFilterGrad(
    xp: number,
    dy: number,
    dw: number,
    n: number,
    oh: number,
    ow: number,
    hp: number,
    wp: number,
    cp: number,
    oc: number,
    fh: number,
    fw: number,
    rows: number,
  ): void;
  colSum(x: number, out: number, rows: number, cols: number): void;
  /** 0 for y: no ReLU mask; 0 for dz: only the column sums. */
  reluGradColSum(g: number, y: number, dz: number, db: number, rows: number, cols: number): void;
  maxPoolGrad2x2(
    x: number,
    dy: number,
    dx: number,
    n: number,
    h: number,
    w: number,
    c: number,
    oh: number,
    ow: number,
  ): void;
}

export interface WasmBackendLike extends WasmHeapBackend {
  wasm?: { asm?: { memory?: unknown } };
  epsilon(): number;
}

const instances = new WeakMap<WebAssembly.Memory, HeapExports | null>();

/** The heap kernels bound to this wasm backend's memory, or null where that cannot be done. */
export function heapKernels(backend: WasmBackendLike): HeapExports | null {
  const memory = backend.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  if (!instances.has(memory)) {
    let k: HeapExports | null;
    try {
      const mod = new WebAssembly.Module(HEAP_KERNELS_WASM);
      k = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as HeapExports;
    } catch {
      k = null; // no SIMD, or a shared (threaded) memory
    }
    instances.set(memory, k);
  }
  return instances.get(memory) ?? null;
}

/** Byte offset of a tensor in the heap; read just before a call (any allocation may move the heap). */
export function heapOffset(
  backend: WasmHeapBackend,
  t: { dataId: object; shape: number[]; dtype: string },
): number {
  return backend.typedArrayFromHeap(t as Parameters<WasmHeapBackend['typedArrayFromHeap']>[0]).byteOffset;
}
