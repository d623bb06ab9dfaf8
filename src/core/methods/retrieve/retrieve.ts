/**
 * RETRIEVE — Killamsetty, Zhao, Chen, Iyer, "RETRIEVE: Coreset Selection for Efficient and Robust
 * Semi-Supervised Learning", NeurIPS 2021.
 *
 * An in-training method in the semi-supervised setting: a small labeled seed set plus an
 * unlabeled pool, of which every R epochs a subset of f·|U| rows is selected for the SSL loss.
 * `run` hands its params to the semi-supervised loop ml/ supplies (InTrainingContext.trainers
 * .retrieve: ml/ssl/trainer.ts over ml/ssl/loop.ts) and returns the run in a comparison cell's
 * columns, naming its setting. The greedy round is retrieveGreedy.ts.
 */
import type { ClassificationMetrics } from '../../experiment/metrics';
import type { AbortSignalLike } from '../abort';
import type { Diagnostic } from '../diagnostics';
import { numParam, strParam, type ParamValues } from '../params';
import { MissingTrainerError, type MethodDef } from '../types';

export const SSL_ALGORITHMS = ['fixmatch', 'meanteacher', 'vat'] as const;
export type SslAlgorithmName = (typeof SSL_ALGORITHMS)[number];

/** RETRIEVE's params as the semi-supervised loop takes them (the same names as SslSpec's fields). */
export interface RetrieveConfig {
  algorithm: SslAlgorithmName;
  /** R: re-select every R epochs. */
  roundsEvery: number;
  /** κ: share of the epochs trained on the full pool before the first selection. */
  warmStart: number;
  /** Stochastic-greedy ε. */
  epsilon: number;
  gradients: 'logits' | 'lastLayer';
}

export function retrieveConfigOf(params: ParamValues): RetrieveConfig {
  const algorithm = strParam(params, 'algorithm');
  return {
    algorithm: (SSL_ALGORITHMS as readonly string[]).includes(algorithm)
      ? (algorithm as SslAlgorithmName)
      : 'fixmatch',
    roundsEvery: numParam(params, 'rounds-every'),
    warmStart: numParam(params, 'warm-start'),
    epsilon: numParam(params, 'epsilon'),
    gradients: strParam(params, 'gradients') === 'lastLayer' ? 'lastLayer' : 'logits',
  };
}

/** The schema's values for a config (the semi-supervised panel's form shows these). */
export function retrieveParamsOf(c: RetrieveConfig): ParamValues {
  return {
    algorithm: c.algorithm,
    'rounds-every': c.roundsEvery,
    'warm-start': c.warmStart,
    gradients: c.gradients,
    epsilon: c.epsilon,
  };
}

/** What the semi-supervised loop reports back (core/experiment/sslSpec.ts SslRunResult has these fields and more). */
export interface RetrieveRun {
  labeledSize: number;
  unlabeledSize: number;
  oodInPool: number;
  epochs: readonly { epoch: number; testAccuracy: number; steps: number }[];
  rounds: readonly { round: number; epoch: number; size: number; oodShare: number }[];
  /** Test metrics after the last epoch. */
  metrics: ClassificationMetrics;
  timings: { trainingMs: number; selectionMs: number; evaluationMs: number };
  /** What the trainer changed or ignored of the run's setup to fit the setting (shown with it). */
  note?: string;
}

/** The semi-supervised loop with RETRIEVE as its selector, on the split the trainer prepares for the run. */
export type RetrieveTrainer = (
  config: RetrieveConfig,
  run: { fraction: number; onProgress: (done: number, message?: string) => void; signal: AbortSignalLike },
) => Promise<RetrieveRun>;

declare module '../types' {
  interface InTrainingTrainers {
    /** RETRIEVE: labeled seed set + unlabeled pool from the run's dataset; ml/ssl/trainer.ts retrieveTrainer. */
    retrieve?: RetrieveTrainer;
  }
}

function retrieveDiagnostics(r: RetrieveRun): Diagnostic[] {
  return [
    {
      kind: 'curves',
      title: 'Test accuracy per epoch (semi-supervised)',
      xLabel: 'epoch',
      yLabel: 'accuracy',
      series: [
        { name: 'RETRIEVE', x: r.epochs.map((e) => e.epoch + 1), y: r.epochs.map((e) => e.testAccuracy) },
      ],
      markers: r.rounds.map((x) => ({
        x: x.epoch + 1,
        y: r.epochs[x.epoch]?.testAccuracy ?? 0,
        label: `round ${x.round + 1}`,
      })),
    },
    {
      kind: 'table',
      title: 'Selection rounds',
      columns: ['round', 'from epoch', 'pool rows kept', 'OOD share'],
      rows: r.rounds.map((x) => [x.round + 1, x.epoch + 1, x.size, `${(x.oodShare * 100).toFixed(1)}%`]),
    },
  ];
}

