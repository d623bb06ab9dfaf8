/**
 * SWaST — Wan, Yi, Zhang, Zhou & Jin, "Explore and Establish Synergistic Effects Between Weight
 * Pruning and Coreset Selection in Neural Network Training", AAAI 2026 (arXiv 2511.09901).
 *
 * An in-training method: `run` hands the params to the SWaST loop ml/ supplies
 * (InTrainingContext.trainers.swast, ml/swast.ts) and returns the run in a comparison cell's
 * columns with its views. The schedule, the selection rule and the Decisions are in
 * swastSchedule.ts; the views in swastViews.ts.
 */
import { SWAST_PARAMS, swastConfigOf, type SwastTrainer } from './swastSchedule';
import { swastDiagnostics } from './swastViews';
import { MissingTrainerError, type MethodDef } from './types';

declare module './types' {
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
    if (!trainer) throw new MissingTrainerError('SWaST', 'its training loop (online pruning and re-selection)');
    const config = swastConfigOf(params);
    const r = await trainer(config, { fraction: ctx.fraction, onProgress: ctx.onProgress, signal: ctx.signal });
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
