/**
 * Named plans that recreate each paper's headline setting in miniature (MNIST subsets or the
 * synthetic radio set, small MLP / 1-D CNN, a few epochs), sized to finish in minutes on a
 * 2-core CPU. Each carries what the paper reported, in words, to show beside what the run
 * measures; nothing here claims the miniature reproduces the paper's numbers.
 *
 * A preset may name a method this build does not register: expandPlan lists it as skipped with
 * the reason, and the rest still runs. In-training methods (SWaST, RETRIEVE) run in their own
 * loops beside the rest.
 */
import { DEFAULT_ATTACK } from './attack';
import { NO_CORRUPTION, type ExperimentPlan, type PlanMethod } from './plan';
import type { CorruptionSpec } from './spec';
import type { ParamValues } from '../methods/params';

export interface Preset {
  id: string;
  name: string;
  paper: string;
  /** What the paper reported (its setting, not ours), shown beside the measured table. */
  claim: string;
  /** What to read in our table to check the claim in miniature. */
  lookAt: string;
  plan: ExperimentPlan;
}

// Every preset trains each coreset for the full-data run's optimizer steps (trainBudget 'steps',
// the comparison protocol in README) over 3 seeds, so verdicts are paired over 3 seeds.
const base = {
  model: 'mlp',
  epochs: 5,
  trainBudget: 'steps',
  batchSize: 64,
  learningRate: 0.001,
  seeds: [1, 2, 3],
} satisfies Partial<ExperimentPlan>;

const mnist = (trainSize: number) => [{ dataset: 'mnist', trainSize }];
const m = (id: string, params?: ParamValues, label?: string): PlanMethod => ({ id, params, label });
/** The strongest simple baseline for a preset's claim: its verdict column judges against these. */
const b = (id: string, params?: ParamValues, label?: string): PlanMethod => ({
  id,
  params,
  label,
  baseline: true,
});
const corrupt = (c: Partial<CorruptionSpec>): CorruptionSpec => ({ ...NO_CORRUPTION, ...c });

