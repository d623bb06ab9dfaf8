/**
 * The image-size policy for signals: pixel PCA (and the 2-D map every run draws) works on at most
 * SIGNAL_MAX_VALUES values per image. Larger images are box-filtered down, keeping the aspect
 * ratio and the channels, and the embedding's source says so; training still sees full images.
 */
import { featureDim, isImageDataset, type Dataset } from './dataset';
import { resizeImage } from './import/decode';

/** 32 × 32 × 3: CIFAR-sized images are used as they are. */
export const SIGNAL_MAX_VALUES = 3072;

export interface SignalImages {
  x: Uint8Array | Float32Array;
  dim: number;
  /** Set when the images were downscaled: "128×128 → 27×27". */
  downscaled?: string;
}

export function signalImages(ds: Dataset): SignalImages {
  const dim = featureDim(ds);
  if (!isImageDataset(ds) || dim <= SIGNAL_MAX_VALUES || !(ds.x instanceof Uint8Array))
    return { x: ds.x, dim };
  const [h, w, c] = ds.shape as [number, number, number];
  const f = Math.sqrt(SIGNAL_MAX_VALUES / dim);
  const h2 = Math.max(1, Math.floor(h * f));
  const w2 = Math.max(1, Math.floor(w * f));
  const d2 = h2 * w2 * c;
  const n = ds.labels.length;
  const out = new Uint8Array(n * d2);
  for (let i = 0; i < n; i++) {
    const img = { width: w, height: h, channels: c as 1 | 3, pixels: ds.x.subarray(i * dim, (i + 1) * dim) };
    out.set(resizeImage(img, w2, h2).pixels, i * d2);
  }
  return { x: out, dim: d2, downscaled: `${w}×${h} → ${w2}×${h2}` };
}
