/** What a file is, from its first bytes (never from its name alone). */
export type FileKind = 'png' | 'jpeg' | 'zip' | 'gzip' | 'tar' | 'idx' | 'utf16' | 'text' | 'unknown';

export function sniff(bytes: Uint8Array): FileKind {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 3 || b(2) === 5) && (b(3) === 4 || b(3) === 6))
    return 'zip';
  if (b(0) === 0x1f && b(1) === 0x8b) return 'gzip';
  if (isTar(bytes)) return 'tar';
  if ((b(0) === 0xff && b(1) === 0xfe) || (b(0) === 0xfe && b(1) === 0xff) || looksLikeUtf16(bytes))
    return 'utf16';
  if (b(0) === 0 && b(1) === 0 && b(2) >= 0x08 && b(2) <= 0x0e && b(3) >= 1 && b(3) <= 4) return 'idx';
  if (bytes.length > 0 && looksLikeText(bytes)) return 'text';
  return 'unknown';
}

/** ustar magic at 257, or an old-style header whose checksum adds up. */
function isTar(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return false;
  const magic = String.fromCharCode(...bytes.subarray(257, 262));
  if (magic === 'ustar') return true;
  const stored = parseInt(
    String.fromCharCode(...bytes.subarray(148, 156))
      .replace(/\0.*$/, '')
      .trim(),
    8,
  );
  if (!Number.isFinite(stored) || bytes[0] === 0) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : bytes[i]!;
  return sum === stored;
}

/** UTF-16 without a byte-order mark: every other byte zero in ASCII text. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return false;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const half = n / 2;
  return (zeroOdd > half * 0.9 && zeroEven === 0) || (zeroEven > half * 0.9 && zeroOdd === 0);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c === 0) return false;
    if (c < 9 || (c > 13 && c < 32)) return false;
  }
  return true;
}

/**
 * Width and height from a PNG's IHDR or a JPEG's first SOF marker, without decoding, so an
 * absurd size is refused before any pixel memory is allocated. Undefined when not found.
 */
export function imageHeader(
  bytes: Uint8Array,
  kind: 'png' | 'jpeg',
): { width: number; height: number; channels: 1 | 3 } | undefined {
  const u16 = (i: number) => (bytes[i]! << 8) | bytes[i + 1]!;
  const u32 = (i: number) =>
    ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
  if (kind === 'png') {
    if (bytes.length < 24) return undefined;
    // Colour types 2 (RGB), 3 (palette) and 6 (RGBA) decode to three channels.
    return { width: u32(16), height: u32(20), channels: [2, 3, 6].includes(bytes[25]!) ? 3 : 1 };
  }
  let i = 2;
  while (i + 10 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const len = u16(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: u16(i + 5), width: u16(i + 7), channels: bytes[i + 9] === 1 ? 1 : 3 };
    i += 2 + len;
  }
  return undefined;
}
