/**
 * The training step of the image CNNs written out by hand (the conv-net twin of denseStep.ts):
 * forward with fused conv + bias + ReLU kernels (the tape runs conv, add and relu apart, since
 * tfjs only fuses outside a gradient tape), every activation kept; backward by explicit
 * kernels: Conv2DBackpropInput / Conv2DBackpropFilter (ours on wasm, wasmKernelsConv.ts),
 * MaxPoolGrad, and each layer's ReLU mask and bias gradient in one pass of a heap kernel on wasm
 * (where the tape takes Step, Cast, Multiply and Sum, plus Identity copies). Same gradients as
 * tf.variableGrads over model.apply + softmax cross-entropy, to float rounding (convStep.test.ts),
 * on every backend. Models it does not know (strides, dilation, other layers) take the tape.
 */
import * as tf from '@tensorflow/tfjs';
import { softmaxHead, type DenseStep } from './denseStep';
import { heapKernels, heapOffset, type WasmBackendLike } from './wasmHeap';

export type ConvLayer =
  | { kind: 'conv'; kernel: tf.Variable; bias: tf.Variable | null; relu: boolean; pad: 'same' | 'valid' }
  | { kind: 'dense'; kernel: tf.Variable; bias: tf.Variable | null; relu: boolean }
  | { kind: 'maxPool'; size: [number, number]; strides: [number, number]; pad: 'same' | 'valid' }
  | { kind: 'globalAverage' }
  | { kind: 'flatten' };

interface LayerLike {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  trainableWeights: { read(): tf.Tensor }[];
}

let enabled = true;

/** Benches measure the tape path for comparison by switching the hand-written step off. */
export function setConvStepEnabled(on: boolean): void {
  enabled = on;
}

const pair = (v: unknown): [number, number] | null =>
  Array.isArray(v) && v.length === 2 && v.every((d) => typeof d === 'number')
    ? [v[0] as number, v[1] as number]
    : typeof v === 'number'
      ? [v, v]
      : null;

function weighted(layer: LayerLike): { kernel: tf.Variable; bias: tf.Variable | null; relu: boolean } | null {
  const activation = layer.getConfig().activation;
  if (activation !== 'relu' && activation !== 'linear') return null;
  const weights = layer.trainableWeights.map((w) => w.read());
  if (!weights.every((w): w is tf.Variable => w instanceof tf.Variable) || weights.length > 2) return null;
  const [kernel, bias] = weights;
  return kernel ? { kernel, bias: bias ?? null, relu: activation === 'relu' } : null;
}

/**
 * The model as a chain this step knows (2-D convs with stride and dilation 1, max pools, global
 * average pooling, flatten, dense; ReLU or linear; channels last), with at least one conv and
 * linear logits last; null for anything else.
 */
export function convChain(model: tf.LayersModel): ConvLayer[] | null {
  if (!enabled) return null;
  const chain: ConvLayer[] = [];
  for (const layer of model.layers as unknown as LayerLike[]) {
    const cls = layer.getClassName();
    const cfg = layer.getConfig();
    if (cfg.dataFormat !== undefined && cfg.dataFormat !== 'channelsLast') return null;
    const pad = cfg.padding;
    if (cls === 'Conv2D') {
      const w = weighted(layer);
      const s = pair(cfg.strides);
      const d = pair(cfg.dilationRate);
      if (!w || !s || !d || s[0] !== 1 || s[1] !== 1 || d[0] !== 1 || d[1] !== 1) return null;
      if (pad !== 'same' && pad !== 'valid') return null;
      chain.push({ kind: 'conv', ...w, pad });
    } else if (cls === 'Dense') {
      const w = weighted(layer);
      if (!w || w.kernel.rank !== 2) return null;
      chain.push({ kind: 'dense', ...w });
    } else if (cls === 'MaxPooling2D') {
      const size = pair(cfg.poolSize);
      const strides = pair(cfg.strides) ?? size;
      if (!size || !strides || (pad !== 'same' && pad !== 'valid')) return null;
      chain.push({ kind: 'maxPool', size, strides, pad });
    } else if (cls === 'GlobalAveragePooling2D') chain.push({ kind: 'globalAverage' });
    else if (cls === 'Flatten') chain.push({ kind: 'flatten' });
    else return null;
  }
  const last = chain[chain.length - 1];
  if (!last || last.kind !== 'dense' || last.relu || !chain.some((l) => l.kind === 'conv')) return null;
  return chain;
}

/** The chain's variables in the order `convGrads` returns their gradients. */
export function convVariables(chain: readonly ConvLayer[]): tf.Variable[] {
  return chain.flatMap((l) =>
    l.kind === 'conv' || l.kind === 'dense' ? (l.bias ? [l.kernel, l.bias] : [l.kernel]) : [],
  );
}

