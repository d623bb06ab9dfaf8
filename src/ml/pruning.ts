/**
 * Online weight pruning with binary masks on dense and conv kernels (SWaST, RigL-style).
 *
 * - Masks live twice: a Uint8Array on the CPU (the drop-and-regrow arithmetic) and a float
 *   tensor of the kernel's shape (applied on the device). Biases are never pruned.
 * - After every optimizer step the kernels are multiplied by their masks, so pruned weights stay
 *   exactly zero through Adam / SGD (Adam's stale moments would otherwise move them). Gradients
 *   are masked before the step too, so a pruned weight's moments decay while it is pruned.
 * - Masks start sparse: the largest-magnitude share of each kernel at creation is kept.
 * - Drop-and-regrow: drop the k smallest-magnitude active weights, regrow the k inactive ones with
 *   the largest dense-gradient magnitude (a weight dropped in this update is not a candidate);
 *   regrown weights are zero (they were masked) and the layer's density is unchanged.
 * Reads go through `await data()` only (never dataSync: docs/tfjs-notes.md, WebGPU).
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerShape } from '../core/experiment/flops';

export interface PrunableLayer {
  shape: LayerShape;
  kernel: tf.Variable;
}

/** Dense and Conv2D layers of `model`, in order, with their kernel variable and FLOPs shape. */
export function prunableLayers(model: tf.LayersModel): PrunableLayer[] {
  const out: PrunableLayer[] = [];
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    if (cls !== 'Dense' && cls !== 'Conv2D') continue;
    const lv = layer.trainableWeights.find((w) => /kernel$/.test(w.originalName));
    const kernel = lv?.read();
    if (!(kernel instanceof tf.Variable)) throw new Error(`${layer.name}: no kernel variable`);
    const outShape = layer.outputShape;
    if (!Array.isArray(outShape) || Array.isArray(outShape[0]))
      throw new Error(`${layer.name}: one output expected`);
    const dims = (outShape as (number | null)[]).slice(1).map((d) => d ?? 1);
    const outputs = dims[dims.length - 1] ?? 1;
    const positions = dims.slice(0, -1).reduce((a, b) => a * b, 1);
    out.push({
      kernel,
      shape: {
        name: layer.name,
        kind: cls === 'Dense' ? 'dense' : 'conv2d',
        weights: kernel.size,
        outputs,
        positions,
      },
    });
  }
  return out;
}

/**
 * The `k` entries of `candidates` (ascending indices) with the smallest (or largest) |value|,
 * ties to the lower index. A native numeric sort of the magnitudes finds the k-th value; one
 * pass takes everything beyond it and the ties in index order (a comparator sort of 100k
 * indices took ~200 ms per update; this takes a few).
 */
export function extremeByMagnitude(
  values: Float32Array,
  candidates: Int32Array,
  k: number,
  which: 'smallest' | 'largest',
): Int32Array {
  const out = new Int32Array(Math.max(0, Math.min(k, candidates.length)));
  if (out.length === 0) return out;
  const sign = which === 'smallest' ? 1 : -1;
  const keys = Float32Array.from(candidates, (i) => sign * Math.abs(values[i]!));
  const kth = keys.slice().sort()[out.length - 1]!;
  let strictly = 0;
  for (const v of keys) if (v < kth) strictly++;
  let ties = out.length - strictly;
  let at = 0;
  for (let j = 0; j < keys.length && at < out.length; j++) {
    const v = keys[j]!;
    if (v < kth || (v === kth && ties-- > 0)) out[at++] = candidates[j]!;
  }
  return out;
}

/** A mask keeping the `keep` largest-magnitude entries of `weights`. */
export function magnitudeMask(weights: Float32Array, keep: number): Uint8Array {
  const mask = new Uint8Array(weights.length);
  const all = Int32Array.from({ length: weights.length }, (_, i) => i);
  for (const i of extremeByMagnitude(weights, all, keep, 'largest')) mask[i] = 1;
  return mask;
}

/**
 * One RigL update of `mask` in place: drops the `count` smallest |w| among active entries and
 * grows the `count` largest |g| among entries inactive before the drop. Returns how many moved
 * (less than `count` when there are not enough active or inactive entries).
 */
