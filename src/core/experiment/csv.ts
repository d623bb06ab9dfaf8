/**
 * CSV serialization of result records and their summary with fixed, documented columns:
 * RECORD_COLUMNS and SUMMARY_COLUMNS are the contract (README "CSV columns"). Add a column at the
 * end, never rename or reorder one.
 */
import { keptShare, netSavedMs, type ResultRecord, type Stat, type SummaryRow } from './records';

type Cell = string | number | undefined;

export interface Column<T> {
  name: string;
  doc: string;
  get(row: T): Cell;
}

const acc = (v: number | undefined): Cell =>
  v === undefined || !Number.isFinite(v) ? undefined : Number(v.toFixed(6));
const msv = (v: number | undefined): Cell =>
  v === undefined || !Number.isFinite(v) ? undefined : Number(v.toFixed(1));

/** One row per (dataset, corruption, method, fraction, seed) cell. */
export const RECORD_COLUMNS: readonly Column<ResultRecord>[] = [
  { name: 'dataset', doc: 'dataset id (mnist, fashion, toy, ...)', get: (r) => r.dataset },
  {
    name: 'train_size',
    doc: 'rows in the prepared training set N (after imbalance)',
    get: (r) => r.trainSize,
  },
  {
    name: 'corruption',
    doc: 'injected corruption in words ("clean", "20% symmetric noise", ...)',
    get: (r) => r.corruption,
  },
  { name: 'noise', doc: 'label-noise rate', get: (r) => r.noise },
  { name: 'imbalance', doc: 'long-tail ratio N_max / N_min (1 = balanced)', get: (r) => r.imbalance },
  { name: 'ood', doc: 'share of rows replaced by out-of-distribution images', get: (r) => r.ood },
  { name: 'model', doc: 'linear, mlp or cnn', get: (r) => r.model },
  {
    name: 'epochs',
    doc: 'epochs of the full-data run (the coreset trains under train_budget)',
    get: (r) => r.epochs,
  },
  { name: 'method', doc: 'method id', get: (r) => r.method },
  { name: 'label', doc: "the plan's label for the method (the id unless set)", get: (r) => r.label },
  { name: 'fraction', doc: 'coreset fraction f in (0, 1]', get: (r) => r.fraction },
  {
    name: 'seed',
    doc: 'seed of data subset, corruption, signals, selection and training',
    get: (r) => r.seed,
  },
  { name: 'status', doc: 'ok or failed', get: (r) => r.status },
  { name: 'coreset_size', doc: 'rows kept', get: (r) => r.coresetSize },
  { name: 'accuracy', doc: 'test accuracy of the model trained on the coreset', get: (r) => acc(r.accuracy) },
  { name: 'balanced_accuracy', doc: 'mean per-class test accuracy', get: (r) => acc(r.balancedAccuracy) },
  {
    name: 'worst_class_accuracy',
    doc: 'lowest per-class test accuracy',
    get: (r) => acc(r.worstClassAccuracy),
  },
  { name: 'macro_f1', doc: 'macro-averaged F1 on the test set', get: (r) => acc(r.macroF1) },
  { name: 'adv_epsilon', doc: 'attack radius (empty: no attack)', get: (r) => r.adversarial?.epsilon },
  {
    name: 'fgsm_accuracy',
    doc: 'test accuracy under FGSM at adv_epsilon',
    get: (r) => acc(r.adversarial?.fgsm),
  },
  {
    name: 'pgd_accuracy',
    doc: 'test accuracy under L∞ PGD at adv_epsilon',
    get: (r) => acc(r.adversarial?.pgd),
  },
  {
    name: 'noisy_kept',
    doc: 'injected mislabeled rows in the coreset (empty: no noise)',
    get: (r) => r.noisyKept,
  },
  { name: 'noisy_total', doc: 'injected mislabeled rows in the training set', get: (r) => r.noisyTotal },
  {
    name: 'noisy_kept_share',
    doc: 'noisy_kept / noisy_total (random keeps about f)',
    get: (r) => acc(keptShare(r.noisyKept, r.noisyTotal)),
  },
  { name: 'ood_kept', doc: 'injected OOD rows in the coreset (empty: no OOD)', get: (r) => r.oodKept },
  { name: 'ood_total', doc: 'injected OOD rows in the training set', get: (r) => r.oodTotal },
  { name: 'ood_kept_share', doc: 'ood_kept / ood_total', get: (r) => acc(keptShare(r.oodKept, r.oodTotal)) },
  {
    name: 'signals_ms',
    doc: 'time computing signals in this cell (≈0 when cached by an earlier cell)',
    get: (r) => msv(r.signalsMs),
  },
  { name: 'selection_ms', doc: "time in the method's select()", get: (r) => msv(r.selectionMs) },
  { name: 'training_ms', doc: 'time training on the coreset', get: (r) => msv(r.trainingMs) },
  { name: 'evaluation_ms', doc: 'time scoring the test set (and attacks)', get: (r) => msv(r.evaluationMs) },
  {
    name: 'full_accuracy',
    doc: "the full-data reference's test accuracy (same data, model, seed)",
    get: (r) => acc(r.reference?.accuracy),
  },
  {
    name: 'full_worst_class_accuracy',
    doc: "the reference's worst-class accuracy",
    get: (r) => acc(r.reference?.worstClassAccuracy),
  },
  {
    name: 'full_training_ms',
    doc: "the reference's training time",
    get: (r) => msv(r.reference?.trainingMs),
  },
  {
    name: 'net_saved_ms',
    doc: 'full_training_ms − training_ms − signals_ms − selection_ms',
    get: (r) => msv(netSavedMs(r)),
  },
  { name: 'error', doc: 'why the cell failed (empty when ok)', get: (r) => r.error },
  {
    name: 'train_budget',
    doc: 'how the coreset trained: epochs (same passes as the full data), steps (same optimizer steps), converge (early stopping on a validation split of the coreset)',
    get: (r) => r.trainBudget ?? 'epochs',
  },
  { name: 'steps', doc: 'optimizer steps the coreset training took', get: (r) => r.steps },
  { name: 'full_steps', doc: 'optimizer steps of the full-data reference', get: (r) => r.reference?.steps },
  {
    name: 'warnings',
    doc: 'health warnings, ";"-separated codes (reference-near-chance, scores-constant, ties-decide-budget, selection-equals-random, empty-class, budget-below-classes); empty when healthy',
    get: (r) => r.warnings?.map((w) => w.code).join(';'),
  },
  {
    name: 'setting',
    doc: 'in-training methods: the setting the row trained in, in words; empty for a coreset chosen before training',
    get: (r) => r.setting,
  },
];

