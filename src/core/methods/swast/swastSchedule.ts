/**
 * SWaST — Wan, Yi, Zhang, Zhou & Jin, "Explore and Establish Synergistic Effects Between Weight
 * Pruning and Coreset Selection in Neural Network Training", AAAI 2026 (arXiv 2511.09901).
 *
 * Warm up on full data for K = ceil(T·f/2) epochs, then every R epochs score the training set
 * with the current, pruned model (EL2N or GraNd, closed form) and train on the top-scored subset
 * while weights are pruned online (RigL-style drop-and-regrow every ΔT steps). State
 * preservation adds λ · mean KL(softmax(z_i) ‖ softmax(f(x_i))) against the logits stored at
 * selection. The loop lives in ml/swast.ts; the schedule, the selection rule and the run's
 * result types live here; the method (swast.ts) has the params schema and hands them to the loop.
 *
 * Decisions (docs/methods-decisions.md "SWaST" and this implementation):
 * - variants: trim prunes only the final dense layer (90%); cut prunes every hidden dense /
 *   conv kernel at rate p plus the final layer at 90%; none is coreset-only (no pruning);
 * - masks start sparse: magnitude pruning of the initial weights at step 0, then drop-and-regrow
 *   keeps each layer's density fixed; a weight dropped in an update is not regrown in the same
 *   update; drop fraction α_t = α/2 · (1 + cos(π t / T_end)), T_end = 75% of the steps (RigL);
 * - selection keeps the highest EL2N / GraNd scores (the hardest), class-proportional budgets
 *   by default (largest remainder), ties broken by a seeded key;
 * - biases are never pruned; FLOPs count forward + backward ≈ 3 × forward on active weights plus
 *   one forward pass over the training set per selection round, relative to dense full data.
 */
import type { FlopsSummary, LayerShape } from '../../experiment/flops';
import type { ClassificationMetrics } from '../../experiment/metrics';
import type { Rng } from '../../math/rng';
import type { AbortSignalLike } from '../abort';
import { pickByScore, type Balance } from '../ranking';

export type SwastSelector = 'el2n' | 'grand';
export type SwastVariant = 'trim' | 'cut' | 'none';

export interface SwastConfig {
  selector: SwastSelector;
  /** R: re-select every R epochs after the warm-up. */
  every: number;
  variant: SwastVariant;
  /** p: pruning rate of the hidden layers (cut). */
  pruneRate: number;
  /** Pruning rate of the final dense layer (trim and cut; 0.9 in the paper). */
  finalPruneRate: number;
  /** ΔT: optimizer steps between drop-and-regrow updates. */
  deltaT: number;
  /** α: initial drop fraction, cosine-decayed. */
  dropFraction: number;
  /** λ: weight of the state-preservation KL term. */
  lambda: number;
  /** false = plain coreset + pruning: no logits stored, no KL term, whatever λ says. */
  statePreservation: boolean;
  balance: Balance;
}

/** ΔT in steps: the param, or (0) a quarter of the steps one pass over the subset takes. */
export function maskUpdateEvery(deltaT: number, budget: number, batchSize: number): number {
  return deltaT > 0 ? deltaT : Math.max(1, Math.ceil(Math.ceil(budget / batchSize) / 4));
}

/** K = ceil(T · f / 2): full-data warm-up epochs (at least 1, at most T). */
export function warmupEpochs(epochs: number, fraction: number): number {
  if (!(Number.isInteger(epochs) && epochs >= 1))
    throw new RangeError(`epochs must be a positive integer, got ${epochs}`);
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  return Math.min(epochs, Math.max(1, Math.ceil((epochs * fraction) / 2)));
}

export interface SwastEpochPlan {
  epoch: number;
  phase: 'warmup' | 'subset';
  /** Whether a selection round runs before this epoch. */
  select: boolean;
  /** Round whose subset this epoch trains on (-1 in the warm-up). */
  round: number;
}

/** Warm-up for K epochs, then a selection before epochs K, K + R, K + 2R, … */
export function swastSchedule(epochs: number, fraction: number, every: number): SwastEpochPlan[] {
  if (!(Number.isInteger(every) && every >= 1))
    throw new RangeError(`R must be a positive integer, got ${every}`);
  const k = warmupEpochs(epochs, fraction);
  return Array.from({ length: epochs }, (_, epoch) => {
    if (epoch < k) return { epoch, phase: 'warmup', select: false, round: -1 };
    const since = epoch - k;
    return { epoch, phase: 'subset', select: since % every === 0, round: Math.floor(since / every) };
  });
}

