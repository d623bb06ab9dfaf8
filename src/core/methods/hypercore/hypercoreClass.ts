/**
 * HyperCore's per-class step (hypercore.ts has the method and its decisions): Youden's τ_c from
 * the positives' and negatives' distances, and the rows one class keeps in either mode.
 */
import { auroc } from '../../signals/auroc';
import { youdenThreshold, type RocCurve } from '../../signals/youden';
import type { HypersphereClassResult } from './hypersphereTrainer';
import { topByScore } from '../ranking';

export type HyperCoreMode = 'adaptive' | 'fixed';

/** Per-class outcome of the Youden step, and what the class kept. */
export interface ClassThreshold {
  cls: number;
  /** τ_c: keep positives with score ≤ τ_c. */
  threshold: number;
  j: number;
  tpr: number;
  fpr: number;
  /** P(a negative scores farther than a positive): 1 = the model separates perfectly. */
  auroc: number;
  roc: RocCurve;
}

/** τ_c from the positives' and negatives' distances (positives should be small). */
export function classThreshold(cls: number, positive: Float32Array, negative: Float32Array): ClassThreshold {
  const scores = new Float32Array(positive.length + negative.length);
  scores.set(positive);
  scores.set(negative, positive.length);
  const mask = new Uint8Array(scores.length);
  mask.fill(1, 0, positive.length);
  const y = youdenThreshold(scores, mask, true);
  const negMask = Uint8Array.from(mask, (m) => 1 - m);
  return {
    cls,
    threshold: y.threshold,
    j: y.j,
    tpr: y.tpr,
    fpr: y.fpr,
    auroc: auroc(scores, negMask),
    roc: y.roc,
  };
}

export interface ClassPick {
  cls: number;
  /** Rows kept (dataset rows). */
  kept: Int32Array;
  /** Positives at or below τ_c before any trim or fill. */
  belowThreshold: number;
  /** Fixed mode: rows below τ_c dropped to meet the budget (trim) / rows above τ_c added (fill). */
  trimmed: number;
  filled: number;
}

/**
 * The kept rows of one class. Adaptive: every positive with score ≤ τ_c. Fixed: the `budget`
 * positives with the smallest distances — the ones below τ_c come first, so this is exactly
 * "drop above τ_c, then trim or fill by score"; ties broken by `ties`.
 */
export function pickClass(
  res: Pick<HypersphereClassResult, 'cls' | 'positives' | 'positiveScores'>,
  threshold: number,
  mode: HyperCoreMode,
  budget: number,
  ties: Float64Array,
): ClassPick {
  const { positives, positiveScores } = res;
  let below = 0;
  for (const s of positiveScores) if (s <= threshold) below++;
  if (mode === 'adaptive') {
    const kept = positives.filter((_, i) => positiveScores[i]! <= threshold);
    return { cls: res.cls, kept, belowThreshold: below, trimmed: 0, filled: 0 };
  }
  const k = Math.min(budget, positives.length);
  // topByScore ranks dataset rows by a row-indexed score: lay the class's scores out that way.
  const local = Int32Array.from(positives.keys());
  const order = topByScore(
    local,
    positiveScores,
    k,
    'lowest',
    Float64Array.from(positives, (r) => ties[r]!),
  );
  return {
    cls: res.cls,
    kept: Int32Array.from(order, (i) => positives[i]!),
    belowThreshold: below,
    trimmed: Math.max(0, below - k),
    filled: Math.max(0, k - below),
  };
}
