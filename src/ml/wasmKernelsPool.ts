/**
 * MaxPoolGrad for the wasm backend, on the heap in JS: wasm's own kernel took 18 ms for the
 * CNN's first pool at batch 64 (a naive loop) and breaks ties unlike the cpu backend when
 * windows overlap. Each dy goes to the first maximum of its window (strict >, window order),
 * the cpu backend's rule (wasmKernels.test.ts checks it on tie-heavy data).
 */
import * as tf from '@tensorflow/tfjs';
import { heapKernels, heapOffset, type WasmBackendLike } from './wasmHeap';
import type { WasmHeapBackend } from './wasmHeap';

/**
 * 2×2 windows with stride 2 and no padding (the CNN's pools), branch-light: each dy goes to the
 * first maximum of its window (a wins ties, then b, c, d), the cpu backend's rule, and every dx
 * is written once: 4.4 ms against wasm's 18 ms for the CNN's first pool (batch 64). Other
 * pools take a general loop with the same rule (wasm's own kernel breaks ties differently from
 * cpu when windows overlap: a 0.87 difference on a 3×3/2 test).
 */
export function maxPoolGradKernel(original: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: 'MaxPoolGrad',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
      const a = attrs as unknown as {
        filterSize: [number, number] | number;
        strides: [number, number] | number;
        pad: 'valid' | 'same' | number;
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
      };
      const info = tf.backend_util.computePool2DInfo(
        input.shape as [number, number, number, number],
        a.filterSize,
        a.strides,
        1,
        a.pad,
        a.dimRoundingMode,
      );
      const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
      const two =
        info.filterHeight === 2 &&
        info.filterWidth === 2 &&
        info.strideHeight === 2 &&
        info.strideWidth === 2;
      if (input.dtype !== 'float32' || info.dilationHeight !== 1 || info.dilationWidth !== 1)
        return original.kernelFunc(args);
      const b = backend as unknown as WasmHeapBackend;
      const out = b.makeOutput(input.shape, 'float32');
      const dx = b.typedArrayFromHeap(out);
      const xs = b.typedArrayFromHeap(input);
      const dys = b.typedArrayFromHeap(dy);
      if (!two || info.padInfo.top !== 0 || info.padInfo.left !== 0) {
        generalMaxPoolGrad(info, xs, dys, dx);
        return out;
      }
      // Rows and columns past the last full window (odd sizes) get no gradient.
      if (H !== 2 * OH || W !== 2 * OW) dx.fill(0);
      // Four channels at a time with SIMD compares and masks (heapKernels.wat), same rule.
      const k = C % 4 === 0 ? heapKernels(backend as unknown as WasmBackendLike) : null;
      if (k) {
        k.maxPoolGrad2x2(heapOffset(b, input), heapOffset(b, dy), heapOffset(b, out), N, H, W, C, OH, OW);
        return out;
      }
      const rs = W * C;
      let o = 0;
      for (let n = 0; n < N; n++) {
        for (let oh = 0; oh < OH; oh++) {
          for (let ow = 0; ow < OW; ow++, o += C) {
            const p0 = ((n * H + 2 * oh) * W + 2 * ow) * C;
            for (let c = 0; c < C; c++) {
              const p = p0 + c;
              const va = xs[p]!;
              const vb = xs[p + C]!;
              const vc = xs[p + rs]!;
              const vd = xs[p + rs + C]!;
              const g = dys[o + c]!;
              const ta = va >= vb && va >= vc && va >= vd;
              const tb = !ta && vb >= vc && vb >= vd;
              const tc = !ta && !tb && vc >= vd;
              dx[p] = ta ? g : 0;
              dx[p + C] = tb ? g : 0;
              dx[p + rs] = tc ? g : 0;
              dx[p + rs + C] = ta || tb || tc ? 0 : g;
            }
          }
        }
      }
      return out;
    },
  };
}

/** Any window, stride and padding: strict > in window order, as the cpu backend. */
function generalMaxPoolGrad(
  info: tf.backend_util.Conv2DInfo,
  xs: Float32Array,
  dys: Float32Array,
  dx: Float32Array,
): void {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { strideHeight: SH, strideWidth: SW, effectiveFilterHeight: FH, effectiveFilterWidth: FW } = info;
  const { top, left } = info.padInfo;
  dx.fill(0);
  let o = 0;
  for (let n = 0; n < N; n++) {
    const xn = n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * SH - top;
      const rMin = Math.max(0, r0);
      const rMax = Math.min(H, r0 + FH);
      for (let ow = 0; ow < OW; ow++, o += C) {
        const c0 = ow * SW - left;
        const cMin = Math.max(0, c0);
        const cMax = Math.min(W, c0 + FW);
        for (let c = 0; c < C; c++) {
          let best = -Infinity;
          let at = -1;
          for (let r = rMin; r < rMax; r++) {
            const end = xn + (r * W + cMax) * C + c;
            for (let p = xn + (r * W + cMin) * C + c; p < end; p += C) {
              const v = xs[p]!;
              if (v > best) {
                best = v;
                at = p;
              }
            }
          }
          if (at >= 0) dx[at] = dx[at]! + dys[o + c]!;
        }
      }
    }
  }
}
