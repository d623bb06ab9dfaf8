/** A decoded image: 8-bit pixels, what the decoders produce and the resizers and EXIF turns take. */
export interface RasterImage {
  width: number;
  height: number;
  /** 1 (grey) or 3 (R, G, B interleaved). */
  channels: 1 | 3;
  pixels: Uint8Array;
}
