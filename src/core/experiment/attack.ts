/**
 * Adversarial evaluation settings of an experiment (EasyCore's claim is about robustness):
 * which attacks score the trained model, their L∞ radius and PGD schedule, and whether the
 * model is trained with TRADES instead of plain cross-entropy.
 */
export const ATTACK_KINDS = ['none', 'fgsm', 'pgd', 'both'] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export interface AttackSpec {
  /** Attacks run after training: none, FGSM, PGD or both. */
  kind: AttackKind;
  /** L∞ radius in model-input units ([0, 1] pixels for images). */
  epsilon: number;
  /** PGD iterations. */
  pgdSteps: number;
  /** PGD step size α. */
  pgdStepSize: number;
  /** Train with TRADES (β = 6) instead of standard cross-entropy. */
  trades: boolean;
}

/** Accuracy of a trained model under the spec's attacks (TrainOutcome.adversarial). */
export interface AdversarialMetrics {
  epsilon: number;
  fgsm?: number;
  pgd?: number;
}

/** ε = 0.1 on MNIST pixels; PGD: 10 steps of ε/4. */
export const DEFAULT_ATTACK: AttackSpec = {
  kind: 'none',
  epsilon: 0.1,
  pgdSteps: 10,
  pgdStepSize: 0.025,
  trades: false,
};

/** The step size the defaults tie to ε: ε/4. */
export function defaultStepSize(epsilon: number): number {
  return epsilon / 4;
}

export function runsFgsm(a: Pick<AttackSpec, 'kind'>): boolean {
  return a.kind === 'fgsm' || a.kind === 'both';
}

export function runsPgd(a: Pick<AttackSpec, 'kind'>): boolean {
  return a.kind === 'pgd' || a.kind === 'both';
}
