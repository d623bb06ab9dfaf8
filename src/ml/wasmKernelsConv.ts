/**
 * Faster conv-net gradient kernels for the wasm backend (issue "Performance"). A profile of one
 * CNN training step on MNIST (batch 64) put 76% of the time in three kernels:
 * Conv2DBackpropInput (wasm's own, 30 ms: a naive loop), our im2col Conv2DBackpropFilter (16 ms:
 * im2col in a JS array, a copy into the heap, then a 7744×144 transpose before BatchMatMul) and
 * MaxPoolGrad (wasm's own, 15 ms). The replacements:
 * - Conv2DBackpropInput (stride 1) is a "full" convolution of dy with the filter rotated by 180°
 *   and its in/out channels swapped, so it runs on wasm's XNNPACK Conv2D (as fast as the
 *   forward pass). Strided convolutions keep wasm's kernel.
 * - Conv2DBackpropFilter, stride 1 and a multiple of 8 output channels: a SIMD kernel of ours in
 *   the wasm heap (heapKernels.wat, convFilterGrad), register tiles of dW over L1-sized blocks of
 *   x and dy: 852 → 152 ms a colour-CNN step (batch 64, loaded 2-core EPYC), 4 → ~24 GFLOP/s.
 *   Otherwise the im2col matrix, written already transposed, (FH·FW·C) × (N·OH·OW), straight
 *   into the wasm heap and multiplied plainly with dy: no JS array, no transpose.
 * - MaxPoolGrad: see wasmKernelsPool.ts.
 * All three agree with the cpu backend to float rounding (wasmKernels.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import {
  heapKernels,
  heapOffset,
  type HeapExports,
  type WasmBackendLike,
  type WasmHeapBackend,
} from './wasmHeap';

export type { WasmHeapBackend } from './wasmHeap';

type Conv2DAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | number[][];
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

function convInfo(xShape: number[], filterShape: number[], a: Conv2DAttrs, kernel: string) {
  if (a.dataFormat !== 'NHWC') throw new Error(`wasm ${kernel}: only NHWC is supported`);
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    1,
    a.pad as 'valid',
    a.dimRoundingMode,
    false,
    'channelsLast',
  );
}

let simdFilterGrad = true;

/** Benches and tests measure the im2col path by switching the SIMD filter gradient off. */
export function setSimdFilterGradEnabled(on: boolean): void {
  simdFilterGrad = on;
}

/**
 * dW for stride 1 with the SIMD kernel (heapKernels.wat, convFilterGrad): x copied once into a
 * zero-bordered buffer with channels rounded up to 4, so the kernel needs no bounds checks;
 * 4-channel × 8-output tiles of dW in registers over a few output rows at a time.
 */
function simdBackpropFilter(
  k: HeapExports,
  b: WasmHeapBackend,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: FH, filterWidth: FW, outChannels: OC } = info;
  const { top, left } = info.padInfo;
  const CP = (C + 3) & ~3;
  const HP = OH + FH - 1;
  const WP = OW + FW - 1;
  const direct = CP === C && HP === H && WP === W && top === 0 && left === 0;
  const xp = direct ? x : b.makeOutput([N, HP, WP, CP], 'float32');
  const grad = b.makeOutput([FH, FW, CP, OC], 'float32');
  const out = CP === C ? grad : b.makeOutput([FH, FW, C, OC], 'float32');
  if (!direct) {
    const dst = b.typedArrayFromHeap(xp);
    const src = b.typedArrayFromHeap(x);
    dst.fill(0);
    const rows = Math.min(H, HP - top);
    const cols = Math.min(W, WP - left);
    for (let n = 0; n < N; n++) {
      for (let r = 0; r < rows; r++) {
        const s0 = (n * H + r) * W * C;
        const d0 = ((n * HP + r + top) * WP + left) * CP;
        if (CP === C) dst.set(src.subarray(s0, s0 + cols * C), d0);
        else
          for (let q = 0; q < cols; q++)
            for (let c = 0; c < C; c++) dst[d0 + q * CP + c] = src[s0 + q * C + c]!;
      }
    }
  }
  b.typedArrayFromHeap(grad).fill(0);
  // Output rows per block: the block's dy rows and the x rows they read stay in a 32 KB L1.
  const rowBytes = 4 * (OW * OC + WP * CP);
  const rows = Math.max(1, Math.floor((32768 - 4 * (FH - 1) * WP * CP) / rowBytes));
  k.convFilterGrad(
    heapOffset(b, xp),
    heapOffset(b, dy),
    heapOffset(b, grad),
    N,
    OH,
    OW,
    HP,
    WP,
    CP,
    OC,
    FH,
    FW,
    rows,
  );
  if (!direct) b.disposeData(xp.dataId);
  if (out !== grad) {
    const g = b.typedArrayFromHeap(grad);
    const o = b.typedArrayFromHeap(out);
    for (let t = 0; t < FH * FW; t++) o.set(g.subarray(t * CP * OC, t * CP * OC + C * OC), t * C * OC);
    b.disposeData(grad.dataId);
  }
  return out;
}

/** dW = colᵀ · dy with colᵀ (FH·FW·C) × (N·OH·OW) built in the heap; returns the HWIO gradient. */
/**
 * (Tried and dropped: dW as an XNNPACK convolution of x as [C,H,W,N] with dy as an [OH,OW,N,OC]
 * filter. It won in isolation from 8 channels on, 4.8 vs 6.3 ms, lost for one channel, 4.6 vs
 * 1.9 ms, since XNNPACK repacks the big dy "filter" every call, and did not help end to end.)
 */
