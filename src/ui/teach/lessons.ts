/**
 * Short guided lessons: each sets up real data and a real method, gives steps to run, and asks a
 * question that the runs it produced answer (the answer is computed from them, never canned).
 */
import type { ExperimentSpec } from '../../core/experiment/spec';
import type { RunRecord } from '../../state/types';
import { pct } from '../results/format';

export interface LessonStep {
  /** What the button says and what the person is about to find out. */
  label: string;
  kind: 'full' | 'coreset';
  /** Method, fraction and parameters for this step (data comes from the lesson's setup). */
  patch: Partial<Pick<ExperimentSpec, 'method' | 'fraction' | 'params'>>;
}

export interface Lesson {
  id: string;
  title: string;
  /** The idea, in two or three plain sentences. */
  idea: string;
  setup: Partial<ExperimentSpec>;
  steps: readonly LessonStep[];
  question: string;
  /** The answer, from the runs the steps produced (same order as steps). */
  answer: (runs: readonly RunRecord[]) => string;
}

const acc = (r: RunRecord) => r.metrics?.accuracy ?? NaN;
const pts = (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d * 100).toFixed(1)} points`;
const mnist = (extra: Partial<ExperimentSpec> = {}): Partial<ExperimentSpec> => ({
  dataset: 'mnist',
  trainSize: 1000,
  model: 'mlp',
  epochs: 3,
  corruption: { noise: 0, noiseType: 'symmetric', imbalance: 1, ood: 0 },
  ...extra,
});
const noisyShare = (r: RunRecord) => (r.noisyKept ?? 0) / Math.max(1, r.size);

export const LESSONS: readonly Lesson[] = [
  {
    id: 'what-is-a-coreset',
    title: 'What a coreset is',
    idea: 'A coreset is a small subset of the training data chosen so that a model trained on it does nearly as well as one trained on everything. The simplest choice is a random sample; every method is measured against it.',
    setup: mnist(),
    steps: [
      { label: 'Train on all 1,000 samples (the reference)', kind: 'full', patch: {} },
      {
        label: 'Train on a random 10% (100 samples)',
        kind: 'coreset',
        patch: { method: 'random', fraction: 0.1, params: { balance: 'proportional' } },
      },
    ],
    question: 'How much accuracy did keeping only a tenth of the data cost?',
    answer: ([full, rnd]) => {
      const d = acc(rnd!) - acc(full!);
      return `All data: ${pct(acc(full!))}; random 10%: ${pct(acc(rnd!))} (${pts(d)}). ${
        d > -0.05
          ? 'Most of the accuracy survives with a tenth of the data: the rest was largely redundant.'
          : 'A tenth of the data loses a clear share of the accuracy: the question every method tries to answer is which tenth to keep.'
      }`;
    },
  },
  {
    id: 'easy-vs-hard',
    title: 'Easy or hard examples? It depends on how much you keep',
    idea: 'Scores such as EL2N rank samples by difficulty. Keeping the hardest works when most data is kept, but at high pruning the hardest few are rare, ambiguous cases and coverage of the whole distribution matters more (the CCS paper’s picture).',
    setup: mnist(),
    steps: [
      {
        label: 'EL2N, keep the hardest 5%',
        kind: 'coreset',
        patch: {
          method: 'el2n',
          fraction: 0.05,
          params: { keep: 'hardest', balance: 'proportional', epochs: 3 },
        },
      },
      {
        label: 'CCS (coverage over difficulty strata), 5%',
        kind: 'coreset',
        patch: {
          method: 'ccs',
          fraction: 0.05,
          params: { balance: 'global', beta: 0.1, strata: 50, score: 'aum' },
        },
      },
      {
        label: 'Random 5%',
        kind: 'coreset',
        patch: { method: 'random', fraction: 0.05, params: { balance: 'proportional' } },
      },
    ],
    question: 'At 95% pruning, does keeping the hardest examples beat covering every level of difficulty?',
    answer: ([hard, ccs, rnd]) => {
      const best = [hard!, ccs!, rnd!].reduce((a, b) => (acc(b) > acc(a) ? b : a));
      const name = best === hard ? 'hardest-first EL2N' : best === ccs ? 'CCS' : 'random';
      return `Hardest 5%: ${pct(acc(hard!))}, CCS: ${pct(acc(ccs!))}, random: ${pct(acc(rnd!))}. ${name} did best here. ${
        acc(hard!) < acc(rnd!)
          ? 'Keeping only the hardest fell below random, as the CCS paper reports at high pruning rates.'
          : 'Hardest-first held up on this run; try 2% or another seed to see whether it lasts.'
      }`;
    },
  },
  {
    id: 'label-noise',
    title: 'Label noise and HyperCore',
    idea: 'With 30% of the labels flipped, a method that keeps “hard” samples keeps the mislabelled ones, which look hard. HyperCore fits one hypersphere per class and drops samples far from their class centre, many of them mislabelled.',
    setup: mnist({ corruption: { noise: 0.3, noiseType: 'symmetric', imbalance: 1, ood: 0 } }),
    steps: [
      {
        label: 'Random 30%',
        kind: 'coreset',
        patch: { method: 'random', fraction: 0.3, params: { balance: 'proportional' } },
      },
      {
        label: 'HyperCore (adaptive: it chooses how many to keep)',
        kind: 'coreset',
        patch: { method: 'hypercore', fraction: 0.3, params: {} },
      },
    ],
    question: 'Which coreset holds fewer mislabelled samples, and does that show in accuracy?',
    answer: ([rnd, hc]) =>
      `Random keeps ${pct(noisyShare(rnd!))} mislabelled, HyperCore ${pct(noisyShare(hc!))} (of ${hc!.size.toLocaleString('en')} kept). Accuracy: random ${pct(acc(rnd!))}, HyperCore ${pct(acc(hc!))}. ${
        noisyShare(hc!) < noisyShare(rnd!)
          ? 'HyperCore filtered out part of the noise.'
          : 'HyperCore did not filter noise on this run.'
      }`,
  },
  {
    id: 'diversity-vs-difficulty',
    title: 'Diversity or difficulty?',
    idea: 'k-Center greedy picks samples that cover the feature space (diversity); EL2N picks those the model finds hardest (difficulty). They keep very different subsets of the same size.',
    setup: mnist(),
    steps: [
      {
        label: 'k-Center greedy 10% (diversity)',
        kind: 'coreset',
        patch: { method: 'kcenter', fraction: 0.1, params: {} },
      },
      {
        label: 'EL2N hardest 10% (difficulty)',
        kind: 'coreset',
        patch: {
          method: 'el2n',
          fraction: 0.1,
          params: { keep: 'hardest', balance: 'proportional', epochs: 3 },
        },
      },
    ],
    question: 'Which idea gives the better 10% here, and by how much?',
    answer: ([kc, el]) => {
      const d = acc(kc!) - acc(el!);
      return `k-Center: ${pct(acc(kc!))}, EL2N: ${pct(acc(el!))}: ${Math.abs(d) < 0.01 ? 'a tie within a point' : `${d > 0 ? 'diversity' : 'difficulty'} wins by ${Math.abs(d * 100).toFixed(1)} points`}. Open both runs in the Runs view and compare what they kept.`;
    },
  },
  {
    id: 'per-class-budgets',
    title: 'Per-class budgets on imbalanced data',
    idea: 'With a 10:1 class imbalance, a coreset that keeps each class in proportion leaves the rare classes with a handful of samples. A balanced budget gives every class the same share of the coreset.',
    setup: mnist({ corruption: { noise: 0, noiseType: 'symmetric', imbalance: 10, ood: 0 } }),
    steps: [
      {
        label: 'Intra-class diversity, proportional budgets, 10%',
        kind: 'coreset',
        patch: { method: 'intra-class', fraction: 0.1, params: { classBudget: 'proportional' } },
      },
      {
        label: 'Intra-class diversity, balanced budgets, 10%',
        kind: 'coreset',
        patch: { method: 'intra-class', fraction: 0.1, params: { classBudget: 'balanced' } },
      },
    ],
    question: 'What happens to the worst class when every class gets the same budget?',
    answer: ([prop, bal]) => {
      const w = (r: RunRecord) => r.metrics?.worstClassAccuracy ?? NaN;
      return `Worst class: ${pct(w(prop!))} with proportional budgets, ${pct(w(bal!))} with balanced ones; overall accuracy ${pct(acc(prop!))} → ${pct(acc(bal!))}. ${
        w(bal!) > w(prop!)
          ? 'Balancing lifted the rare classes.'
          : 'Balancing did not lift the worst class on this run.'
      }`;
    },
  },
];
