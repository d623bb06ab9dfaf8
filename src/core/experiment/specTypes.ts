/**
 * The experiment spec's types (spec.ts re-exports them): apart, so the schema (specSchema.ts)
 * and validation (spec.ts) can both name them without importing each other.
 */
import type { NoiseType } from '../data/corruptions';
import type { ToyShape } from '../data/toy';
import type { ParamValues } from '../methods/params';
import type { AttackSpec } from './attack';
import type { TrainBudget } from './budget';

export type DatasetChoice = 'mnist' | 'fashion' | 'toy' | 'radio' | 'custom';
export type ModelKind = 'linear' | 'mlp' | 'cnn';

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
