/**
 * The experiment spec's fields, described once (like a method's params schema,
 * core/methods/params.ts): kind, range or options, default, label, URL key and CLI flag.
 * validateSpec and DEFAULT_SPEC (spec.ts), the URL codec (urlCodec.ts), the CLI's spec flags and
 * their help lines (cli/spec.ts) and the form controls' bounds (ui/) are generated from it, so a
 * range or a default is written here and nowhere else.
 *
 * URL keys and CLI flags are part of what users keep (shared links, scripts): never rename one.
 */
import { TOY_SHAPES } from '../data/toy';
import type { NoiseType } from '../data/corruptions';
import { ATTACK_KINDS, DEFAULT_ATTACK } from './attack';
import { TRAIN_BUDGETS } from './budget';
import type { DatasetChoice, ExperimentSpec, ModelKind } from './specTypes';

export const DATASET_CHOICES: readonly DatasetChoice[] = ['mnist', 'fashion', 'toy', 'radio', 'custom'];
export const MODEL_KINDS: readonly ModelKind[] = ['linear', 'mlp', 'cnn'];
export const NOISE_TYPES: readonly NoiseType[] = ['symmetric', 'asymmetric'];

interface FieldBase {
  /** What the form shows. */
  label: string;
  /** A short hint under the form control, where the form has one. */
  help?: string;
  /** The CLI help line's text (defaults to the label); later lines continue under it. */
  doc?: string;
  /** The URL query key (short: links stay readable). */
  urlKey: string;
  /** The CLI flag, without `--`. */
  cliFlag: string;
  /**
   * The flag has its own syntax (`--dataset PATH`, `--attack KIND[:EPS]`), parsed and described
   * by hand in cli/spec.ts, which still reads options, ranges and defaults from here.
   */
  cliSpecial?: boolean;
  /** How the CLI help writes the value (otherwise from the kind: N in 1..200, a|b|c). */
  cliValue?: string;
  /** How the CLI help writes the default, where the CLI derives it (ε/4). */
  cliDefault?: string;
  /** Missing from specs saved before the field existed: undefined (or null) reads as the default. */
  legacyDefault?: boolean;
}

export interface NumberField extends FieldBase {
  kind: 'number' | 'integer';
  default: number;
  min: number;
  max: number;
  /** The range is (min, max]: min itself is refused. */
  minExclusive?: boolean;
  /** The smallest value the form's number box accepts, where min is exclusive. */
  formMin?: number;
  /** The form's step (arrows, sliders); integers step by 1. */
  step?: number;
}

export interface EnumField<T extends string = string> extends FieldBase {
  kind: 'enum';
  default: T;
  options: readonly T[];
  /** The form's text per option (the option itself where absent). */
  optionLabels?: Partial<Record<T, string>>;
}

export interface BooleanField extends FieldBase {
  kind: 'boolean';
  default: boolean;
}

/** Free text, checked by a rule in validateSpec (the method registry, the import's id). */
export interface TextField extends FieldBase {
  kind: 'text';
  default: string;
}

export type SpecField = NumberField | EnumField | BooleanField | TextField;

type Groups = 'toy' | 'corruption' | 'attack';
/** Every leaf of ExperimentSpec a schema entry could describe ('toy.n', 'attack.kind', …). */
export type SpecPath =
  | Exclude<keyof ExperimentSpec, Groups | 'params'>
  | { [G in Groups]: `${G}.${keyof ExperimentSpec[G] & string}` }[Groups];
type ValueAt<P extends SpecPath> = P extends `${infer G extends Groups}.${infer K}`
  ? ExperimentSpec[G][K & keyof ExperimentSpec[G]]
  : NonNullable<ExperimentSpec[P & keyof ExperimentSpec]>;
/** The field description a value of type V takes (an enum keeps its options' type). */
type FieldFor<V> = [V] extends [boolean]
  ? BooleanField
  : [V] extends [number]
    ? NumberField
    : [V] extends [string]
      ? string extends V
        ? TextField
        : EnumField<V & string>
      : never;
/** One entry per path: `satisfies` fails to compile when a spec field has none. */
type Schema = { [P in SpecPath]: FieldFor<ValueAt<P>> };

/**
 * Spec keys with no entry here, on purpose: a method's params have their own schema
 * (core/methods/params.ts) and travel as `p.NAME` / `--param` / `--NAME`.
 */
export const NOT_IN_SCHEMA = ['params'] as const;

