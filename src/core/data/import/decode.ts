/**
 * PNG and JPEG to 8-bit pixels, in plain JS (fast-png, jpeg-js) so the same code runs in the
 * worker and in the CLI. Grey stays one channel; colour (RGB, palette) becomes three, R, G, B
 * interleaved. Every PNG bit depth is unpacked here (fast-png returns 1/2/4-bit rows packed);
 * alpha and tRNS transparency are composited on black, so MNIST-style digits on a transparent
 * background stay white on black. JPEG EXIF orientation is applied.
 */
import { decode as decodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { ImportError, type ImportLimits } from './errors';
import { exifOrientation, orient } from './exif';
import type { RasterImage } from './raster';
import { imageHeader, sniff } from './sniff';

export function decodeImage(bytes: Uint8Array, name: string, limits: ImportLimits): RasterImage {
  const kind = sniff(bytes);
  if (kind !== 'png' && kind !== 'jpeg')
    throw new ImportError(
      'not-image',
      `${name} is not a PNG or JPEG image${kind === 'text' ? ' (it holds text)' : ''}`,
    );
  const head = imageHeader(bytes, kind);
  if (!head)
    throw new ImportError(
      'corrupt-image',
      `${name}: the ${kind.toUpperCase()} header is truncated or damaged`,
    );
  checkSize(head.width, head.height, name, limits);
  try {
    if (kind === 'png') return fromPng(decodePng(bytes));
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: 1,
      maxMemoryUsageInMB: 64,
    });
    const raster = fromRgba(img.width, img.height, img.data, head.channels === 1 || isGreyRgba(img.data));
    return orient(raster, exifOrientation(bytes));
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(
      'corrupt-image',
      `${name}: cannot decode the ${kind.toUpperCase()} data (${(e as Error).message})`,
    );
  }
}

export function checkSize(width: number, height: number, name: string, limits: ImportLimits): void {
  if (!(width >= 2 && height >= 2) || width > limits.maxSide || height > limits.maxSide)
    throw new ImportError(
      'absurd-dimensions',
      `${name} is ${width}×${height} pixels; images must be between 2×2 and ${limits.maxSide}×${limits.maxSide}`,
    );
  if (width * height > limits.maxArea)
    throw new ImportError(
      'absurd-dimensions',
      `${name} is ${width}×${height} = ${(width * height).toLocaleString('en')} pixels; at most ${limits.maxArea.toLocaleString('en')} per image are accepted`,
    );
}

interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  depth: number;
  data: ArrayLike<number>;
  palette?: ArrayLike<ArrayLike<number>>;
  transparency?: ArrayLike<number>;
}

/** Sample `k` (0-based, counting channels) of row `y`, at the PNG's own depth. */
function sampleReader(png: DecodedPng): (y: number, k: number) => number {
  const { data, depth, width, channels } = png;
  if (depth >= 8) {
    const row = width * channels;
    return (y, k) => data[y * row + k]!;
  }
  // 1/2/4-bit rows are packed MSB first, each row starting on a byte boundary.
  const stride = Math.ceil((width * channels * depth) / 8);
  const perByte = 8 / depth;
  const mask = (1 << depth) - 1;
  return (y, k) => (data[y * stride + Math.floor(k / perByte)]! >> (8 - depth * ((k % perByte) + 1))) & mask;
}

function fromPng(png: DecodedPng): RasterImage {
  const { width, height, channels, depth, palette, transparency } = png;
  const read = sampleReader(png);
  const max = depth === 16 ? 65535 : (1 << depth) - 1;
  const to8 = (v: number) => Math.round((v * 255) / max);
  if (palette) {
    const colour = palette.length > 0 && Array.from(palette).some((c) => c[0] !== c[1] || c[1] !== c[2]);
    const out = new Uint8Array(width * height * (colour ? 3 : 1));
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const c = palette[read(y, x)] ?? [0, 0, 0];
        const a = c.length > 3 ? c[3]! / 255 : 1;
        const i = y * width + x;
        if (colour) for (let q = 0; q < 3; q++) out[i * 3 + q] = Math.round(c[q]! * a);
        else out[i] = Math.round(c[0]! * a);
      }
    return { width, height, channels: colour ? 3 : 1, pixels: out };
  }
  const colour = channels >= 3;
  const hasAlpha = channels === 2 || channels === 4;
  const colours = colour ? 3 : 1;
  // tRNS on grey / RGB: one colour (at the PNG's depth) that is fully transparent.
  const key = transparency && transparency.length === colours ? Array.from(transparency) : undefined;
  const out = new Uint8Array(width * height * colours);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const k = x * channels;
      let a = hasAlpha ? read(y, k + channels - 1) / max : 1;
      if (key && key.every((v, q) => read(y, k + q) === v)) a = 0;
      const o = (y * width + x) * colours;
      for (let q = 0; q < colours; q++) out[o + q] = Math.round(to8(read(y, k + q)) * a);
    }
  return { width, height, channels: colour ? 3 : 1, pixels: out };
}

/**
 * A colour JPEG of grey content (most tools save grey scans as YCbCr) stays grey: R, G and B
 * within 2 levels of each other everywhere (rounding in the colour transform).
 */
function isGreyRgba(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    const r = rgba[i]!;
    if (Math.abs(r - rgba[i + 1]!) > 2 || Math.abs(r - rgba[i + 2]!) > 2) return false;
  }
  return true;
}

/** jpeg-js RGBA → grey (a one-component JPEG) or RGB. */
function fromRgba(width: number, height: number, rgba: Uint8Array, grey: boolean): RasterImage {
  const n = width * height;
  const out = new Uint8Array(n * (grey ? 1 : 3));
  for (let i = 0; i < n; i++) {
    if (grey) out[i] = rgba[i * 4]!;
    else for (let q = 0; q < 3; q++) out[i * 3 + q] = rgba[i * 4 + q]!;
  }
  return { width, height, channels: grey ? 1 : 3, pixels: out };
}

/** Grey → RGB by repeating the value (a mixed set of grey and colour images becomes colour). */
export function toRgb(img: RasterImage): RasterImage {
  if (img.channels === 3) return img;
  const out = new Uint8Array(img.pixels.length * 3);
  for (let i = 0; i < img.pixels.length; i++) out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = img.pixels[i]!;
  return { ...img, channels: 3, pixels: out };
}

/** Area-averaging resize (box filter), per channel: one size when the images disagree, or smaller images for signals. */
export function resizeImage(img: RasterImage, width: number, height: number): RasterImage {
  if (img.width === width && img.height === height) return img;
  const c = img.channels;
  const out = new Uint8Array(width * height * c);
  const sx = img.width / width;
  const sy = img.height / height;
  const sum = new Float64Array(c);
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      sum.fill(0);
      let area = 0;
      for (let yy = Math.floor(y0); yy < Math.min(img.height, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.min(img.width, Math.ceil(x1)); xx++) {
          const w = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
          for (let q = 0; q < c; q++) sum[q] = sum[q]! + w * img.pixels[(yy * img.width + xx) * c + q]!;
          area += w;
        }
      }
      for (let q = 0; q < c; q++) out[(y * width + x) * c + q] = Math.round(sum[q]! / area);
    }
  }
  return { width, height, channels: img.channels, pixels: out };
}
