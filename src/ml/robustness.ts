/**
 * The adversarial half of a run's evaluation (spec.attack): FGSM and / or PGD accuracy of the
 * trained model on a fixed seeded subset of the test split, and the TRADES objective when the
 * spec trains robustly. The subset keeps PGD affordable in a browser tab: at most
 * ADVERSARIAL_ROWS test rows, the same rows for every run with the same seed.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/dataset';
import { runsFgsm, runsPgd, type AdversarialMetrics, type AttackSpec } from '../core/experiment/attack';
import { createRng } from '../core/math/rng';
import type { AbortSignalLike } from '../core/methods/types';
import { adversarialAccuracy } from './adversarial';
import { tradesObjective } from './trades';
import type { TrainObjective } from './train';

export const ADVERSARIAL_ROWS = 2000;

export type { AdversarialMetrics };

function clipOf(ds: Dataset): readonly [number, number] | null {
  return ds.shape.length === 3 ? [0, 1] : null;
}

/** Test rows the attacks run on: all when few, else a seeded sample of ADVERSARIAL_ROWS, ascending. */
export function adversarialRows(test: Dataset, seed: number, max = ADVERSARIAL_ROWS): Int32Array {
  const n = test.labels.length;
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  return createRng(seed).fork('adversarial-eval').sample(n, max).sort();
}

export async function evaluateAdversarial(
  model: tf.LayersModel,
  test: Dataset,
  attack: AttackSpec,
  seed: number,
  signal?: AbortSignalLike,
  onProgress?: (done: number) => void,
): Promise<{ adversarial: AdversarialMetrics; rows: number } | undefined> {
  if (attack.kind === 'none') return undefined;
  const rows = adversarialRows(test, seed);
  const clip = clipOf(test);
  const kinds: ('fgsm' | 'pgd')[] = [];
  if (runsFgsm(attack)) kinds.push('fgsm');
  if (runsPgd(attack)) kinds.push('pgd');
  const out: AdversarialMetrics = { epsilon: attack.epsilon };
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!;
    const r = await adversarialAccuracy(model, test, kind, {
      epsilon: attack.epsilon,
      steps: attack.pgdSteps,
      stepSize: attack.pgdStepSize,
      clip,
      rows,
      signal,
      onProgress: (d) => onProgress?.((i + d) / kinds.length),
    });
    out[kind] = r.accuracy;
  }
  return { adversarial: out, rows: rows.length };
}

/** The TRADES objective for a spec that asks for it; undefined means plain cross-entropy. */
export function objectiveFor(attack: AttackSpec, train: Dataset, seed: number): TrainObjective | undefined {
  if (!attack.trades) return undefined;
  return tradesObjective({
    epsilon: attack.epsilon,
    steps: attack.pgdSteps,
    stepSize: attack.pgdStepSize,
    clip: clipOf(train),
    seed,
  });
}
