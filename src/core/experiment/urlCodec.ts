/**
 * The experiment spec in the URL: one typed, versioned codec. Each field's key comes from the
 * spec schema (specSchema.ts); method params travel as `p.NAME`. Only fields that differ from the
 * defaults are written, so shared links stay short; decoding validates through validateSpec and
 * reports the first bad field instead of silently falling back.
 */
import { getMethod } from '../methods/registry';
import { defaultParams } from '../methods/params';
import { DEFAULT_SPEC, SpecError, validateSpec, type ExperimentSpec } from './spec';
import { SPEC_FIELDS, getPath, setPath, type SchemaField } from './specSchema';

export const URL_VERSION = 1;

/** The part of URLSearchParams the codec uses (core compiles without DOM types). */
export interface QueryParams {
  get(key: string): string | null;
  set(key: string, value: string): void;
  has(key: string): boolean;
  forEach(fn: (value: string, key: string) => void): void;
  toString(): string;
}
export type QueryFactory = () => QueryParams;

/** The value a field writes to its URL key. Booleans travel as 1 / 0. */
function toUrl(f: SchemaField, spec: ExperimentSpec): string {
  const v = getPath(spec, f.path) ?? f.default;
  return f.kind === 'boolean' ? (v ? '1' : '0') : String(v);
}

/** The value a URL key reads as; anything malformed reaches validateSpec as-is and is refused there. */
function fromUrl(f: SchemaField, v: string): unknown {
  switch (f.kind) {
    case 'number':
    case 'integer':
      return Number(v);
    case 'boolean':
      return v === '1' ? true : v === '0' ? false : v;
    default:
      return v;
  }
}

const PARAM_PREFIX = 'p.';

function clone(spec: ExperimentSpec): ExperimentSpec {
  return {
    ...spec,
    toy: { ...spec.toy },
    corruption: { ...spec.corruption },
    attack: { ...spec.attack },
    params: { ...spec.params },
  };
}

export function encodeSpec(spec: ExperimentSpec, make: QueryFactory): QueryParams {
  const q = make();
  q.set('v', String(URL_VERSION));
  for (const f of SPEC_FIELDS) {
    const v = toUrl(f, spec);
    if (v !== toUrl(f, DEFAULT_SPEC)) q.set(f.urlKey, v);
  }
  const defaults = defaultParams(getMethod(spec.method).params);
  for (const [name, value] of Object.entries(spec.params)) {
    if (value !== defaults[name]) q.set(PARAM_PREFIX + name, String(value));
  }
  return q;
}

/**
 * Reads a spec from URL parameters. Keys that are not part of the spec (backend, test, …) are
 * ignored; a spec field with a bad value throws SpecError naming it.
 */
export function decodeSpec(q: QueryParams): ExperimentSpec | undefined {
  if (!q.has('v')) return undefined;
  const version = Number(q.get('v'));
  if (version !== URL_VERSION)
    throw new SpecError(
      'v',
      `this link was made by spec version ${q.get('v')}; this app reads version ${URL_VERSION}`,
    );
  const spec = clone(DEFAULT_SPEC);
  for (const f of SPEC_FIELDS) {
    const v = q.get(f.urlKey);
    if (v !== null) setPath(spec as unknown as Record<string, unknown>, f.path, fromUrl(f, v));
  }
  const params: Record<string, string> = {};
  q.forEach((value, key) => {
    if (key.startsWith(PARAM_PREFIX)) params[key.slice(PARAM_PREFIX.length)] = value;
  });
  try {
    spec.params = { ...defaultParams(getMethod(spec.method).params) };
  } catch (e) {
    throw new SpecError('method', (e as Error).message);
  }
  return validateSpec({ ...spec, params: { ...spec.params, ...params } });
}

/** URLSearchParams-like over a plain list, so the lenient decoder can try links without a key. */
class ListQuery implements QueryParams {
  constructor(private readonly entries: [string, string][]) {}
  get(key: string): string | null {
    return this.entries.find(([k]) => k === key)?.[1] ?? null;
  }
  set(key: string, value: string): void {
    const at = this.entries.findIndex(([k]) => k === key);
    if (at >= 0) this.entries[at] = [key, value];
    else this.entries.push([key, value]);
  }
  has(key: string): boolean {
    return this.entries.some(([k]) => k === key);
  }
  forEach(fn: (value: string, key: string) => void): void {
    for (const [k, v] of this.entries) fn(v, k);
  }
  toString(): string {
    return this.entries.map(([k, v]) => `${k}=${v}`).join('&');
  }
  without(key: string): ListQuery {
    return new ListQuery(this.entries.filter(([k]) => k !== key));
  }
}

export interface LenientDecode {
  spec: ExperimentSpec | undefined;
  /** URL keys left out, each with why (the SpecError message naming the field). */
  dropped: { key: string; message: string }[];
}

/**
 * Like decodeSpec, but a bad value costs only its own key: that key is left out (and reported)
 * and everything else in the link is still restored. A link of another version restores nothing.
 */
export function decodeSpecLenient(q: QueryParams): LenientDecode {
  const entries: [string, string][] = [];
  q.forEach((v, k) => entries.push([k, v]));
  let current = new ListQuery(entries);
  const dropped: LenientDecode['dropped'] = [];
  for (;;) {
    let error: SpecError;
    try {
      return { spec: decodeSpec(current), dropped };
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      error = e;
    }
    if (error.field === 'v') return { spec: undefined, dropped: [{ key: 'v', message: error.message }] };
    // The culprit is the key whose absence clears this error (another one may follow). Later
    // keys depend on earlier ones (parameters on the method, OOD on the dataset): try them first.
    const culprit = entries
      .map(([k]) => k)
      .filter((k) => k !== 'v' && current.has(k))
      .reverse()
      .find((k) => {
        try {
          decodeSpec(current.without(k));
          return true;
        } catch (e) {
          return !(e instanceof SpecError) || e.field !== error.field || e.message !== error.message;
        }
      });
    if (culprit === undefined)
      return { spec: undefined, dropped: [...dropped, { key: '', message: error.message }] };
    dropped.push({ key: culprit, message: error.message });
    current = current.without(culprit);
  }
}
