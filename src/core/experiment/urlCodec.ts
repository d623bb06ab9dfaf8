/**
 * The experiment spec in the URL: one typed, versioned codec. Only fields that differ from the
 * defaults are written, so shared links stay short; decoding validates through validateSpec and
 * reports the first bad field instead of silently falling back.
 */
import { getMethod } from '../methods/registry';
import { defaultParams } from '../methods/params';
import { DEFAULT_SPEC, SpecError, validateSpec, type ExperimentSpec } from './spec';

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

/** URL key → spec path. Short keys keep links readable. */
const FIELDS: [
  key: string,
  get: (s: ExperimentSpec) => string | number,
  set: (s: ExperimentSpec, v: string) => void,
][] = [
  ['ds', (s) => s.dataset, (s, v) => (s.dataset = v as ExperimentSpec['dataset'])],
  ['n', (s) => s.trainSize, (s, v) => (s.trainSize = Number(v))],
  ['toy', (s) => s.toy.shape, (s, v) => (s.toy.shape = v as ExperimentSpec['toy']['shape'])],
  ['toyN', (s) => s.toy.n, (s, v) => (s.toy.n = Number(v))],
  ['toyNoise', (s) => s.toy.noise, (s, v) => (s.toy.noise = Number(v))],
  ['noise', (s) => s.corruption.noise, (s, v) => (s.corruption.noise = Number(v))],
  [
    'noiseType',
    (s) => s.corruption.noiseType,
    (s, v) => (s.corruption.noiseType = v as ExperimentSpec['corruption']['noiseType']),
  ],
  ['imb', (s) => s.corruption.imbalance, (s, v) => (s.corruption.imbalance = Number(v))],
  ['ood', (s) => s.corruption.ood, (s, v) => (s.corruption.ood = Number(v))],
  ['model', (s) => s.model, (s, v) => (s.model = v as ExperimentSpec['model'])],
  ['epochs', (s) => s.epochs, (s, v) => (s.epochs = Number(v))],
  ['budget', (s) => s.trainBudget, (s, v) => (s.trainBudget = v as ExperimentSpec['trainBudget'])],
  ['bs', (s) => s.batchSize, (s, v) => (s.batchSize = Number(v))],
  ['lr', (s) => s.learningRate, (s, v) => (s.learningRate = Number(v))],
  ['atk', (s) => s.attack.kind, (s, v) => (s.attack.kind = v as ExperimentSpec['attack']['kind'])],
  ['eps', (s) => s.attack.epsilon, (s, v) => (s.attack.epsilon = Number(v))],
  ['pgdSteps', (s) => s.attack.pgdSteps, (s, v) => (s.attack.pgdSteps = Number(v))],
  ['pgdStep', (s) => s.attack.pgdStepSize, (s, v) => (s.attack.pgdStepSize = Number(v))],
  // Booleans travel as 1 / 0; anything else reaches validateSpec as-is and is refused there.
  [
    'trades',
    (s) => (s.attack.trades ? 1 : 0),
    (s, v) => (s.attack.trades = (v === '1' ? true : v === '0' ? false : v) as boolean),
  ],
  ['cid', (s) => s.customId ?? '', (s, v) => (s.customId = v)],
  ['m', (s) => s.method, (s, v) => (s.method = v)],
  ['f', (s) => s.fraction, (s, v) => (s.fraction = Number(v))],
  ['seed', (s) => s.seed, (s, v) => (s.seed = Number(v))],
];
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
  for (const [key, get] of FIELDS) {
    const v = get(spec);
    if (v !== get(DEFAULT_SPEC)) q.set(key, String(v));
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
  for (const [key, , set] of FIELDS) {
    const v = q.get(key);
    if (v !== null) set(spec, v);
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
