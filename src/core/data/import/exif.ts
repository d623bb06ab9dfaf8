/**
 * JPEG EXIF orientation: phones store pixels as the sensor saw them and a tag saying how to
 * turn them. Without it a portrait photo imports on its side. Only the tag is read (APP1
 * "Exif", TIFF IFD0, tag 0x0112); anything unreadable means 1 (as stored).
 */
import type { RasterImage } from './raster';

export function exifOrientation(bytes: Uint8Array): number {
  const u16 = (i: number, le: boolean) =>
    le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
  const u32 = (i: number, le: boolean) =>
    le ? u16(i, true) + u16(i + 2, true) * 65536 : u16(i, false) * 65536 + u16(i + 2, false);
  let i = 2;
  while (i + 4 < bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // image data: no more headers
    const len = u16(i + 2, false);
    const s = i + 4;
    const isExif =
      marker === 0xe1 &&
      bytes[s] === 0x45 &&
      bytes[s + 1] === 0x78 &&
      bytes[s + 2] === 0x69 &&
      bytes[s + 3] === 0x66;
    if (isExif && s + 14 <= bytes.length) {
      const tiff = s + 6;
      const le = bytes[tiff] === 0x49;
      const ifd = tiff + u32(tiff + 4, le);
      if (ifd + 2 > bytes.length) return 1;
      const count = u16(ifd, le);
      for (let k = 0; k < count; k++) {
        const e = ifd + 2 + k * 12;
        if (e + 12 > bytes.length) return 1;
        if (u16(e, le) === 0x0112) {
          const v = u16(e + 8, le);
          return v >= 1 && v <= 8 ? v : 1;
        }
      }
      return 1;
    }
    i += 2 + len;
  }
  return 1;
}

/** Applies an EXIF orientation (1–8) so the pixels stand as the photo was meant to be seen. */
export function orient(img: RasterImage, orientation: number): RasterImage {
  if (orientation <= 1 || orientation > 8) return img;
  const { width: w, height: h, channels: c } = img;
  const swap = orientation >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(img.pixels.length);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      // Where the output pixel (x, y) comes from in the stored image.
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2:
          [sx, sy] = [w - 1 - x, y];
          break;
        case 3:
          [sx, sy] = [w - 1 - x, h - 1 - y];
          break;
        case 4:
          [sx, sy] = [x, h - 1 - y];
          break;
        case 5:
          [sx, sy] = [y, x];
          break;
        case 6:
          [sx, sy] = [y, h - 1 - x];
          break;
        case 7:
          [sx, sy] = [w - 1 - y, h - 1 - x];
          break;
        default:
          [sx, sy] = [w - 1 - y, x];
          break; // 8
      }
      for (let q = 0; q < c; q++) out[(y * ow + x) * c + q] = img.pixels[(sy * w + sx) * c + q]!;
    }
  return { width: ow, height: oh, channels: img.channels, pixels: out };
}
