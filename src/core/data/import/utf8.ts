/** UTF-8 bytes → string through the platform's TextDecoder (core compiles without DOM types). */
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}

const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, opts: { fatal: boolean }) => Utf8Decoder })
  .TextDecoder;

export function utf8(bytes: Uint8Array): string {
  return new Decoder('utf-8', { fatal: false }).decode(bytes);
}