export function dropAndRegrow(
  mask: Uint8Array,
  weights: Float32Array,
  grads: Float32Array,
  count: number,
): number {
  let activeCount = 0;
  for (let i = 0; i < mask.length; i++) activeCount += mask[i]!;
  const active = new Int32Array(activeCount);
  const inactive = new Int32Array(mask.length - activeCount);
  let a = 0;
  let b = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) active[a++] = i;
    else inactive[b++] = i;
  }
  const k = Math.max(0, Math.min(Math.floor(count), active.length, inactive.length));
  if (k === 0) return 0;
  const drop = extremeByMagnitude(weights, active, k, 'smallest');
  const grow = extremeByMagnitude(grads, inactive, k, 'largest');
  for (let i = 0; i < k; i++) {
    mask[drop[i]!] = 0;
    mask[grow[i]!] = 1;
  }
  return k;
}

interface LayerMask {
  layer: PrunableLayer;
  mask: Uint8Array;
  tensor: tf.Tensor;
  active: number;
}

export class WeightPruner {
  private constructor(
    readonly layers: PrunableLayer[],
    private readonly masks: (LayerMask | undefined)[],
  ) {}

  /**
   * Masks for the layers with a rate above 0 (`rates[l]` = share of layer l's kernel pruned),
   * by magnitude of the current weights; the masks are applied at once.
   */
  static async create(layers: PrunableLayer[], rates: readonly number[]): Promise<WeightPruner> {
    if (rates.length !== layers.length)
      throw new RangeError(`${rates.length} rates for ${layers.length} layers`);
    const masks: (LayerMask | undefined)[] = [];
    try {
      for (let i = 0; i < layers.length; i++) {
        const rate = rates[i]!;
        if (!(rate >= 0 && rate < 1)) throw new RangeError(`pruning rate must be in [0, 1), got ${rate}`);
        const layer = layers[i]!;
        if (rate === 0) {
          masks.push(undefined);
          continue;
        }
        const size = layer.kernel.size;
        const keep = Math.max(1, Math.round((1 - rate) * size));
        const mask = magnitudeMask((await layer.kernel.data()) as Float32Array, keep);
        masks.push({ layer, mask, tensor: maskTensor(mask, layer.kernel.shape), active: keep });
      }
    } catch (e) {
      for (const m of masks) m?.tensor.dispose();
      throw e;
    }
    const pruner = new WeightPruner(layers, masks);
    pruner.apply();
    return pruner;
  }

  /** Active share of every prunable layer's kernel (1 for unpruned layers). */
  densities(): number[] {
    return this.masks.map((m, i) => (m ? m.active / this.layers[i]!.kernel.size : 1));
  }

  /** Whether any layer is pruned. */
  get active(): boolean {
    return this.masks.some((m) => m !== undefined);
  }

  /** Zeroes pruned weights: call after every optimizer step. */
  apply(): void {
    tf.tidy(() => {
      for (const m of this.masks) if (m) m.layer.kernel.assign(tf.mul(m.layer.kernel, m.tensor));
    });
  }

  /** `grads` with pruned kernel entries zeroed (new tensors; call inside a tidy). */
  maskGradients(grads: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = { ...grads };
    for (const m of this.masks) {
      const g = m && grads[m.layer.kernel.name];
      if (m && g) out[m.layer.kernel.name] = tf.mul(g, m.tensor);
    }
    return out;
  }

  /**
   * Drop-and-regrow on every pruned layer with `fraction` of its active weights, using the dense
   * gradients in `grads` (keyed by variable name); applies the new masks. Returns moves per layer.
   */
  async update(grads: tf.NamedTensorMap, fraction: number): Promise<number[]> {
    const moved: number[] = [];
    for (const m of this.masks) {
      if (!m) {
        moved.push(0);
        continue;
      }
      const g = grads[m.layer.kernel.name];
      if (!g) throw new Error(`no gradient for ${m.layer.shape.name}`);
      const [w, gv] = await Promise.all([m.layer.kernel.data(), g.data()]);
      const n = dropAndRegrow(m.mask, w as Float32Array, gv as Float32Array, Math.round(fraction * m.active));
      if (n > 0) {
        m.tensor.dispose();
        m.tensor = maskTensor(m.mask, m.layer.kernel.shape);
      }
      moved.push(n);
    }
    this.apply();
    return moved;
  }

  /** The CPU-side mask of layer `i` (undefined when unpruned); a copy. */
  maskOf(i: number): Uint8Array | undefined {
    return this.masks[i]?.mask.slice();
  }

  dispose(): void {
    for (const m of this.masks) m?.tensor.dispose();
  }
}

function maskTensor(mask: Uint8Array, shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from(mask), shape, 'float32');
}
