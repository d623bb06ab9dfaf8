/**
 * One typed parameter schema per method. The UI form, the CLI flags and the URL codec are all
 * generated from it; validation lives here so every entry point says the same thing.
 */
/** `label`: what the form shows, in plain words (the name is the key in links, the CLI and code). */
export type ParamSpec =
  | {
      name: string;
      label?: string;
      type: 'number';
      default: number;
      min: number;
      max: number;
      step?: number;
      integer?: boolean;
      help: string;
    }
  | { name: string; label?: string; type: 'enum'; default: string; options: readonly string[]; help: string }
  | { name: string; label?: string; type: 'boolean'; default: boolean; help: string };

export type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

export class ParamError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

export function defaultParams(specs: readonly ParamSpec[]): ParamValues {
  const out: ParamValues = {};
  for (const s of specs) out[s.name] = s.default;
  return out;
}

/** Checks one value against its spec, converting strings (CLI, URL) to the spec's type. */
export function coerceParam(spec: ParamSpec, raw: unknown): ParamValue {
  const where = `parameter "${spec.name}"`;
  switch (spec.type) {
    case 'number': {
      const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new ParamError(spec.name, `${where} must be a number, got ${JSON.stringify(raw)}`);
      if (spec.integer && !Number.isInteger(v))
        throw new ParamError(spec.name, `${where} must be an integer, got ${v}`);
      if (v < spec.min || v > spec.max)
        throw new ParamError(spec.name, `${where} must be between ${spec.min} and ${spec.max}, got ${v}`);
      return v;
    }
    case 'enum': {
      if (typeof raw !== 'string' || !spec.options.includes(raw))
        throw new ParamError(
          spec.name,
          `${where} must be one of ${spec.options.join(', ')}, got ${JSON.stringify(raw)}`,
        );
      return raw;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      throw new ParamError(spec.name, `${where} must be true or false, got ${JSON.stringify(raw)}`);
    }
  }
}

/** Defaults overlaid with `given`; unknown names are an error naming the known ones. */
export function resolveParams(
  specs: readonly ParamSpec[],
  given: Record<string, unknown>,
  owner: string,
): ParamValues {
  const out = defaultParams(specs);
  for (const [name, raw] of Object.entries(given)) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      const known = specs.map((s) => s.name).join(', ') || '(none)';
      throw new ParamError(name, `unknown parameter "${name}" for ${owner}; known: ${known}`);
    }
    out[name] = coerceParam(spec, raw);
  }
  return out;
}

/** Parses CLI-style "name=value" strings. */
export function parseParamAssignments(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ParamError(item, `--param expects name=value, got "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export function numParam(p: ParamValues, name: string): number {
  const v = p[name];
  if (typeof v !== 'number') throw new ParamError(name, `parameter "${name}" is missing or not a number`);
  return v;
}
export function strParam(p: ParamValues, name: string): string {
  const v = p[name];
  if (typeof v !== 'string') throw new ParamError(name, `parameter "${name}" is missing or not text`);
  return v;
}
export function boolParam(p: ParamValues, name: string): boolean {
  const v = p[name];
  if (typeof v !== 'boolean') throw new ParamError(name, `parameter "${name}" is missing or not a boolean`);
  return v;
}
