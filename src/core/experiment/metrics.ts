/** Classification metrics from labels and predictions (pure, so the CLI and UI agree). */
export interface ClassificationMetrics {
  accuracy: number;
  perClassAccuracy: number[];
  worstClassAccuracy: number;
  balancedAccuracy: number;
  macroF1: number;
  /** confusion[true][pred] counts. */
  confusion: number[][];
  /** Accuracy per stratum (SNR bin) when the test set has strata. */
  perStratum?: StratumAccuracy;
}

export function confusionMetrics(
  labels: ArrayLike<number>,
  pred: ArrayLike<number>,
  numClasses: number,
): ClassificationMetrics {
  if (labels.length !== pred.length) throw new Error('labels and predictions differ in length');
  if (labels.length === 0) throw new Error('cannot score an empty test set');
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    confusion[labels[i]!]![pred[i]!]! += 1;
    if (labels[i] === pred[i]) correct++;
  }
  const perClassAccuracy: number[] = [];
  const f1: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    const row = confusion[c]!;
    const support = row.reduce((a, b) => a + b, 0);
    const tp = row[c]!;
    let predicted = 0;
    for (let r = 0; r < numClasses; r++) predicted += confusion[r]![c]!;
    if (support > 0) perClassAccuracy.push(tp / support);
    else perClassAccuracy.push(NaN);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    if (support > 0) f1.push(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0);
  }
  const present = perClassAccuracy.filter((a) => !Number.isNaN(a));
  return {
    accuracy: correct / labels.length,
    perClassAccuracy,
    worstClassAccuracy: Math.min(...present),
    balancedAccuracy: present.reduce((a, b) => a + b, 0) / present.length,
    macroF1: f1.reduce((a, b) => a + b, 0) / f1.length,
    confusion,
  };
}

/** Accuracy within each stratum of the test set (the radio set's SNR bins). */
export interface StratumAccuracy {
  /** What the strata are, e.g. "SNR". */
  name: string;
  names: string[];
  /** NaN where a stratum has no test samples. */
  accuracy: number[];
  counts: number[];
}

export function strataAccuracy(
  labels: ArrayLike<number>,
  pred: ArrayLike<number>,
  strata: { name: string; of: ArrayLike<number>; names: string[] },
): StratumAccuracy {
  if (labels.length !== pred.length || strata.of.length !== labels.length)
    throw new Error('labels, predictions and strata differ in length');
  const m = strata.names.length;
  const hits = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const s = strata.of[i]!;
    counts[s]! += 1;
    if (labels[i] === pred[i]) hits[s]! += 1;
  }
  return {
    name: strata.name,
    names: strata.names.slice(),
    accuracy: hits.map((h, s) => (counts[s]! > 0 ? h / counts[s]! : NaN)),
    counts,
  };
}
