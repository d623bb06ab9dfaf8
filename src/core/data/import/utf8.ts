/**
 * UTF-8 bytes → string through the platform's TextDecoder (core compiles without DOM types).
 * `utf8` is lenient (paths, names); `utf8Strict` refuses text in another encoding with the
 * offset of the first bad byte, so a Latin-1 or UTF-16 CSV is never read as mojibake labels.
 */
import { ImportError } from './errors';

interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}

const Decoder = (
  globalThis as unknown as { TextDecoder: new (label: string, opts: { fatal: boolean }) => Utf8Decoder }
).TextDecoder;

export function utf8(bytes: Uint8Array): string {
  return new Decoder('utf-8', { fatal: false }).decode(bytes);
}

export function utf8Strict(bytes: Uint8Array, name: string): string {
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    bytes.subarray(0, 64).includes(0)
  )
    throw new ImportError('bad-text', `${name} is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8")`);
  try {
    return new Decoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let i = 0;
    // Find the first byte that breaks UTF-8, to say where.
    while (i < bytes.length) {
      const b = bytes[i]!;
      const len =
        b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
      let ok = len > 0 && i + len <= bytes.length;
      for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
      if (!ok) break;
      i += len;
    }
    throw new ImportError(
      'bad-text',
      `${name} is not UTF-8 text (byte ${i} is 0x${(bytes[i] ?? 0).toString(16)}); save it as UTF-8`,
    );
  }
}
