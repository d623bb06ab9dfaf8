/**
 * HyperCore's views: where each class's samples sit relative to τ_c (clean vs injected noise
 * when the ground truth is known), the per-class ROC with its Youden point, kept / pruned per
 * class, the farthest samples as images, and the tables that say what the adaptive size kept.
 */
import type { Signals } from '../../signals/types';
import type { Diagnostic, HistogramDiagnostic, RocDiagnostic, TableDiagnostic } from '../diagnostics';
import type { ClassPick, ClassThreshold, HyperCoreMode } from './hypercoreClass';
import type { HypersphereClassResult } from './hypersphereTrainer';

const ROC_POINTS = 101;
const FARTHEST = 500;

export interface HyperCoreViewInput {
  signals: Signals;
  mode: HyperCoreMode;
  trained: HypersphereClassResult[];
  thresholds: ClassThreshold[];
  picks: ClassPick[];
  /** Per-row distance under the row's own class model. */
  scores: Float32Array;
  kept: Int32Array;
}

const fmt = (v: number, digits = 3): string =>
  (Number.isFinite(v) ? Number(v.toPrecision(digits)) : v).toString();

/** Every ROC point would be thousands of points; an even thinning keeps the shape and the ends. */
function thin(xs: number[], ys: number[]): { x: number[]; y: number[] } {
  if (xs.length <= ROC_POINTS) return { x: xs, y: ys };
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < ROC_POINTS; i++) {
    const q = Math.round((i * (xs.length - 1)) / (ROC_POINTS - 1));
    x.push(xs[q]!);
    y.push(ys[q]!);
  }
  return { x, y };
}

function className(signals: Signals, c: number): string {
  return signals.classNames[c] ?? String(c);
}

function classHistogram(
  input: HyperCoreViewInput,
  res: HypersphereClassResult,
  t: ClassThreshold,
): HistogramDiagnostic {
  const noisy = input.signals.noisyMask;
  const clean: number[] = [];
  const bad: number[] = [];
  res.positives.forEach((r, i) => (noisy?.[r] ? bad : clean).push(res.positiveScores[i]!));
  const name = className(input.signals, res.cls);
  return {
    kind: 'histogram',
    title: `Class ${name}: distance to the class centre`,
    xLabel: `‖φ_${name}(x)‖`,
    bins: 30,
    series: [
      { name: noisy ? `labeled ${name}, clean` : `labeled ${name}`, values: clean },
      ...(noisy ? [{ name: `labeled ${name}, injected noise`, values: bad }] : []),
      { name: 'other classes (negatives)', values: Array.from(res.negativeScores) },
    ],
    markers: [{ value: t.threshold, label: `τ = ${fmt(t.threshold)} (J = ${fmt(t.j, 2)})` }],
  };
}

/** All classes on one axis: distance ÷ τ_c, so 1 is every class's cut. */
function relativeHistogram(input: HyperCoreViewInput, relative: Float32Array): HistogramDiagnostic {
  const noisy = input.signals.noisyMask;
  const clean: number[] = [];
  const bad: number[] = [];
  relative.forEach((v, r) => Number.isFinite(v) && (noisy?.[r] ? bad : clean).push(v));
  return {
    kind: 'histogram',
    title: 'All classes: distance relative to the class threshold',
    xLabel: 'distance ÷ τ_c (kept ≤ 1 in adaptive mode)',
    bins: 40,
    series: [
      { name: noisy ? 'clean' : 'all samples', values: clean },
      ...(noisy ? [{ name: 'injected noise', values: bad }] : []),
    ],
    markers: [{ value: 1, label: 'τ_c' }],
  };
}

function rocView(input: HyperCoreViewInput): RocDiagnostic {
  return {
    kind: 'roc',
    title: 'Own class vs other classes, per class (positives = small distance)',
    curves: input.thresholds
      .filter((t) => t.roc.thresholds.length > 1)
      .map((t) => {
        const { x, y } = thin(t.roc.fpr, t.roc.tpr);
        return {
          name: `${className(input.signals, t.cls)} (AUROC ${fmt(t.auroc, 3)})`,
          fpr: x,
          tpr: y,
          point: { fpr: t.fpr, tpr: t.tpr, label: `Youden J = ${fmt(t.j, 2)}` },
        };
      }),
  };
}