const mean = (s: Stat | undefined, f = acc) => f(s?.mean);
const std = (s: Stat | undefined, f = acc) => f(s?.std);

/** One row per (dataset, corruption, method, fraction): mean and std over the seeds that finished. */
export const SUMMARY_COLUMNS: readonly Column<SummaryRow>[] = [
  { name: 'dataset', doc: 'dataset id', get: (r) => r.dataset },
  { name: 'train_size', doc: 'rows in the prepared training set', get: (r) => r.trainSize },
  { name: 'corruption', doc: 'injected corruption in words', get: (r) => r.corruption },
  { name: 'method', doc: 'method id', get: (r) => r.method },
  { name: 'label', doc: "the plan's label for the method", get: (r) => r.label },
  { name: 'fraction', doc: 'coreset fraction', get: (r) => r.fraction },
  { name: 'seeds', doc: 'seeds that finished', get: (r) => r.seeds },
  { name: 'failed', doc: 'cells that failed', get: (r) => r.failed },
  { name: 'coreset_size', doc: 'mean rows kept', get: (r) => mean(r.coresetSize, msv) },
  { name: 'accuracy_mean', doc: 'mean test accuracy', get: (r) => mean(r.accuracy) },
  { name: 'accuracy_std', doc: 'sample std of test accuracy (0 for one seed)', get: (r) => std(r.accuracy) },
  {
    name: 'worst_class_accuracy_mean',
    doc: 'mean worst-class accuracy',
    get: (r) => mean(r.worstClassAccuracy),
  },
  { name: 'worst_class_accuracy_std', doc: 'its std', get: (r) => std(r.worstClassAccuracy) },
  { name: 'balanced_accuracy_mean', doc: 'mean balanced accuracy', get: (r) => mean(r.balancedAccuracy) },
  { name: 'macro_f1_mean', doc: 'mean macro-F1', get: (r) => mean(r.macroF1) },
  { name: 'fgsm_accuracy_mean', doc: 'mean FGSM accuracy (empty: no attack)', get: (r) => mean(r.fgsm) },
  { name: 'fgsm_accuracy_std', doc: 'its std', get: (r) => std(r.fgsm) },
  { name: 'pgd_accuracy_mean', doc: 'mean PGD accuracy', get: (r) => mean(r.pgd) },
  { name: 'pgd_accuracy_std', doc: 'its std', get: (r) => std(r.pgd) },
  {
    name: 'noisy_kept_share_mean',
    doc: 'mean share of injected noisy rows kept',
    get: (r) => mean(r.noisyKeptShare),
  },
  {
    name: 'ood_kept_share_mean',
    doc: 'mean share of injected OOD rows kept',
    get: (r) => mean(r.oodKeptShare),
  },
  { name: 'signals_ms_mean', doc: 'mean signal time', get: (r) => mean(r.signalsMs, msv) },
  { name: 'selection_ms_mean', doc: 'mean selection time', get: (r) => mean(r.selectionMs, msv) },
  { name: 'training_ms_mean', doc: 'mean coreset training time', get: (r) => mean(r.trainingMs, msv) },
  { name: 'full_accuracy_mean', doc: 'mean full-data reference accuracy', get: (r) => mean(r.fullAccuracy) },
  {
    name: 'full_training_ms_mean',
    doc: 'mean full-data training time',
    get: (r) => mean(r.fullTrainingMs, msv),
  },
  { name: 'net_saved_ms_mean', doc: 'mean net_saved_ms', get: (r) => mean(r.netSavedMs, msv) },
  {
    name: 'accuracy_ci_low',
    doc: '95% t-interval of the mean accuracy, low end (empty for one seed)',
    get: (r) => acc(r.accuracy?.ciLow),
  },
  { name: 'accuracy_ci_high', doc: 'its high end', get: (r) => acc(r.accuracy?.ciHigh) },
  {
    name: 'vs_random',
    doc: 'better / level / worse than random at this fraction, paired by seed (level when the 95% CI of the difference holds 0)',
    get: (r) => r.vsRandom?.verdict,
  },
  {
    name: 'vs_random_diff',
    doc: 'mean paired accuracy difference to random',
    get: (r) => acc(r.vsRandom?.diff),
  },
  {
    name: 'vs_baseline',
    doc: 'better / level / worse than the strongest other method of the plan at this fraction',
    get: (r) => r.vsBaseline?.verdict,
  },
  { name: 'vs_baseline_label', doc: 'that method', get: (r) => r.vsBaseline?.against },
  {
    name: 'vs_baseline_diff',
    doc: 'mean paired accuracy difference to it',
    get: (r) => acc(r.vsBaseline?.diff),
  },
  {
    name: 'warnings',
    doc: 'health warnings of the seeds, ";"-separated code:seeds',
    get: (r) => r.warnings?.map((w) => `${w.code}:${w.seeds}`).join(';'),
  },
  {
    name: 'setting',
    doc: 'in-training methods: the setting of the first seed, in words',
    get: (r) => r.setting,
  },
];

function csvCell(v: Cell): string {
  // Absent and not-measured (NaN: a failed cell) are both empty.
  if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: a header of column names, then one line per row; empty cells for absent values. */
export function toCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const lines = [columns.map((c) => c.name).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.get(r))).join(','));
  return lines.join('\n') + '\n';
}

export const recordsCsv = (records: readonly ResultRecord[]): string => toCsv(records, RECORD_COLUMNS);
export const summaryCsv = (rows: readonly SummaryRow[]): string => toCsv(rows, SUMMARY_COLUMNS);
