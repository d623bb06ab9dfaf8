/**
 * PNG and JPEG to 8-bit grayscale, in plain JS (fast-png, jpeg-js) so the same code runs in the
 * worker and in the CLI. Colour is reduced with Rec. 601 luma; alpha is composited on black
 * (MNIST-style digits on a transparent background stay white on black).
 */
import { decode as decodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { ImportError, type ImportLimits } from './errors';
import { imageSize, sniff } from './sniff';

export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function decodeImage(bytes: Uint8Array, name: string, limits: ImportLimits): GrayImage {
  const kind = sniff(bytes);
  if (kind !== 'png' && kind !== 'jpeg')
    throw new ImportError('not-image', `${name} is not a PNG or JPEG image${kind === 'text' ? ' (it holds text)' : ''}`);
  const size = imageSize(bytes, kind);
  if (!size) throw new ImportError('corrupt-image', `${name}: the ${kind.toUpperCase()} header is truncated or damaged`);
  checkSize(size.width, size.height, name, limits);
  try {
    if (kind === 'png') {
      const png = decodePng(bytes);
      return toGray(png.width, png.height, png.channels, png.depth, png.data, png.palette);
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 1, maxMemoryUsageInMB: 64 });
    return toGray(img.width, img.height, 4, 8, img.data);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('corrupt-image', `${name}: cannot decode the ${kind.toUpperCase()} data (${(e as Error).message})`);
  }
}

export function checkSize(width: number, height: number, name: string, limits: ImportLimits): void {
  if (!(width >= 2 && height >= 2) || width > limits.maxSide || height > limits.maxSide)
    throw new ImportError(
      'absurd-dimensions',
      `${name} is ${width}×${height} pixels; images must be between 2×2 and ${limits.maxSide}×${limits.maxSide}`,
    );
}

function toGray(
  width: number,
  height: number,
  channels: number,
  depth: number,
  data: ArrayLike<number>,
  palette?: ArrayLike<ArrayLike<number>>,
): GrayImage {
  const n = width * height;
  const out = new Uint8Array(n);
  const max = depth === 16 ? 65535 : (1 << depth) - 1;
  const to8 = (v: number) => Math.round((v * 255) / max);
  for (let i = 0; i < n; i++) {
    if (palette) {
      const rgb = palette[data[i]!] ?? [0, 0, 0];
      const alpha = rgb.length > 3 ? rgb[3]! / 255 : 1;
      out[i] = Math.round(alpha * (0.299 * rgb[0]! + 0.587 * rgb[1]! + 0.114 * rgb[2]!));
      continue;
    }
    const o = i * channels;
    let g: number;
    let alpha = 1;
    if (channels <= 2) g = to8(data[o]!);
    else g = 0.299 * to8(data[o]!) + 0.587 * to8(data[o + 1]!) + 0.114 * to8(data[o + 2]!);
    if (channels === 2) alpha = data[o + 1]! / max;
    if (channels === 4) alpha = data[o + 3]! / max;
    out[i] = Math.round(g * alpha);
  }
  return { width, height, pixels: out };
}

/** Area-averaging resize (box filter), for offering one size when the images disagree. */
export function resizeGray(img: GrayImage, width: number, height: number): GrayImage {
  if (img.width === width && img.height === height) return img;
  const out = new Uint8Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let area = 0;
      for (let yy = Math.floor(y0); yy < Math.min(img.height, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.min(img.width, Math.ceil(x1)); xx++) {
          const w = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
          sum += w * img.pixels[yy * img.width + xx]!;
          area += w;
        }
      }
      out[y * width + x] = Math.round(sum / area);
    }
  }
  return { width, height, pixels: out };
}