function keptTable(input: HyperCoreViewInput): TableDiagnostic | null {
  const noisy = input.signals.noisyMask;
  if (!noisy) return null;
  const keptMask = new Uint8Array(input.signals.n);
  for (const r of input.kept) keptMask[r] = 1;
  const c = { keptClean: 0, keptNoisy: 0, prunedClean: 0, prunedNoisy: 0 };
  for (let r = 0; r < input.signals.n; r++) {
    const key = keptMask[r]
      ? noisy[r]
        ? 'keptNoisy'
        : 'keptClean'
      : noisy[r]
        ? 'prunedNoisy'
        : 'prunedClean';
    c[key]++;
  }
  const share = (a: number, b: number) => (a + b > 0 ? `${((100 * a) / (a + b)).toFixed(1)} %` : '–');
  return {
    kind: 'table',
    title: 'kept: clean vs noisy',
    columns: ['', 'kept', 'pruned', 'total'],
    rows: [
      ['clean labels', c.keptClean, c.prunedClean, c.keptClean + c.prunedClean],
      ['injected noise', c.keptNoisy, c.prunedNoisy, c.keptNoisy + c.prunedNoisy],
      [
        'noisy share',
        share(c.keptNoisy, c.keptClean),
        share(c.prunedNoisy, c.prunedClean),
        share(c.keptNoisy + c.prunedNoisy, c.keptClean + c.prunedClean),
      ],
    ],
  };
}

function thresholdTable(input: HyperCoreViewInput): TableDiagnostic {
  const fixed = input.mode === 'fixed';
  return {
    kind: 'table',
    title: `Per-class thresholds (${input.mode} mode)`,
    columns: [
      'class',
      'labeled',
      'τ_c',
      'Youden J',
      'TPR',
      'FPR',
      'AUROC',
      '≤ τ_c',
      'kept',
      ...(fixed ? ['trimmed', 'filled'] : []),
    ],
    rows: input.thresholds.map((t, i) => {
      const p = input.picks[i]!;
      return [
        className(input.signals, t.cls),
        input.trained[i]!.positives.length,
        fmt(t.threshold),
        fmt(t.j, 3),
        fmt(t.tpr, 3),
        fmt(t.fpr, 3),
        fmt(t.auroc, 3),
        p.belowThreshold,
        p.kept.length,
        ...(fixed ? [p.trimmed, p.filled] : []),
      ];
    }),
  };
}

export function hyperCoreDiagnostics(input: HyperCoreViewInput): Diagnostic[] {
  const { signals, thresholds, picks, scores } = input;
  const tau = new Float32Array(signals.numClasses).fill(NaN);
  for (const t of thresholds) tau[t.cls] = t.threshold;
  const relative = Float32Array.from(scores, (s, r) => {
    const t = tau[signals.labels[r]!]!;
    return t > 0 ? s / t : NaN;
  });
  const labeled = thresholds.map((_, i) => input.trained[i]!.positives.length);
  const out: Diagnostic[] = [];
  const kept = keptTable(input);
  if (kept) out.push(kept);
  out.push(relativeHistogram(input, relative), rocView(input), {
    kind: 'classBars',
    title: 'Kept and pruned per class',
    classNames: signals.classNames,
    yLabel: 'samples',
    series: [
      { name: 'kept', values: picks.map((p) => p.kept.length) },
      { name: 'pruned', values: picks.map((p, i) => labeled[i]! - p.kept.length) },
    ],
  });
  const farthest = Int32Array.from(relative.keys())
    .filter((r) => Number.isFinite(relative[r]!))
    .sort((a, b) => relative[b]! - relative[a]!)
    .slice(0, FARTHEST);
  out.push({
    kind: 'imageRanking',
    title: 'Farthest from their own class centre (likely mislabeled), farthest first',
    rows: farthest,
    scores: Float32Array.from(farthest, (r) => relative[r]!),
    scoreLabel: 'distance ÷ τ_c',
  });
  out.push(thresholdTable(input));
  out.push({
    kind: 'curves',
    title: 'Hypersphere training loss per class',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: input.trained
      .filter((t) => t.epochLoss.length)
      .map((t) => ({ name: className(signals, t.cls), x: t.epochLoss.map((_, e) => e + 1), y: t.epochLoss })),
  });
  input.trained.forEach(
    (res, i) => res.positives.length && out.push(classHistogram(input, res, thresholds[i]!)),
  );
  return out;
}
