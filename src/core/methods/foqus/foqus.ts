/**
 * FoQuS — Lu, Sun, Xu, Lin, Xuan, Gui, "FoQuS: A Forgetting-Quality Coreset Selection Framework
 * for Automatic Modulation Recognition", arXiv:2509.08300, 2025 (docs/methods-decisions.md, "FoQuS"). The
 * paper's domain is radio modulation recognition; core/data/radio.ts provides a synthetic I/Q set.
 * Decisions:
 * - F_i counts correct → incorrect transitions between consecutive per-epoch record passes; a
 *   never-learned sample counts 0 transitions here (its persistent error 1 and low quality
 *   already rank it high), unlike the Forgetting baseline's "never learned = T".
 * - E_i = share of recorded epochs misclassified; Q_i = mean true-class probability over the
 *   last ⌈T/2⌉ epochs (signals/scores.ts).
 * - Rank normalisation within a stratum: mid-ranks for ties, scaled to [0, 1] (a stratum of one
 *   sample scores 0.5).
 * - I = (w_F·F̃ + w_E·Ẽ + w_Q·(1 − Q̃)) / (w_F + w_E + w_Q), weights default 1; never-learned
 *   samples' importance is multiplied by `neverLearnedWeight` (default 1 = off).
 * - Strata: class, × SNR bin when the data has strata (`snrStrata`, default on); per-stratum
 *   budgets proportional to size, largest-remainder rounding, exact total; keep the highest
 *   importance in each stratum, ties by a seeded random key.
 */
import { proportionalBudgets } from '../../budget/budgets';
import { foqusScores, foqusStrata } from './foqusScores';
import { foqusDiagnostics } from './foqusDiagnostics';
import { requireRecord } from '../inputs';
import { boolParam, numParam } from '../params';
import { tieKeys, topByScore } from '../ranking';
import { finalizeSelection } from '../selection';
import { throwIfAborted, type MethodDef } from '../types';

const weight = (name: string, what: string) =>
  ({
    name,
    type: 'number',
    default: 1,
    min: 0,
    max: 10,
    step: 0.5,
    help: `w for ${what} in the importance I.`,
  }) as const;

export const foqusMethod: MethodDef = {
  id: 'foqus',
  name: 'FoQuS',
  paper:
    'Lu et al., FoQuS: A Forgetting-Quality Coreset Selection Framework for Automatic Modulation Recognition, arXiv:2509.08300, 2025',
  summary:
    'Combines three training-dynamics scores — forgetting events, persistent error and low late-training confidence — rank-normalised within each stratum (class, × SNR bin on signal data) into one importance, and keeps the most important samples of every stratum with budgets proportional to stratum size. Decisions: mid-rank normalisation in [0, 1]; never-learned samples count 0 forgetting events and can be down-weighted; largest-remainder stratum budgets.',
  kind: 'pre-training',
  needs: ['record'],
  params: [
    weight('weightF', 'forgetting F̃'),
    weight('weightE', 'persistent error Ẽ'),
    weight('weightQ', 'low quality 1 − Q̃'),
    {
      name: 'neverLearnedWeight',
      type: 'number',
      default: 1,
      min: 0,
      max: 1,
      step: 0.05,
      help: 'Importance multiplier for samples never classified correctly (likely label noise); 1 = no down-weighting, 0 = keep them last.',
    },
    {
      name: 'snrStrata',
      type: 'boolean',
      default: true,
      help: 'Stratify by class × SNR bin when the data has SNR strata (the radio set); off: by class only.',
    },
  ],
  select(signals, params, ctx) {
    const record = requireRecord(signals, 'FoQuS');
    throwIfAborted(ctx.signal);
    ctx.onProgress(0.1, 'scores');
    const strata = foqusStrata(signals, boolParam(params, 'snrStrata'));
    const scores = foqusScores(record, strata.rows, {
      forgetting: numParam(params, 'weightF'),
      error: numParam(params, 'weightE'),
      quality: numParam(params, 'weightQ'),
      neverLearned: numParam(params, 'neverLearnedWeight'),
    });
    throwIfAborted(ctx.signal);
    ctx.onProgress(0.5, 'ranking within strata');
    const budgets = proportionalBudgets(
      strata.rows.map((r) => r.length),
      ctx.budget,
    );
    const ties = tieKeys(signals.n, ctx.rng);
    const picked: number[] = [];
    strata.rows.forEach((rows, s) => {
      for (const r of topByScore(rows, scores.importance, budgets[s]!, 'highest', ties)) picked.push(r);
    });
    const sel = finalizeSelection(picked, signals.labels, signals.numClasses, { scores: scores.importance });
    sel.diagnostics.push(...foqusDiagnostics(signals, record, scores, strata, budgets, sel, ctx.budget));
    ctx.onProgress(1);
    return sel;
  },
};