function forward(layer: ConvLayer, x: tf.Tensor): tf.Tensor {
  switch (layer.kind) {
    case 'conv':
      return tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter: layer.kernel as tf.Tensor4D,
        strides: 1,
        pad: layer.pad,
        bias: layer.bias ?? undefined,
        activation: layer.relu ? 'relu' : 'linear',
      });
    case 'dense':
      return tf.fused.matMul({
        a: x as tf.Tensor2D,
        b: layer.kernel as tf.Tensor2D,
        bias: layer.bias ?? undefined,
        activation: layer.relu ? 'relu' : 'linear',
      });
    case 'maxPool':
      return tf.maxPool(x as tf.Tensor4D, layer.size, layer.strides, layer.pad);
    case 'globalAverage':
      return tf.mean(x, [1, 2]);
    case 'flatten':
      return tf.reshape(x, [x.shape[0]!, -1]);
  }
}

/**
 * dz = g masked by y > 0 (tf.relu's gradient; no mask without y) and the bias gradient, dz summed
 * over every axis but the last: one heap-kernel pass on wasm, Step + Multiply + Sum elsewhere.
 */
function reluAndBiasGrad(
  g: tf.Tensor,
  y: tf.Tensor | null,
  bias: boolean,
): { dz: tf.Tensor; db?: tf.Tensor } {
  const cols = g.shape[g.rank - 1]!;
  const rows = g.size / cols;
  const backend = tf.backend() as unknown as WasmBackendLike;
  const k = tf.getBackend() === 'wasm' && cols % 4 === 0 && (y || bias) ? heapKernels(backend) : null;
  if (k) {
    const dzInfo = y ? backend.makeOutput(g.shape, 'float32') : null;
    const dbInfo = backend.makeOutput([cols], 'float32');
    k.reluGradColSum(
      heapOffset(backend, g),
      y ? heapOffset(backend, y) : 0,
      dzInfo ? heapOffset(backend, dzInfo) : 0,
      heapOffset(backend, dbInfo),
      rows,
      cols,
    );
    const db = tf.engine().makeTensorFromTensorInfo(dbInfo);
    const dz = dzInfo ? tf.engine().makeTensorFromTensorInfo(dzInfo) : g;
    if (!bias) db.dispose();
    return bias ? { dz, db } : { dz };
  }
  const dz = y ? tf.mul(g, tf.step(y)) : g;
  return bias ? { dz, db: tf.sum(dz, [...Array(g.rank - 1).keys()]) } : { dz };
}

/** Forward and backward for one batch: x [B, H, W, C], y [B] int32 labels. */
export function convGrads(chain: readonly ConvLayer[], x: tf.Tensor, y: tf.Tensor1D): DenseStep {
  // acts[i] is the input of layer i; the last entry is the logits.
  const acts: tf.Tensor[] = [x];
  for (const layer of chain) acts.push(forward(layer, acts[acts.length - 1]!));
  const head = softmaxHead(acts[acts.length - 1]! as tf.Tensor2D, y);
  let g: tf.Tensor = head.dz;
  const grads: tf.Tensor[][] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const layer = chain[i]!;
    const input = acts[i]!;
    const needInput = i > 0;
    switch (layer.kind) {
      case 'conv':
      case 'dense': {
        const { dz, db } = reluAndBiasGrad(g, layer.relu ? acts[i + 1]! : null, layer.bias !== null);
        const pad = layer.kind === 'conv' ? layer.pad : 'valid';
        const dw =
          layer.kind === 'conv'
            ? tf.engine().runKernel('Conv2DBackpropFilter', { x: input, dy: dz }, {
                strides: [1, 1],
                pad,
                dataFormat: 'NHWC',
                filterShape: layer.kernel.shape,
              } as unknown as tf.NamedAttrMap)
            : tf.matMul(input as tf.Tensor2D, dz as tf.Tensor2D, true, false);
        grads.unshift(db ? [dw as tf.Tensor, db] : [dw as tf.Tensor]);
        if (needInput)
          g =
            layer.kind === 'conv'
              ? (tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter: layer.kernel }, {
                  strides: [1, 1],
                  pad,
                  dataFormat: 'NHWC',
                  inputShape: input.shape,
                } as unknown as tf.NamedAttrMap) as tf.Tensor)
              : tf.matMul(dz as tf.Tensor2D, layer.kernel as tf.Tensor2D, false, true);
        break;
      }
      case 'maxPool':
        g = tf.engine().runKernel('MaxPoolGrad', { dy: g, input, output: acts[i + 1]! }, {
          filterSize: layer.size,
          strides: layer.strides,
          pad: layer.pad,
        } as unknown as tf.NamedAttrMap) as tf.Tensor;
        break;
      case 'globalAverage': {
        // tf.mean's own gradient: dy broadcast over the pooled axes, divided by their size.
        const [n, h, w, c] = input.shape as [number, number, number, number];
        g = tf.div(tf.mul(tf.reshape(g, [n, 1, 1, c]), tf.ones(input.shape, 'float32')), h * w);
        break;
      }
      case 'flatten':
        g = tf.reshape(g, input.shape);
        break;
    }
  }
  return { grads: grads.flat(), loss: head.loss, correct: head.correct };
}