export const PRESETS: readonly Preset[] = [
  {
    id: 'ccs-high-pruning',
    name: 'CCS: keep-hard scores vs coverage at 70–95% pruning',
    paper: 'Zheng et al., Coverage-centric Coreset Selection for High Pruning Rates, ICLR 2023',
    claim:
      'On CIFAR-10/100 and ImageNet, keep-hardest scores (EL2N, forgetting, AUM) win at low pruning but fall below random at high pruning rates, catastrophically at 90%; CCS stays at or above random at every rate, and coverage-aware selection degrades gracefully.',
    lookAt:
      'both halves over 5–70% kept: el2n / forgetting (keep-hardest) against random, and ccs (global, the paper; per class beside it) against random and keep-easiest EL2N',
    plan: {
      ...base,
      datasets: mnist(5000),
      corruptions: [NO_CORRUPTION],
      methods: [
        m('random'),
        m('el2n'),
        m('forgetting'),
        b('el2n', { keep: 'easiest' }, 'el2n (easiest)'),
        m('ccs'),
        m('ccs', { balance: 'proportional' }, 'ccs (per class)'),
      ],
      fractions: [0.7, 0.3, 0.1, 0.05],
    },
  },
  {
    id: 'hypercore-noise',
    name: 'HyperCore under 20% and 40% label noise',
    paper: 'HyperCore: per-class hypersphere models for coreset selection under label noise',
    claim:
      'With injected label noise, the samples HyperCore prunes are mostly the mislabeled ones, and models trained on its kept set beat random and score-based coresets of the same size.',
    lookAt:
      'hypercore (adaptive, the headline: its size follows the data) and hypercore (fixed) against keep-easiest AUM / EL2N: accuracy and noisy_kept_share (random keeps about f; lower is better)',
    plan: {
      ...base,
      datasets: mnist(3000),
      corruptions: [corrupt({ noise: 0.2 }), corrupt({ noise: 0.4 })],
      methods: [
        m('random'),
        m('hypercore', { mode: 'adaptive' }, 'hypercore (adaptive)'),
        m('hypercore', { mode: 'fixed' }, 'hypercore (fixed)'),
        b('aum'),
        b('el2n', { keep: 'easiest' }, 'el2n (easiest)'),
        m('el2n', { keep: 'hardest' }, 'el2n (hardest)'),
      ],
      fractions: [0.5, 0.7],
    },
  },
  {
    id: 'subzero-extreme',
    name: 'SubZeroCore at 90–99% pruning',
    paper: 'SubZeroCore: training-free submodular coverage and density coresets',
    claim:
      'Training-free SubZeroCore matches training-based methods and beats them at very high pruning rates (90–99%), at a small fraction of their compute, and is robust to label noise.',
    lookAt: 'accuracy at 1–10% and signals_ms + selection_ms (subzero needs no training run)',
    plan: {
      ...base,
      datasets: mnist(5000),
      corruptions: [NO_CORRUPTION],
      // facility location on pixels: the training-free sibling of SubZeroCore (its default, last-layer
      // gradients, needs a trained model).
      methods: [
        m('random'),
        m('subzero'),
        m('facility-location', { embedding: 'pixels' }, 'facility-location (pixels)'),
        m('el2n'),
        m('ccs'),
      ],
      fractions: [0.1, 0.05, 0.02, 0.01],
    },
  },
  {
    id: 'easycore-adversarial',
    name: 'EasyCore: adversarial accuracy of easy-sample coresets',
    paper:
      'EasyCore: coreset selection of easy samples (low average input-gradient norm) for adversarially robust training',
    claim:
      'Models trained on EasyCore coresets (lowest average input-gradient norm) have higher adversarial accuracy than models trained on equal-size random, EL2N or forgetting coresets.',
    lookAt:
      'fgsm_accuracy and pgd_accuracy at ε = 0.1 of easycore against keep-easiest EL2N (its picks overlap easycore’s most), per fraction',
    plan: {
      ...base,
      datasets: mnist(3000),
      corruptions: [NO_CORRUPTION],
      methods: [
        m('random'),
        m('el2n'),
        m('forgetting'),
        b('el2n', { keep: 'easiest' }, 'el2n (easiest)'),
        m('easycore'),
      ],
      fractions: [0.1, 0.3],
      attack: { ...DEFAULT_ATTACK, kind: 'both', epsilon: 0.1, pgdSteps: 10, pgdStepSize: 0.025 },
    },
  },
  {
    id: 'nucs-imbalanced',
    name: 'NUCS on a long-tailed set',
    paper: 'Non-uniform class-wise coreset selection (NUCS)',
    claim:
      'At high pruning rates, difficulty-weighted non-uniform class budgets beat uniform class-wise allocation with the same intra-class rule, most visibly on worst-class accuracy.',
    lookAt:
      'nucs against its own proportional-budget ablation and balanced intra-class sampling, on balanced and long-tailed data: accuracy, worst_class_accuracy and balanced accuracy at 5–20%',
    plan: {
      ...base,
      datasets: mnist(5000),
      corruptions: [NO_CORRUPTION, corrupt({ imbalance: 10 })],
      methods: [
        m('random'),
        m('nucs'),
        b('nucs', { budgets: 'proportional' }, 'nucs (proportional)'),
        b('intra-class', { classBudget: 'balanced' }, 'intra-class (balanced)'),
      ],
      fractions: [0.05, 0.1, 0.2],
    },
  },
  {
    id: 'intra-class-imbalanced',
    name: 'Intra-class diversity on a long-tailed set',
    paper: 'Intra-class diversity sampling: per-class clusters for imbalanced coresets',
    claim:
      'Per-class cluster sampling beats random sampling, most clearly on imbalanced data (macro-F1, balanced accuracy).',
    lookAt: 'macro_f1 and balanced_accuracy of intra-class (balanced) against random',
    plan: {
      ...base,
      datasets: mnist(5000),
      corruptions: [corrupt({ imbalance: 10 })],
      methods: [
        m('random'),
        m('kcenter', { embedding: 'pixels' }, 'kcenter (pixels)'),
        m('intra-class', { classBudget: 'proportional' }, 'intra-class'),
        m('intra-class', { classBudget: 'balanced' }, 'intra-class (balanced)'),
      ],
      fractions: [0.05, 0.1, 0.3],
    },
  },
  {
    id: 'foqus-radio',
    name: 'FoQuS on the synthetic radio (I/Q) set',
    paper: 'FoQuS: forgetting, persistent error and quality scores for radio modulation recognition',
    claim:
      'For modulation recognition, FoQuS coresets at 1–30% of the data beat random and plain forgetting across SNRs.',
    lookAt: 'accuracy at 5–30% of foqus against random and forgetting',
    plan: {
      ...base,
      // The I/Q task is hard in miniature (7 classes, SNR down to −10 dB): 2,800 rows, 4 epochs at
      // lr 0.001 reached 32% on all data (chance 14%); 8 epochs at lr 0.003 reached 41%.
      model: 'cnn',
      epochs: 8,
      learningRate: 0.003,
      datasets: [{ dataset: 'radio', trainSize: 4200 }],
      corruptions: [NO_CORRUPTION],
      methods: [m('random'), m('forgetting'), m('foqus')],
      fractions: [0.05, 0.1, 0.3],
    },
  },
  {
    id: 'retrieve-ood',
    name: 'RETRIEVE with out-of-distribution images in the pool',
    paper:
      'Killamsetty et al., RETRIEVE: Coreset Selection for Efficient and Robust Semi-Supervised Learning, NeurIPS 2021',
    claim:
      'Near full-pool semi-supervised accuracy with about 3× less training time; with OOD images in the unlabeled pool, the selected subset holds clearly fewer OOD points than random.',
    lookAt:
      'ood kept % of RETRIEVE (semi-supervised: 10 labels per class + the 3000 rows as its unlabeled pool, its row says so) against random and the pre-training methods (supervised on all labels); its accuracy is from a different setting, so compare OOD shares first',
    plan: {
      ...base,
      datasets: mnist(3000),
      corruptions: [corrupt({ ood: 0.2 })],
      methods: [
        m('random'),
        m('facility-location', { embedding: 'pixels' }, 'facility-location (pixels)'),
        m('el2n'),
        m('retrieve'),
      ],
      fractions: [0.1, 0.3],
    },
  },
  {
    id: 'swast-small',
    name: 'SWaST at 1–10% of the data',
    paper: 'SWaST: joint weight pruning and coreset selection with state preservation',
    claim:
      'Joint weight pruning (~30%) and coreset selection beats coreset-only training at small fractions; very high joint rates without state preservation can collapse.',
    lookAt:
      "SWaST's rows (its own loop: full-data warm-up, re-selection, online pruning; its row says so) against the coreset-only baselines at 1–10%",
    plan: {
      ...base,
      datasets: mnist(5000),
      corruptions: [NO_CORRUPTION],
      methods: [m('random'), m('el2n'), m('grand'), m('swast')],
      fractions: [0.01, 0.05, 0.1],
    },
  },
];

export function getPreset(id: string): Preset {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new RangeError(`unknown preset "${id}"; available: ${PRESETS.map((x) => x.id).join(', ')}`);
  return p;
}
