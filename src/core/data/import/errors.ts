/**
 * What can be wrong with a user's own data, each with a specific, user-facing message. The
 * problem code lets the UI offer the fix where there is one (resize for mixed image sizes).
 */
import { DataFormatError } from '../idx';

export type ImportProblem =
  | 'empty'
  | 'unsupported'
  | 'corrupt-archive'
  | 'too-large'
  | 'too-many'
  | 'not-image'
  | 'corrupt-image'
  | 'absurd-dimensions'
  | 'mixed-sizes'
  | 'single-class'
  | 'empty-class'
  | 'labels-without-images'
  | 'bad-csv'
  | 'bad-idx'
  | 'bad-cifar'
  | 'bad-tar'
  | 'bad-text';

export interface SizeCount {
  width: number;
  height: number;
  count: number;
}

export class ImportError extends DataFormatError {
  constructor(
    readonly problem: ImportProblem,
    message: string,
    /** For 'mixed-sizes': every size found, most common first. */
    readonly sizes?: SizeCount[],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Caps checked before any work that could blow up (decompression, decoding, allocation). */
export interface ImportLimits {
  /** Most images (or CSV rows) accepted. */
  maxImages: number;
  /** Most bytes accepted in total, counted after unpacking. */
  maxBytes: number;
  /** Largest image side in pixels. */
  maxSide: number;
  /** Most pixels in one image (width × height). */
  maxArea: number;
  /**
   * Most decoded values in all (images × height × width × channels), checked from the headers
   * before any image is decoded: a tiny ZIP of blank PNGs can otherwise unpack to gigabytes.
   */
  maxPixels: number;
  /** Most classes. Labels are stored as bytes. */
  maxClasses: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxImages: 100_000,
  maxBytes: 256 * 1024 * 1024,
  maxSide: 512,
  maxArea: 512 * 512,
  // CIFAR-10 / -100 whole (60,000 × 32 × 32 × 3 = 184 M) fits; 6,000 blank 512² PNGs do not.
  maxPixels: 200_000_000,
  maxClasses: 256,
};

export function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