/** Pruning rate per prunable layer (model order, the last is the final dense layer). */
export function layerPruneRates(
  config: Pick<SwastConfig, 'variant' | 'pruneRate' | 'finalPruneRate'>,
  layers: number,
): number[] {
  if (layers < 1) throw new RangeError('the model has no prunable layer');
  return Array.from({ length: layers }, (_, i) => {
    if (config.variant === 'none') return 0;
    if (i === layers - 1) return config.finalPruneRate;
    return config.variant === 'cut' ? config.pruneRate : 0;
  });
}

/** RigL's cosine decay: α_t = α/2 · (1 + cos(π t / T_end)), 0 from T_end on. */
export function cosineDropFraction(alpha: number, step: number, endStep: number): number {
  if (endStep <= 0 || step >= endStep) return 0;
  return (alpha / 2) * (1 + Math.cos((Math.PI * step) / endStep));
}

/** Drop-and-regrow stops at 75% of the steps (RigL's T_end). */
export function maskUpdateEnd(totalSteps: number): number {
  return Math.floor(0.75 * totalSteps);
}

/**
 * The runs of one comparison: the configured one and, with `compare`, the same setup with state
 * preservation flipped and coreset-only (no pruning). Names: swast-<variant>[+sp], coreset-only.
 */
export function swastComparison(
  config: SwastConfig,
  compare: boolean,
): { name: string; config: SwastConfig }[] {
  const sp = config.statePreservation && config.variant !== 'none';
  const main = {
    name: config.variant === 'none' ? 'coreset-only' : `swast-${config.variant}${sp ? '+sp' : ''}`,
    config,
  };
  if (!compare || config.variant === 'none') return [main];
  const other = sp
    ? { name: `swast-${config.variant}`, config: { ...config, statePreservation: false } }
    : { name: `swast-${config.variant}+sp`, config: { ...config, statePreservation: true } };
  const coresetOnly = {
    name: 'coreset-only',
    config: { ...config, variant: 'none' as const, statePreservation: false },
  };
  return [main, other, coresetOnly];
}

/** One round's rule: the `budget` highest scores under the budget mode. */
export function swastPick(
  scores: Float32Array,
  labels: Uint8Array,
  numClasses: number,
  budget: number,
  balance: Balance,
  rng: Rng,
): Int32Array {
  return pickByScore(scores, labels, numClasses, budget, balance, 'highest', rng).sort();
}

export interface SwastEpochReport {
  epoch: number;
  phase: 'warmup' | 'subset';
  /** Samples trained on this epoch. */
  samples: number;
  loss: number;
  /** Of which the state-preservation KL (0 when off or in the warm-up). */
  klLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** Active share of each prunable kernel at the end of the epoch. */
  densities: number[];
  /** Active share of all kernel weights together. */
  density: number;
  ms: number;
}

export interface SwastRoundReport {
  round: number;
  epoch: number;
  size: number;
  perClassCounts: number[];
  scoreMean: number;
  /** Lowest kept score: the bar a sample had to clear. */
  threshold: number;
  /** Rows new to the subset since the previous round (all of them in round 0). */
  changed: number;
  ms: number;
}

export interface SwastTimings {
  warmupMs: number;
  selectionMs: number;
  subsetMs: number;
  maskMs: number;
  evaluationMs: number;
  totalMs: number;
}

export interface SwastRunResult {
  config: SwastConfig;
  fraction: number;
  epochs: number;
  warmupEpochs: number;
  budget: number;
  layers: LayerShape[];
  history: SwastEpochReport[];
  rounds: SwastRoundReport[];
  /** Drop-and-regrow updates applied. */
  maskUpdates: number;
  finalAccuracy: number;
  /** Test metrics after the last epoch (finalAccuracy is their accuracy). */
  metrics: ClassificationMetrics;
  /** Optimizer steps taken, warm-up included. */
  steps: number;
  flops: FlopsSummary;
  timings: SwastTimings;
  /** The last round's subset (all rows when no round ran). */
  indices: Int32Array;
}

/**
 * The SWaST loop as a service ml/ offers (InTrainingContext.trainers.swast): trains a fresh model
 * of the run's spec on the prepared data, returns the whole run.
 */
export type SwastTrainer = (
  config: SwastConfig,
  run: { fraction: number; onProgress: (done: number, message?: string) => void; signal: AbortSignalLike },
) => Promise<SwastRunResult>;
