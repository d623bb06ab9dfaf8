import { describe, expect, it } from 'vitest';
import { RECORD_COLUMNS, SUMMARY_COLUMNS, recordsCsv, summaryCsv } from './csv';
import {
  byDataGroup,
  keptShare,
  netSavedMs,
  stat,
  summarize,
  type ReferenceRecord,
  type ResultRecord,
} from './records';

const reference: ReferenceRecord = {
  group: 'g',
  dataset: 'mnist',
  trainSize: 1000,
  corruption: '20% symmetric noise',
  seed: 1,
  accuracy: 0.9,
  balancedAccuracy: 0.9,
  worstClassAccuracy: 0.8,
  macroF1: 0.9,
  trainingMs: 1000,
};

function record(
  label: string,
  fraction: number,
  seed: number,
  accuracy: number,
  extra: Partial<ResultRecord> = {},
): ResultRecord {
  return {
    cell: 0,
    status: 'ok',
    group: 'g',
    dataset: 'mnist',
    trainSize: 1000,
    corruption: '20% symmetric noise',
    noise: 0.2,
    imbalance: 1,
    ood: 0,
    model: 'mlp',
    epochs: 3,
    method: label,
    label,
    fraction,
    seed,
    coresetSize: fraction * 1000,
    accuracy,
    balancedAccuracy: accuracy,
    worstClassAccuracy: accuracy - 0.1,
    macroF1: accuracy,
    noisyKept: 20,
    noisyTotal: 200,
    signalsMs: 100,
    selectionMs: 50,
    trainingMs: 200,
    evaluationMs: 10,
    reference,
    ...extra,
  };
}