/** In URL order: links list their keys in this order. */
export const SPEC_SCHEMA = {
  dataset: {
    kind: 'enum',
    options: DATASET_CHOICES,
    default: 'mnist',
    optionLabels: {
      mnist: 'MNIST digits',
      fashion: 'Fashion-MNIST',
      toy: '2-D toy (teaching)',
      radio: 'Radio I/Q modulations (synthetic)',
      custom: 'Your own data (ZIP, folder, IDX, CSV)…',
    },
    label: 'Dataset',
    urlKey: 'ds',
    cliFlag: 'dataset',
    cliSpecial: true,
  },
  trainSize: {
    kind: 'integer',
    min: 1,
    max: 60000,
    default: 1000,
    label: 'Training subset',
    doc: 'training subset drawn stratified from the standard train split; radio: rows generated',
    urlKey: 'n',
    cliFlag: 'train-size',
  },
  'toy.shape': {
    kind: 'enum',
    options: TOY_SHAPES,
    default: 'moons',
    label: 'Shape',
    doc: 'toy dataset: the shape of the classes',
    urlKey: 'toy',
    cliFlag: 'toy-shape',
  },
  'toy.n': {
    kind: 'integer',
    min: 10,
    max: 20000,
    default: 600,
    label: 'Points',
    doc: 'toy dataset: points generated',
    urlKey: 'toyN',
    cliFlag: 'toy-n',
  },
  'toy.noise': {
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.2,
    label: 'Noise',
    doc: 'toy dataset: spread of the points',
    urlKey: 'toyNoise',
    cliFlag: 'toy-noise',
  },
  'corruption.noise': {
    kind: 'number',
    min: 0,
    max: 0.95,
    step: 0.05,
    default: 0,
    label: 'Label noise',
    help: 'share of labels flipped',
    doc: 'label noise rate',
    urlKey: 'noise',
    cliFlag: 'noise',
  },
  'corruption.noiseType': {
    kind: 'enum',
    options: NOISE_TYPES,
    default: 'symmetric',
    optionLabels: { asymmetric: 'asymmetric (c→c+1)' },
    label: 'Noise type',
    doc: 'label noise: any other class, or class c → c+1',
    urlKey: 'noiseType',
    cliFlag: 'noise-type',
  },
  'corruption.imbalance': {
    kind: 'number',
    min: 1,
    max: 1000,
    default: 1,
    label: 'Imbalance ratio',
    help: 'largest / smallest class; 1 = balanced',
    doc: 'long-tail ratio N_max/N_min, 1 = balanced',
    urlKey: 'imb',
    cliFlag: 'imbalance',
  },
  'corruption.ood': {
    kind: 'number',
    min: 0,
    max: 0.95,
    step: 0.05,
    default: 0,
    label: 'OOD share',
    doc: "share of rows replaced by the other image dataset's images",
    urlKey: 'ood',
    cliFlag: 'ood',
  },
  model: {
    kind: 'enum',
    options: MODEL_KINDS,
    default: 'mlp',
    optionLabels: {
      linear: 'Linear (softmax regression)',
      mlp: 'MLP · 128 hidden',
      cnn: 'Small CNN · conv16-pool-conv32-pool-dense64',
    },
    label: 'Model',
    doc: 'the model --evaluate trains',
    urlKey: 'model',
    cliFlag: 'model',
  },
  epochs: {
    kind: 'integer',
    min: 1,
    max: 200,
    default: 10,
    label: 'Epochs',
    doc: 'passes over all rows of the full-data run',
    urlKey: 'epochs',
    cliFlag: 'epochs',
  },
  trainBudget: {
    kind: 'enum',
    options: TRAIN_BUDGETS,
    default: 'steps',
    optionLabels: { epochs: 'same epochs', steps: 'same optimizer steps', converge: 'until converged' },
    label: 'Coreset training budget',
    doc: 'how long the coreset trains; steps: the optimizer steps of --epochs over all rows',
    urlKey: 'budget',
    cliFlag: 'train-budget',
    legacyDefault: true,
  },
  batchSize: {
    kind: 'integer',
    min: 1,
    max: 4096,
    default: 64,
    label: 'Batch',
    doc: 'batch size',
    urlKey: 'bs',
    cliFlag: 'batch-size',
  },
  learningRate: {
    kind: 'number',
    min: 1e-6,
    max: 1,
    default: 0.001,
    label: 'Learning rate',
    doc: 'Adam learning rate',
    urlKey: 'lr',
    cliFlag: 'lr',
  },
  'attack.kind': {
    kind: 'enum',
    options: ATTACK_KINDS,
    default: DEFAULT_ATTACK.kind,
    optionLabels: {
      none: 'None (clean accuracy only)',
      fgsm: 'FGSM',
      pgd: 'PGD',
      both: 'FGSM and PGD',
    },
    label: 'Attack after training',
    help: 'on up to 2,000 seeded test rows',
    urlKey: 'atk',
    cliFlag: 'attack',
    cliSpecial: true,
    legacyDefault: true,
  },
  'attack.epsilon': {
    kind: 'number',
    min: 0,
    max: 10,
    step: 0.05,
    default: DEFAULT_ATTACK.epsilon,
    label: 'ε (L∞)',
    help: 'pixels in [0, 1]',
    urlKey: 'eps',
    cliFlag: 'attack',
    cliSpecial: true,
    legacyDefault: true,
  },
  'attack.pgdSteps': {
    kind: 'integer',
    min: 1,
    max: 500,
    default: DEFAULT_ATTACK.pgdSteps,
    label: 'PGD steps',
    doc: 'PGD iterations',
    urlKey: 'pgdSteps',
    cliFlag: 'pgd-steps',
    legacyDefault: true,
  },
  'attack.pgdStepSize': {
    kind: 'number',
    min: 1e-6,
    max: 10,
    default: DEFAULT_ATTACK.pgdStepSize,
    label: 'PGD step size',
    help: 'default ε/4',
    doc: 'PGD step size α',
    cliDefault: 'ε/4',
    urlKey: 'pgdStep',
    cliFlag: 'pgd-step-size',
    legacyDefault: true,
  },
  'attack.trades': {
    kind: 'boolean',
    default: DEFAULT_ATTACK.trades,
    label: 'Train with TRADES (β = 6, inner PGD with the steps above; slower)',
    doc: 'train with TRADES (β = 6; inner PGD uses the PGD schedule)',
    urlKey: 'trades',
    cliFlag: 'trades',
    legacyDefault: true,
  },
  customId: {
    kind: 'text',
    default: '',
    label: 'Imported data',
    urlKey: 'cid',
    cliFlag: 'dataset',
    cliSpecial: true,
    legacyDefault: true,
  },
  method: {
    kind: 'text',
    default: 'random',
    label: 'Method',
    doc: 'see `methods`',
    cliValue: 'ID',
    urlKey: 'm',
    cliFlag: 'method',
  },
  fraction: {
    kind: 'number',
    min: 0,
    max: 1,
    minExclusive: true,
    formMin: 0.0001,
    step: 0.01,
    default: 0.1,
    label: 'Fraction kept',
    doc: 'coreset fraction',
    urlKey: 'f',
    cliFlag: 'fraction',
  },
  seed: {
    kind: 'integer',
    min: 0,
    max: 2 ** 31 - 1,
    default: 1,
    label: 'Seed',
    doc: 'random seed of the data subset, corruptions, selection and training',
    urlKey: 'seed',
    cliFlag: 'seed',
  },
} as const satisfies Schema;