export function conv2DBackpropFilterKernel(
  matMul: tf.KernelConfig,
  reshape: tf.KernelConfig,
): tf.KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const a = attrs as unknown as Conv2DAttrs & { filterShape: [number, number, number, number] };
      const info = convInfo(x.shape, a.filterShape, a, 'Conv2DBackpropFilter');
      const k = simdFilterGrad ? heapKernels(backend as unknown as WasmBackendLike) : null;
      if (k && info.strideHeight === 1 && info.strideWidth === 1 && info.outChannels % 8 === 0)
        return simdBackpropFilter(k, backend as unknown as WasmHeapBackend, x, dy, info);
      const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
      const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW, outChannels: OC } = info;
      const top = info.padInfo.top;
      const left = info.padInfo.left;
      const b = backend as unknown as WasmHeapBackend;
      const K = FH * FW * C;
      const M = N * OH * OW;
      const colT = b.makeOutput([1, K, M], 'float32');
      // Views after every allocation: a growing heap detaches earlier ones.
      const col = b.typedArrayFromHeap(colT);
      const xs = b.typedArrayFromHeap(x);
      const heap = new Float32Array(col.buffer);
      const colAt = col.byteOffset / 4;
      const xsAt = xs.byteOffset / 4;
      const contiguous = C === 1 && SW === 1;
      // Row k = (fh, fw, c): the HWIO order of the gradient; column m = (n, oh, ow).
      for (let fh = 0; fh < FH; fh++) {
        for (let fw = 0; fw < FW; fw++) {
          for (let c = 0; c < C; c++) {
            let m = ((fh * FW + fw) * C + c) * M;
            for (let n = 0; n < N; n++) {
              const xn = n * H * W * C + c;
              for (let oh = 0; oh < OH; oh++) {
                const ih = oh * SH + fh - top;
                if (ih < 0 || ih >= H) {
                  col.fill(0, m, m + OW);
                  m += OW;
                  continue;
                }
                const xr = xn + ih * W * C;
                if (contiguous) {
                  // One channel, stride 1: the row is a slice of x; memmove it inside the heap.
                  const lo = Math.max(0, left - fw);
                  const hi = Math.min(OW, W + left - fw);
                  if (lo > 0) col.fill(0, m, m + lo);
                  if (hi > lo)
                    heap.copyWithin(colAt + m + lo, xsAt + xr + lo + fw - left, xsAt + xr + hi + fw - left);
                  if (hi < OW) col.fill(0, m + Math.max(lo, hi), m + OW);
                  m += OW;
                  continue;
                }
                for (let ow = 0; ow < OW; ow++, m++) {
                  const iw = ow * SW + fw - left;
                  col[m] = iw < 0 || iw >= W ? 0 : xs[xr + iw * C]!;
                }
              }
            }
          }
        }
      }
      const dy3 = reshape.kernelFunc({
        inputs: { x: dy },
        backend,
        attrs: { shape: [1, M, OC] },
      }) as tf.TensorInfo;
      const prod = matMul.kernelFunc({
        inputs: { a: colT, b: dy3 },
        backend,
        attrs: { transposeA: false, transposeB: false },
      }) as tf.TensorInfo;
      const out = reshape.kernelFunc({
        inputs: { x: prod },
        backend,
        attrs: { shape: a.filterShape },
      }) as tf.TensorInfo;
      b.disposeData(colT.dataId);
      b.disposeData(dy3.dataId);
      b.disposeData(prod.dataId);
      return out;
    },
  };
}

/**
 * dx = conv2d(dy, rot180(W) with in/out swapped, padding FH−1−top / FH−1−bottom, …) for stride 1;
 * wasm's own kernel otherwise.
 */
export function conv2DBackpropInputKernel(
  original: tf.KernelConfig,
  conv2d: tf.KernelConfig,
): tf.KernelConfig {
  return {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
      const a = attrs as unknown as Conv2DAttrs & { inputShape: [number, number, number, number] };
      const info = convInfo(a.inputShape, filter.shape, a, 'Conv2DBackpropInput');
      if (info.strideHeight !== 1 || info.strideWidth !== 1) return original.kernelFunc(args);
      const { filterHeight: FH, filterWidth: FW, inChannels: C, outChannels: OC } = info;
      const { top, bottom, left, right } = info.padInfo;
      const b = backend as unknown as WasmHeapBackend;
      const flipped = b.makeOutput([FH, FW, OC, C], 'float32');
      const dst = b.typedArrayFromHeap(flipped);
      const src = b.typedArrayFromHeap(filter);
      for (let fh = 0; fh < FH; fh++) {
        for (let fw = 0; fw < FW; fw++) {
          const s = ((FH - 1 - fh) * FW + (FW - 1 - fw)) * C * OC;
          const d = (fh * FW + fw) * OC * C;
          for (let c = 0; c < C; c++) for (let o = 0; o < OC; o++) dst[d + o * C + c] = src[s + c * OC + o]!;
        }
      }
      const pad = [
        [0, 0],
        [FH - 1 - top, FH - 1 - bottom],
        [FW - 1 - left, FW - 1 - right],
        [0, 0],
      ];
      const out = conv2d.kernelFunc({
        inputs: { x: dy, filter: flipped },
        backend,
        attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 },
      }) as tf.TensorInfo;
      b.disposeData(flipped.dataId);
      if (out.shape.some((d, i) => d !== a.inputShape[i])) {
        b.disposeData(out.dataId);
        return original.kernelFunc(args);
      }
      return out;
    },
  };
}
