/**
 * HyperCore — Moser, Shanbhag, Nauen, Frolov, Raue, Folz & Dengel, "HyperCore: Coreset Selection
 * under Noise via Hypersphere Models", arXiv:2509.21746, 2025 (docs/methods-decisions.md "HyperCore").
 *
 * One small hypersphere MLP per class (trained in ml/ through ctx.trainers.hypersphere) maps the
 * class's own samples close to a fixed centre and a seeded, equal-size sample of other classes
 * far from it. A sample's score is its distance ‖φ_y(x)‖ under its own label's model: mislabeled
 * samples look like "another class" and land far out. Per class, Youden's J on the
 * positives-vs-negatives ROC (positives should score low) gives τ_c.
 * Decisions:
 *  - adaptive mode (default): keep every positive with score ≤ τ_c; the coreset size is
 *    data-driven and the requested fraction is ignored (the result reports its own size);
 *  - fixed mode: class-proportional budgets (largest remainder); drop samples above τ_c first,
 *    then trim (too many left) or fill (too few) to the class budget by distance, ties seeded;
 *  - embeddings: pixel PCA by default (training-free), penultimate features of the shared run
 *    as the option; standardized per dimension before the MLPs are trained;
 *  - equal J: the threshold that keeps more (core/signals/youden.ts).
 */
import { classCounts, proportionalBudgets } from '../../budget/budgets';
import {
  classThreshold,
  pickClass,
  type ClassPick,
  type ClassThreshold,
  type HyperCoreMode,
} from './hypercoreClass';
import { hyperCoreDiagnostics } from './hypercoreDiagnostics';
import { requireEmbeddings } from '../inputs';
import { numParam, strParam, type ParamSpec } from '../params';
import { tieKeys } from '../ranking';
import { finalizeSelection } from '../selection';
import { MissingTrainerError, throwIfAborted, type MethodDef } from '../types';

const PARAMS: readonly ParamSpec[] = [
  {
    name: 'mode',
    type: 'enum',
    default: 'adaptive',
    options: ['adaptive', 'fixed'],
    help: "adaptive: keep every sample within its class's Youden threshold τ_c; the coreset size follows from the data and the fraction is ignored. fixed: class-proportional budgets from the fraction; drop above τ_c first, then trim or fill by distance.",
  },
  {
    name: 'embedding',
    type: 'enum',
    default: 'pixels',
    options: ['pixels', 'penultimate'],
    help: 'Inputs of the hypersphere MLPs: PCA of the pixels (training-free) or the penultimate features of the shared training run.',
  },
  {
    name: 'sphereEpochs',
    type: 'number',
    default: 10,
    min: 1,
    max: 200,
    step: 1,
    integer: true,
    help: 'Adam epochs per class model (over that class’s positives).',
  },
  {
    name: 'sphereLr',
    type: 'number',
    default: 0.001,
    min: 0.00001,
    max: 0.1,
    step: 0.0001,
    help: 'Adam learning rate of the class models.',
  },
  {
    name: 'sphereBatch',
    type: 'number',
    default: 128,
    min: 8,
    max: 4096,
    step: 8,
    integer: true,
    help: 'Positives per Adam step (as many negatives ride along).',
  },
];

export const hyperCoreMethod: MethodDef = {
  id: 'hypercore',
  name: 'HyperCore',
  paper:
    'Moser, Shanbhag, Nauen, Frolov, Raue, Folz & Dengel, HyperCore: Coreset Selection under Noise via Hypersphere Models, arXiv:2509.21746, 2025',
  summary:
    'One small hypersphere MLP per class pulls the class towards a fixed centre and pushes other classes out; samples far from their own label’s centre (likely mislabeled) are pruned at each class’s Youden-J threshold on that in-vs-out ROC. Decisions: adaptive size by default (the fraction is ignored; fixed mode drops above τ_c, then trims or fills class-proportional budgets by distance), pixel-PCA embeddings by default, standardized before training.',
  kind: 'pre-training',
  needs: ['embeddings', 'hypersphere'],
  params: PARAMS,
  async select(signals, params, ctx) {
    const emb = requireEmbeddings(signals, 'HyperCore');
    const trainer = ctx.trainers?.hypersphere;
    if (!trainer) throw new MissingTrainerError('HyperCore', 'the hypersphere trainer');
    const mode: HyperCoreMode = strParam(params, 'mode') === 'fixed' ? 'fixed' : 'adaptive';
    const { labels, numClasses } = signals;
    const trained = await trainer({
      features: emb.data,
      dim: emb.dim,
      labels,
      numClasses,
      epochs: numParam(params, 'sphereEpochs'),
      learningRate: numParam(params, 'sphereLr'),
      batchSize: numParam(params, 'sphereBatch'),
      seed: ctx.rng.fork('hypersphere').seed,
      signal: ctx.signal,
      onProgress: (d, m) => ctx.onProgress(0.95 * d, m),
    });
    throwIfAborted(ctx.signal);
    ctx.onProgress(0.95, 'Youden thresholds');
    const counts = classCounts(labels, numClasses);
    const budgets = mode === 'fixed' ? proportionalBudgets(counts, ctx.budget) : counts;
    const ties = tieKeys(signals.n, ctx.rng);
    const scores = new Float32Array(signals.n).fill(NaN);
    const thresholds: ClassThreshold[] = [];
    const picks: ClassPick[] = [];
    for (const res of trained.classes) {
      res.positives.forEach((r, i) => (scores[r] = res.positiveScores[i]!));
      const t = classThreshold(res.cls, res.positiveScores, res.negativeScores);
      thresholds.push(t);
      picks.push(pickClass(res, t.threshold, mode, budgets[res.cls] ?? 0, ties));
    }
    const rows = new Int32Array(picks.reduce((a, p) => a + p.kept.length, 0));
    let at = 0;
    for (const p of picks) {
      rows.set(p.kept, at);
      at += p.kept.length;
    }
    const sel = finalizeSelection(rows, labels, numClasses, { scores });
    sel.diagnostics.push(
      ...hyperCoreDiagnostics({
        signals,
        mode,
        trained: trained.classes,
        thresholds,
        picks,
        scores,
        kept: sel.indices,
      }),
    );
    ctx.onProgress(1);
    return sel;
  },
};