export type SchemaPath = keyof typeof SPEC_SCHEMA;
export type SchemaField = SpecField & { path: SchemaPath };
/** The schema as a list, in URL order. */
export const SPEC_FIELDS: readonly SchemaField[] = (Object.keys(SPEC_SCHEMA) as SchemaPath[]).map((path) => ({
  ...(SPEC_SCHEMA[path] as SpecField),
  path,
}));

export function getPath(spec: unknown, path: string): unknown {
  let v: unknown = spec;
  for (const k of path.split('.')) v = v == null ? undefined : (v as Record<string, unknown>)[k];
  return v;
}

/** Every schema field at its default, as a spec object (all but `params`). */
export function schemaDefaults(): Omit<ExperimentSpec, 'params'> {
  const spec: Record<string, unknown> = {};
  for (const f of SPEC_FIELDS) setPath(spec, f.path, f.default);
  return spec as unknown as Omit<ExperimentSpec, 'params'>;
}

/** Sets `path` in `spec`, making the group object on the way when it is missing. */
export function setPath(spec: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = spec;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys.at(-1)!] = value;
}

/** The values a number box for this field accepts, and its step. */
export function numberBounds(f: NumberField): { min: number; max: number; step?: number; integer: boolean } {
  return {
    min: f.minExclusive ? (f.formMin ?? f.min) : f.min,
    max: f.max,
    step: f.step,
    integer: f.kind === 'integer',
  };
}

/** How the range of a number field reads in messages and help: 1..60000, [0, 0.95], (0, 1]. */
export function rangeText(f: NumberField): string {
  if (f.kind === 'integer') return `${f.min}..${f.max}`;
  return `${f.minExclusive ? '(' : '['}${f.min}, ${f.max}]`;
}

/** An option's label in the form. */
export function optionLabel<T extends string>(f: EnumField<T>, option: T): string {
  return f.optionLabels?.[option] ?? option;
}
