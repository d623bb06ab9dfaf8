/** Pretty JSON with number arrays on one line (indices stay readable and diffable). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
    (_, body: string) => `[${body.split(/,\s*/).join(',')}]`,
  );
}