describe('records', () => {
  it('stat: mean and sample std, skipping missing values', () => {
    expect(stat([1, 2, 3])).toMatchObject({ mean: 2, std: 1, n: 3 });
    expect(stat([0.5])).toEqual({ mean: 0.5, std: 0, n: 1 });
    expect(stat([undefined, NaN])).toBeUndefined();
    expect(stat([2, undefined, 4])).toMatchObject({ mean: 3, std: Math.SQRT2, n: 2 });
  });

  it('summarize: mean ± std per (method, fraction) over seeds, failed cells counted apart', () => {
    const rs = [
      record('random', 0.1, 1, 0.7),
      record('random', 0.1, 2, 0.8),
      record('random', 0.1, 3, 0.9),
      record('el2n', 0.1, 1, 0.6, { adversarial: { epsilon: 0.1, fgsm: 0.3 } }),
      record('el2n', 0.1, 2, NaN, { status: 'failed', error: 'boom' }),
      record('random', 0.3, 1, 0.85),
    ];
    const rows = summarize(rs);
    expect(rows.map((r) => [r.label, r.fraction, r.seeds, r.failed])).toEqual([
      ['random', 0.1, 3, 0],
      ['el2n', 0.1, 1, 1],
      ['random', 0.3, 1, 0],
    ]);
    expect(rows[0]!.accuracy!.mean).toBeCloseTo(0.8, 12);
    expect(rows[0]!.accuracy!.std).toBeCloseTo(0.1, 12);
    expect(rows[0]!.noisyKeptShare!.mean).toBeCloseTo(0.1, 12);
    expect(rows[1]!.fgsm).toEqual({ mean: 0.3, std: 0, n: 1 });
    expect(rows[0]!.fgsm).toBeUndefined();
    expect(rows[0]!.netSavedMs!.mean).toBe(1000 - 200 - 100 - 50);
  });

  it('kept shares and net savings', () => {
    expect(keptShare(5, 50)).toBe(0.1);
    expect(keptShare(undefined, 50)).toBeUndefined();
    expect(keptShare(0, 0)).toBeUndefined();
    expect(netSavedMs(record('x', 0.1, 1, 0.5))).toBe(650);
    expect(netSavedMs(record('x', 0.1, 1, 0.5, { reference: undefined }))).toBeUndefined();
  });

  it('CSV columns are exactly the documented ones, in order', () => {
    expect(RECORD_COLUMNS.map((c) => c.name)).toEqual([
      'dataset',
      'train_size',
      'corruption',
      'noise',
      'imbalance',
      'ood',
      'model',
      'epochs',
      'method',
      'label',
      'fraction',
      'seed',
      'status',
      'coreset_size',
      'accuracy',
      'balanced_accuracy',
      'worst_class_accuracy',
      'macro_f1',
      'adv_epsilon',
      'fgsm_accuracy',
      'pgd_accuracy',
      'noisy_kept',
      'noisy_total',
      'noisy_kept_share',
      'ood_kept',
      'ood_total',
      'ood_kept_share',
      'signals_ms',
      'selection_ms',
      'training_ms',
      'evaluation_ms',
      'full_accuracy',
      'full_worst_class_accuracy',
      'full_training_ms',
      'net_saved_ms',
      'error',
      'train_budget',
      'steps',
      'full_steps',
      'warnings',
      'setting',
    ]);
    expect(SUMMARY_COLUMNS.map((c) => c.name)).toEqual([
      'dataset',
      'train_size',
      'corruption',
      'method',
      'label',
      'fraction',
      'seeds',
      'failed',
      'coreset_size',
      'accuracy_mean',
      'accuracy_std',
      'worst_class_accuracy_mean',
      'worst_class_accuracy_std',
      'balanced_accuracy_mean',
      'macro_f1_mean',
      'fgsm_accuracy_mean',
      'fgsm_accuracy_std',
      'pgd_accuracy_mean',
      'pgd_accuracy_std',
      'noisy_kept_share_mean',
      'ood_kept_share_mean',
      'signals_ms_mean',
      'selection_ms_mean',
      'training_ms_mean',
      'full_accuracy_mean',
      'full_training_ms_mean',
      'net_saved_ms_mean',
      'accuracy_ci_low',
      'accuracy_ci_high',
      'vs_random',
      'vs_random_diff',
      'vs_baseline',
      'vs_baseline_label',
      'vs_baseline_diff',
      'warnings',
      'setting',
    ]);
    for (const c of [...RECORD_COLUMNS, ...SUMMARY_COLUMNS]) expect(c.doc.length).toBeGreaterThan(2);
  });

  it('CSV rows: one per record, absent values empty, text quoted when needed', () => {
    const rs = [
      record('random', 0.1, 1, 0.7123456789),
      record('el2n', 0.1, 1, NaN, { status: 'failed', error: 'needs "record", sorry', noisyKept: undefined }),
    ];
    const lines = recordsCsv(rs).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const cols = RECORD_COLUMNS.map((c) => c.name);
    const row = Object.fromEntries(lines[1]!.split(',').map((v, i) => [cols[i], v]));
    expect(row).toMatchObject({
      dataset: 'mnist',
      corruption: '20% symmetric noise',
      method: 'random',
      fraction: '0.1',
      coreset_size: '100',
      accuracy: '0.712346',
      fgsm_accuracy: '',
      noisy_kept_share: '0.1',
      full_accuracy: '0.9',
      net_saved_ms: '650',
      error: '',
    });
    expect(lines[2]!).toContain(',"needs ""record"", sorry",');
    expect(lines[2]!.split(',')[RECORD_COLUMNS.findIndex((c) => c.name === 'accuracy')]).toBe('');
    expect(recordsCsv([record('x', 0.1, 1, NaN, { trainSize: NaN })])).not.toMatch(/NaN/);
    const summary = summaryCsv(summarize(rs)).trimEnd().split('\n');
    expect(summary).toHaveLength(3);
    expect(summary[0]!.split(',')).toHaveLength(SUMMARY_COLUMNS.length);
  });
});

describe('byDataGroup', () => {
  it('groups records across seeds by dataset, N and corruption, first-seen order, with their references', () => {
    const clean = { corruption: 'clean' };
    const records = [
      record('random', 0.1, 1, 0.8),
      record('random', 0.1, 1, 0.7, clean),
      record('random', 0.1, 2, 0.82),
      record('el2n', 0.1, 1, 0.6, { trainSize: 500 }),
    ];
    const refs = [
      reference,
      { ...reference, seed: 2 },
      { ...reference, corruption: 'clean' },
      { ...reference, dataset: 'fashion' },
    ];
    const groups = byDataGroup(records, refs);
    expect(groups.map((g) => [g.dataset, g.trainSize, g.corruption])).toEqual([
      ['mnist', 1000, '20% symmetric noise'],
      ['mnist', 1000, 'clean'],
      ['mnist', 500, '20% symmetric noise'],
    ]);
    expect(groups.map((g) => g.records.length)).toEqual([2, 1, 1]);
    expect(groups.map((g) => g.references.map((r) => r.seed))).toEqual([[1, 2], [1], []]);
    expect(byDataGroup([], refs)).toEqual([]);
  });
});
