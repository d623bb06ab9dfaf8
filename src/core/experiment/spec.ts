/**
 * The experiment spec: every parameter a user can share. One place for defaults and validation
 * (the UI, the URL codec and the CLI all call validateSpec), so a bad value gets the same
 * message, naming the field, wherever it came from.
 */
import type { NoiseType } from '../data/corruptions';
import type { ToyShape } from '../data/toy';
import { TOY_SHAPES } from '../data/toy';
import { getMethod } from '../methods/registry';
import { resolveParams, type ParamValues } from '../methods/params';
import { ATTACK_KINDS, DEFAULT_ATTACK, type AttackSpec } from './attack';
import { TRAIN_BUDGETS, type TrainBudget } from './budget';

export type { AttackSpec } from './attack';
export type { TrainBudget } from './budget';

export type DatasetChoice = 'mnist' | 'fashion' | 'toy' | 'radio' | 'custom';
export const DATASET_CHOICES: readonly DatasetChoice[] = ['mnist', 'fashion', 'toy', 'radio', 'custom'];
export type ModelKind = 'linear' | 'mlp' | 'cnn';
export const MODEL_KINDS: readonly ModelKind[] = ['linear', 'mlp', 'cnn'];
export const TRAIN_SIZES = [1000, 5000, 10000, 60000] as const;

export interface CorruptionSpec {
  /** Label-noise rate in [0, 1). */
  noise: number;
  noiseType: NoiseType;
  /** Long-tail ratio N_max / N_min; 1 = balanced. */
  imbalance: number;
  /** Share of training rows replaced by images from the other image dataset, [0, 1). */
  ood: number;
}

export interface ToySpec {
  shape: ToyShape;
  n: number;
  noise: number;
}

export interface ExperimentSpec {
  dataset: DatasetChoice;
  trainSize: number;
  toy: ToySpec;
  corruption: CorruptionSpec;
  model: ModelKind;
  /** Passes over all training rows of the full-data run. */
  epochs: number;
  /** How long a coreset trains (core/experiment/budget.ts); the full-data run always trains `epochs`. */
  trainBudget: TrainBudget;
  batchSize: number;
  learningRate: number;
  /** Adversarial evaluation (FGSM / PGD after training) and TRADES training. */
  attack: AttackSpec;
  /** dataset 'custom': the content hash of the imported data (it lives in the worker, not the URL). */
  customId?: string;
  method: string;
  fraction: number;
  params: ParamValues;
  seed: number;
}

export const DEFAULT_SPEC: ExperimentSpec = {
  dataset: 'mnist',
  trainSize: 1000,
  toy: { shape: 'moons', n: 600, noise: 0.2 },
  corruption: { noise: 0, noiseType: 'symmetric', imbalance: 1, ood: 0 },
  model: 'mlp',
  epochs: 10,
  trainBudget: 'steps',
  batchSize: 64,
  learningRate: 0.001,
  attack: DEFAULT_ATTACK,
  customId: '',
  method: 'random',
  fraction: 0.1,
  params: { balance: 'proportional' },
  seed: 1,
};

export class SpecError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SpecError';
  }
}

function num(field: string, v: unknown, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new SpecError(field, `${field} must be a number, got ${JSON.stringify(v)}`);
  if (integer && !Number.isInteger(v)) throw new SpecError(field, `${field} must be an integer, got ${v}`);
  if (v < min || v > max) throw new SpecError(field, `${field} must be between ${min} and ${max}, got ${v}`);
  return v;
}

function oneOf<T extends string>(field: string, v: unknown, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v))
    throw new SpecError(field, `${field} must be one of ${options.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

/** A spec saved before attacks existed has none: it gets the default (no attack). */
function validateAttack(raw: AttackSpec | undefined): AttackSpec {
  const a = raw ?? DEFAULT_ATTACK;
  if (typeof a.trades !== 'boolean')
    throw new SpecError(
      'attack.trades',
      `attack.trades must be true or false, got ${JSON.stringify(a.trades)}`,
    );
  return {
    kind: oneOf('attack.kind', a.kind, ATTACK_KINDS),
    epsilon: num('attack.epsilon', a.epsilon, 0, 10),
    pgdSteps: num('attack.pgdSteps', a.pgdSteps, 1, 500, true),
    pgdStepSize: num('attack.pgdStepSize', a.pgdStepSize, 1e-6, 10),
    trades: a.trades,
  };
}

/** Returns a fully checked copy of `spec`; throws SpecError naming the first bad field. */
export function validateSpec(spec: ExperimentSpec): ExperimentSpec {
  const dataset = oneOf('dataset', spec.dataset, DATASET_CHOICES);
  const trainSize = num('trainSize', spec.trainSize, 1, 60000, true);
  const toy: ToySpec = {
    shape: oneOf('toy.shape', spec.toy.shape, TOY_SHAPES),
    n: num('toy.n', spec.toy.n, 10, 20000, true),
    noise: num('toy.noise', spec.toy.noise, 0, 1),
  };
  const c = spec.corruption;
  const corruption: CorruptionSpec = {
    noise: num('corruption.noise', c.noise, 0, 0.95),
    noiseType: oneOf('corruption.noiseType', c.noiseType, ['symmetric', 'asymmetric'] as const),
    imbalance: num('corruption.imbalance', c.imbalance, 1, 1000),
    ood: num('corruption.ood', c.ood, 0, 0.95),
  };
  const customId = spec.customId ?? '';
  if (dataset === 'custom' && !/^[0-9a-f]{8}$/.test(customId))
    throw new SpecError(
      'customId',
      `dataset custom needs the imported data's id (8 hex digits), got ${JSON.stringify(customId)}`,
    );
  if ((dataset === 'toy' || dataset === 'radio' || dataset === 'custom') && corruption.ood > 0)
    throw new SpecError(
      'corruption.ood',
      `OOD injection needs an image dataset (mnist or fashion), not ${dataset}`,
    );
  const fraction = spec.fraction;
  if (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction <= 0 || fraction > 1)
    throw new SpecError('fraction', `fraction must be in (0, 1], got ${JSON.stringify(fraction)}`);
  let method;
  try {
    method = getMethod(spec.method);
  } catch (e) {
    throw new SpecError('method', (e as Error).message);
  }
  let params: ParamValues;
  try {
    params = resolveParams(method.params, spec.params, method.name);
  } catch (e) {
    throw new SpecError('params', (e as Error).message);
  }
  return {
    dataset,
    trainSize,
    toy,
    corruption,
    model: oneOf('model', spec.model, MODEL_KINDS),
    epochs: num('epochs', spec.epochs, 1, 200, true),
    trainBudget: oneOf('trainBudget', spec.trainBudget ?? DEFAULT_SPEC.trainBudget, TRAIN_BUDGETS),
    batchSize: num('batchSize', spec.batchSize, 1, 4096, true),
    learningRate: num('learningRate', spec.learningRate, 1e-6, 1),
    attack: validateAttack(spec.attack),
    customId: dataset === 'custom' ? customId : '',
    method: spec.method,
    fraction,
    params,
    seed: num('seed', spec.seed, 0, 2 ** 31 - 1, true),
  };
}
