/**
 * The common tail of the score-ranking baselines (forgetting, EL2N, GraNd, AUM): rank by the
 * score under the budget mode, then attach the shared diagnostics.
 */
import type { Signals } from '../signals/types';
import type { ImageRankingDiagnostic } from './diagnostics';
import { strParam, type ParamSpec, type ParamValues } from './params';
import { balanceOf, pickByScore } from './ranking';
import { finalizeSelection } from './selection';
import type { SelectContext, Selection } from './types';
import { throwIfAborted } from './types';
import { budgetBars, classScoreHistogram, keptHistogram } from './baselineDiagnostics';

export type Keep = 'hardest' | 'easiest';

/**
 * The `keep` direction of a score method: `paper` is the paper's rule (the default), `hardest`
 * and `easiest` say what each end keeps, `paperSays` what the paper does, in its words.
 */
export function keepParam(spec: {
  paper: Keep;
  hardest: string;
  easiest: string;
  paperSays: string;
}): ParamSpec {
  return {
    name: 'keep',
    type: 'enum',
    default: spec.paper,
    options: ['hardest', 'easiest'],
    help:
      `hardest: ${spec.hardest}; easiest: ${spec.easiest}. Default ${spec.paper}: ${spec.paperSays}. ` +
      'Under label noise or at high pruning rates keep-easiest is the strong baseline to compare with.',
  };
}

/**
 * Which end of the scores the `keep` param takes, given the end that holds the hard rows (high
 * loss for EL2N / GraNd / forgetting / AIGN, low margin for AUM).
 */
export function keepOrder(params: ParamValues, hardEnd: 'highest' | 'lowest'): 'highest' | 'lowest' {
  const easyEnd = hardEnd === 'highest' ? 'lowest' : 'highest';
  return strParam(params, 'keep') === 'easiest' ? easyEnd : hardEnd;
}

export function rankedSelection(
  signals: Signals,
  params: ParamValues,
  ctx: SelectContext,
  spec: { id: string; scores: Float32Array; order: 'highest' | 'lowest'; scoreLabel: string },
): Selection {
  throwIfAborted(ctx.signal);
  ctx.onProgress(0.5, 'ranking');
  const rows = pickByScore(
    spec.scores,
    signals.labels,
    signals.numClasses,
    ctx.budget,
    balanceOf(params),
    spec.order,
    ctx.rng,
  );
  const sel = finalizeSelection(rows, signals.labels, signals.numClasses, { scores: spec.scores });
  sel.diagnostics.push(
    classScoreHistogram(`${spec.scoreLabel} by class`, spec.scoreLabel, spec.scores, signals),
    keptHistogram(`${spec.scoreLabel}: kept vs pruned`, spec.scoreLabel, spec.scores, sel.indices),
    budgetBars(spec.id, sel.perClassCounts, signals, ctx.budget),
    scoreRanking(spec.scoreLabel, spec.scores, spec.order),
  );
  ctx.onProgress(1);
  return sel;
}

/** E for the early-training scores (EL2N, GraNd): averaged over the first E recorded epochs. */
export const EARLY_EPOCHS_PARAM: ParamSpec = {
  name: 'epochs',
  type: 'number',
  default: 3,
  min: 1,
  max: 200,
  step: 1,
  integer: true,
  help: 'E: average the score over the first E recorded epochs (capped at the epochs recorded).',
};

/** Every row ordered the way the method ranks it (the kept end first), for image rankings. */
export function scoreRanking(
  scoreLabel: string,
  scores: Float32Array,
  order: 'highest' | 'lowest',
): ImageRankingDiagnostic {
  const rows = Int32Array.from(scores.keys()).sort((a, b) =>
    order === 'highest' ? scores[b]! - scores[a]! : scores[a]! - scores[b]!,
  );
  return {
    kind: 'imageRanking',
    title: `Ranked by ${scoreLabel}: the ${order} first`,
    rows,
    scores: Float32Array.from(rows, (r) => scores[r]!),
    scoreLabel,
  };
}
