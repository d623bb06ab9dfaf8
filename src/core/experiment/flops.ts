/**
 * Theoretical training FLOPs from layer shapes and weight densities (SWaST reports these; any
 * method that trains on fewer samples or fewer weights can use them).
 *
 * Forward FLOPs of one sample = Σ_layers positions · (2 · weights · density + outputs): a
 * multiply and an add per active weight, one add per bias, repeated at every output position
 * (1 for a dense layer, OH·OW for a convolution). Activations and pooling are not counted; they
 * are a small share next to the matrix products. Training one sample costs forward + backward
 * ≈ 3 × forward (the backward pass computes gradients for inputs and weights, each about one
 * forward); a scoring pass over the training set (EL2N / GraNd selection) costs 1 × forward per
 * sample. Every figure is relative to dense full-data training for the same epochs.
 */

export interface LayerShape {
  name: string;
  kind: 'dense' | 'conv2d';
  /** Entries of the kernel (dense: in · out; conv: kh · kw · cin · cout). */
  weights: number;
  /** Output units per position (dense: units; conv: filters): the bias adds. */
  outputs: number;
  /** Output positions per sample (dense: 1; conv: OH · OW). */
  positions: number;
}

/** Forward and backward together cost about three forward passes. */
export const TRAINING_FORWARD_MULTIPLE = 3;

/** Forward FLOPs of one sample; `densities[l]` is the share of layer l's kernel that is active (1 when absent). */
export function forwardFlops(layers: readonly LayerShape[], densities?: readonly number[]): number {
  if (densities && densities.length !== layers.length)
    throw new RangeError(`${densities.length} densities for ${layers.length} layers`);
  let total = 0;
  layers.forEach((l, i) => {
    const d = densities?.[i] ?? 1;
    if (!(d >= 0 && d <= 1)) throw new RangeError(`density of ${l.name} must be in [0, 1], got ${d}`);
    total += l.positions * (2 * l.weights * d + l.outputs);
  });
  return total;
}

/** One block of work at fixed densities: `samples` trained (or scored) samples. */
export interface FlopsEntry {
  samples: number;
  densities: readonly number[];
}

export interface FlopsSummary {
  /** FLOPs spent training (forward + backward). */
  training: number;
  /** FLOPs spent scoring the training set for selection (forward only). */
  selection: number;
  /** Dense full-data training for the same epochs: epochs · N · 3 · forward(dense). */
  denseFullData: number;
  /** (training + selection) / denseFullData. */
  relative: number;
  /** training / denseFullData, without the selection passes. */
  relativeTraining: number;
}

export function flopsSummary(
  layers: readonly LayerShape[],
  trained: readonly FlopsEntry[],
  scored: readonly FlopsEntry[],
  dense: { epochs: number; samplesPerEpoch: number },
): FlopsSummary {
  const training = trained.reduce(
    (a, e) => a + e.samples * TRAINING_FORWARD_MULTIPLE * forwardFlops(layers, e.densities),
    0,
  );
  const selection = scored.reduce((a, e) => a + e.samples * forwardFlops(layers, e.densities), 0);
  const denseFullData =
    dense.epochs * dense.samplesPerEpoch * TRAINING_FORWARD_MULTIPLE * forwardFlops(layers);
  if (!(denseFullData > 0)) throw new RangeError('dense full-data FLOPs must be positive');
  return {
    training,
    selection,
    denseFullData,
    relative: (training + selection) / denseFullData,
    relativeTraining: training / denseFullData,
  };
}
