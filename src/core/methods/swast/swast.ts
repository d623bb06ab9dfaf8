/**
 * SWaST — Wan, Yi, Zhang, Zhou & Jin, "Explore and Establish Synergistic Effects Between Weight
 * Pruning and Coreset Selection in Neural Network Training", AAAI 2026 (arXiv 2511.09901).
 *
 * An in-training method: its params schema, and `run`, which hands them to the SWaST loop ml/ supplies
 * (InTrainingContext.trainers.swast, ml/swast.ts) and returns the run in a comparison cell's
 * columns with its views. The schedule, the selection rule and the Decisions are in
 * swastSchedule.ts; the views in swastViews.ts.
 */
import { boolParam, numParam, strParam, type ParamSpec, type ParamValues } from '../params';
import { BALANCE_PARAM, balanceOf } from '../ranking';
import type { SwastConfig, SwastTrainer } from './swastSchedule';
import { swastDiagnostics } from './swastDiagnostics';
import { MissingTrainerError, type MethodDef } from '../types';

export const SWAST_PARAMS: readonly ParamSpec[] = [
  {
    name: 'selector',
    label: 'How samples are scored',
    type: 'enum',
    default: 'el2n',
    options: ['el2n', 'grand'],
    help: 'Score computed with the current, pruned model at each round: EL2N ‖p − e_y‖ or GraNd ‖p − e_y‖·sqrt(1 + ‖h‖²) (closed-form last layer). The highest scores are kept.',
  },
  {
    name: 'every',
    label: 'Re-select every … epochs',
    type: 'number',
    default: 2,
    min: 1,
    max: 50,
    integer: true,
    help: 'R: re-select the subset every R epochs after the warm-up.',
  },
  {
    name: 'variant',
    label: 'What gets pruned',
    type: 'enum',
    default: 'trim',
    options: ['trim', 'cut', 'none'],
    help: 'trim: prune only the final dense layer; cut: also prune every hidden layer at rate p; none: coreset-only, no pruning.',
  },
  {
    name: 'pruneRate',
    label: 'Hidden-layer weights removed',
    type: 'number',
    default: 0.3,
    min: 0,
    max: 0.95,
    step: 0.05,
    help: 'p: share of hidden-layer weights pruned (cut).',
  },
  {
    name: 'finalPruneRate',
    label: 'Last-layer weights removed',
    type: 'number',
    default: 0.9,
    min: 0,
    max: 0.99,
    step: 0.01,
    help: 'Share of the final dense layer pruned (trim and cut; 90% in the paper).',
  },
  {
    name: 'deltaT',
    label: 'Training steps between rewiring (0 = automatic)',
    type: 'number',
    default: 0,
    min: 0,
    max: 10000,
    integer: true,
    help: 'ΔT: optimizer steps between drop-and-regrow mask updates; 0 (default) = a quarter of a subset epoch (RigL: ΔT = 100 at ~390 steps an epoch), so a 5% subset of 1–4 steps an epoch still updates every step or so.',
  },
  {
    name: 'dropFraction',
    label: 'Weights rewired each time',
    type: 'number',
    default: 0.3,
    min: 0,
    max: 0.9,
    step: 0.05,
    help: 'α: share of active weights dropped (and regrown) per update, cosine-decayed to 0 at 75% of training (RigL).',
  },
  {
    name: 'lambda',
    label: 'Memory strength (λ)',
    type: 'number',
    default: 0.1,
    min: 0,
    max: 10,
    step: 0.05,
    help: 'λ: weight of the state-preservation term KL(softmax(z_i) ‖ softmax(f(x_i))) against logits stored at selection.',
  },
  {
    name: 'statePreservation',
    label: 'Remember the model’s answers on kept samples',
    type: 'boolean',
    default: true,
    help: "Store the selected samples' logits and add the KL term; off = plain coreset + pruning.",
  },
  BALANCE_PARAM,
];

export function swastConfigOf(params: ParamValues): SwastConfig {
  const selector = strParam(params, 'selector');
  const variant = strParam(params, 'variant');
  return {
    selector: selector === 'grand' ? 'grand' : 'el2n',
    every: numParam(params, 'every'),
    variant: variant === 'cut' || variant === 'none' ? variant : 'trim',
    pruneRate: numParam(params, 'pruneRate'),
    finalPruneRate: numParam(params, 'finalPruneRate'),
    deltaT: numParam(params, 'deltaT'),
    dropFraction: numParam(params, 'dropFraction'),
    lambda: numParam(params, 'lambda'),
    statePreservation: boolParam(params, 'statePreservation'),
    balance: balanceOf(params),
  };
}

declare module '../types' {
  interface InTrainingTrainers {
    /** SWaST: a fresh model of the run's spec trained with online pruning and re-selection; ml/swast.ts swastTrainer. */
    swast?: SwastTrainer;
  }
}

export const swastMethod: MethodDef<'in-training'> = {
  id: 'swast',
  name: 'SWaST',
  paper:
    'Wan, Yi, Zhang, Zhou & Jin, Explore and Establish Synergistic Effects Between Weight Pruning and Coreset Selection in Neural Network Training, AAAI 2026',
  summary:
    'Warms up on full data for ceil(T·f/2) epochs, then re-selects the highest EL2N / GraNd samples every R epochs with the current pruned model while weights are pruned online (RigL drop-and-regrow, cosine-decayed); state preservation adds λ·KL to the logits stored at selection. Decisions: trim prunes the final layer at 90%, cut also the hidden layers at p; masks start sparse by magnitude and keep their density; class-proportional budgets.',
  kind: 'in-training',
  setting: 'supervised',
  home: { cli: 'npm run cli -- swast', panel: 'SWaST: pruning + coreset' },
  needs: [],
  params: SWAST_PARAMS,
  async run(data, params, ctx) {
    const trainer = ctx.trainers.swast;
    if (!trainer)
      throw new MissingTrainerError('SWaST', 'its training loop (online pruning and re-selection)');
    const config = swastConfigOf(params);
    const r = await trainer(config, {
      fraction: ctx.fraction,
      onProgress: ctx.onProgress,
      signal: ctx.signal,
    });
    const n = data.train.labels.length;
    const pruned = config.variant === 'none' ? 'no pruning' : `${config.variant} pruning`;
    return {
      setting: `supervised, in-training: ${r.warmupEpochs} full-data warm-up epoch${r.warmupEpochs === 1 ? '' : 's'} of ${r.epochs}, then ${r.budget} of ${n} rows re-selected every ${config.every}, ${pruned}; ${r.steps} steps`,
      poolSize: n,
      kept: r.indices,
      keptSize: r.indices.length,
      metrics: r.metrics,
      steps: r.steps,
      trainingMs: r.timings.warmupMs + r.timings.subsetMs + r.timings.maskMs,
      selectionMs: r.timings.selectionMs,
      evaluationMs: r.timings.evaluationMs,
      diagnostics: swastDiagnostics([{ name: 'SWaST', result: r }]),
    };
  },
};