export const retrieveMethod: MethodDef<'in-training'> = {
  id: 'retrieve',
  name: 'RETRIEVE',
  paper:
    'Killamsetty et al., RETRIEVE: Coreset Selection for Efficient and Robust Semi-Supervised Learning, NeurIPS 2021',
  summary:
    'Inside semi-supervised training (FixMatch, Mean Teacher or VAT), every R epochs picks the unlabeled subset whose masked consistency-loss gradients best lower the labeled loss after one simulated SGD step, by stochastic greedy (ε = 0.01) over per-example logit gradients with uniform weights. Decision: logit gradients (C-dim) by default, the labeled logits shifted by −η·s with η = the optimizer lr (optional: the full last layer); in a comparison it runs semi-supervised (10 labels per class + the training rows as the unlabeled pool), in full from the semi-supervised panel or `npm run cli -- ssl`.',
  kind: 'in-training',
  setting: 'semi-supervised',
  home: { cli: 'npm run cli -- ssl --method retrieve', panel: 'Semi-supervised (RETRIEVE)' },
  needs: ['ssl'],
  params: [
    {
      name: 'algorithm',
      label: 'Semi-supervised algorithm',
      type: 'enum',
      default: 'fixmatch',
      options: SSL_ALGORITHMS,
      help: 'SSL algorithm whose masked consistency loss RETRIEVE selects for: FixMatch (τ = 0.95), Mean Teacher (EMA teacher, MSE), VAT (one power iteration).',
    },
    {
      name: 'rounds-every',
      label: 'Re-select every … epochs',
      type: 'number',
      default: 5,
      min: 1,
      max: 100,
      integer: true,
      help: 'R: re-select the unlabeled subset every R epochs.',
    },
    {
      name: 'warm-start',
      label: 'Share of epochs on the whole pool first',
      type: 'number',
      default: 0,
      min: 0,
      max: 0.9,
      step: 0.05,
      help: 'κ: share of the epochs trained on the full unlabeled pool before the first selection.',
    },
    {
      name: 'gradients',
      label: 'How a sample’s effect is measured',
      type: 'enum',
      default: 'logits',
      options: ['logits', 'lastLayer'],
      help: 'logits: G_j is the C-dim logit gradient (the labeled logits shift by −η·s); lastLayer: G_j = g_j ⊗ [h_j; 1] over the final dense layer, so feature similarity to the labeled set counts.',
    },
    {
      name: 'epsilon',
      label: 'Speed-up of the greedy search (ε)',
      type: 'number',
      default: 0.01,
      min: 0,
      max: 0.5,
      step: 0.01,
      help: 'Stochastic-greedy ε: each step scores (n/k)·ln(1/ε) random candidates; 0 scans all (exact greedy).',
    },
  ],
  async run(_data, params, ctx) {
    const trainer = ctx.trainers.retrieve;
    if (!trainer) throw new MissingTrainerError('RETRIEVE', 'its semi-supervised training loop');
    const config = retrieveConfigOf(params);
    const r = await trainer(config, {
      fraction: ctx.fraction,
      onProgress: ctx.onProgress,
      signal: ctx.signal,
    });
    const last = r.rounds.at(-1);
    const steps = r.epochs.reduce((a, e) => a + e.steps, 0);
    const keptSize = last?.size ?? r.unlabeledSize;
    const ood = r.oodInPool ? ` (${r.oodInPool} OOD)` : '';
    return {
      setting: `semi-supervised (${config.algorithm}): ${r.labeledSize} labeled + ${r.unlabeledSize} unlabeled${ood}; ${keptSize} pool rows re-selected every ${config.roundsEvery} epochs; ${r.epochs.length} epochs over them, ${steps} steps${r.note ? `; ${r.note}` : ''}`,
      poolSize: r.unlabeledSize,
      keptSize,
      oodKept: last ? Math.round(last.oodShare * last.size) : undefined,
      oodTotal: r.oodInPool,
      metrics: r.metrics,
      steps,
      trainingMs: r.timings.trainingMs,
      selectionMs: r.timings.selectionMs,
      evaluationMs: r.timings.evaluationMs,
      diagnostics: retrieveDiagnostics(r),
    };
  },
};
