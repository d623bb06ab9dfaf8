/**
 * ROC points and Youden's J threshold (HyperCore's per-class cut-off). With `positiveBelow`
 * (the default, HyperCore: positives should have small distances) a threshold τ predicts
 * "positive" for score ≤ τ; otherwise for score ≥ τ. Thresholds are the observed scores, so
 * "keep score ≤ τ" keeps exactly the samples the chosen ROC point counts.
 * Among equal J the larger true-positive rate wins: keep more when it costs nothing.
 */
export interface RocCurve {
  /** Threshold of each point; the first point (nothing predicted positive) has ±Infinity. */
  thresholds: number[];
  fpr: number[];
  tpr: number[];
}

export interface YoudenPoint {
  threshold: number;
  j: number;
  tpr: number;
  fpr: number;
}

export function rocCurve(
  scores: ArrayLike<number>,
  positive: ArrayLike<number>,
  positiveBelow = true,
): RocCurve {
  const n = scores.length;
  if (positive.length !== n) throw new RangeError(`${n} scores but ${positive.length} mask entries`);
  const sign = positiveBelow ? 1 : -1;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => sign * (scores[a]! - scores[b]!));
  let P = 0;
  for (let i = 0; i < n; i++) if (positive[i]) P++;
  const N = n - P;
  const thresholds = [positiveBelow ? -Infinity : Infinity];
  const fpr = [0];
  const tpr = [0];
  let tp = 0;
  let fp = 0;
  for (let s = 0; s < n;) {
    const v = scores[order[s]!]!;
    let e = s;
    while (e < n && scores[order[e]!] === v) {
      if (positive[order[e]!]) tp++;
      else fp++;
      e++;
    }
    thresholds.push(v);
    tpr.push(P > 0 ? tp / P : 0);
    fpr.push(N > 0 ? fp / N : 0);
    s = e;
  }
  return { thresholds, fpr, tpr };
}

export function youdenThreshold(
  scores: ArrayLike<number>,
  positive: ArrayLike<number>,
  positiveBelow = true,
): YoudenPoint & { roc: RocCurve } {
  const roc = rocCurve(scores, positive, positiveBelow);
  let best = 0;
  let bestJ = -Infinity;
  for (let q = 0; q < roc.thresholds.length; q++) {
    const j = roc.tpr[q]! - roc.fpr[q]!;
    // Equal J (within round-off): the point with the higher TPR, i.e. the larger kept set.
    if (j > bestJ + 1e-12 || (j >= bestJ - 1e-12 && roc.tpr[q]! >= roc.tpr[best]!)) {
      best = q;
      bestJ = Math.max(bestJ, j);
    }
  }
  return {
    threshold: roc.thresholds[best]!,
    j: roc.tpr[best]! - roc.fpr[best]!,
    tpr: roc.tpr[best]!,
    fpr: roc.fpr[best]!,
    roc,
  };
}
