/**
 * In-training methods (kind 'in-training': RETRIEVE, SWaST, ...) select inside their own training
 * loop: `compare` runs them through their `run` (ml/executor.ts), but the single-run pre-training
 * `select` path (ml/pipeline.ts runSelection, the CLI's `select`, the method picker) must refuse
 * them with a message that says where they do run. The check is on `kind` only;
 * `IN_TRAINING_HOMES` only improves the message.
 */
import type { AnyMethod, MethodHeader, MethodKind, PreTrainingMethod } from './types';

/** Where an in-training method runs on its own: its CLI command and its UI panel. */
export const IN_TRAINING_HOMES: Record<string, { cli: string; panel: string }> = {
  retrieve: { cli: 'npm run cli -- ssl --method retrieve', panel: 'Semi-supervised (RETRIEVE)' },
  swast: { cli: 'npm run cli -- swast', panel: 'SWaST: pruning + coreset' },
};

type Named = Pick<MethodHeader, 'id' | 'name'>;

export class InTrainingMethodError extends Error {
  constructor(readonly method: Named) {
    const home = IN_TRAINING_HOMES[method.id];
    const where = home
      ? `run it with \`${home.cli}\`, from the "${home.panel}" panel`
      : 'run it from its own command or panel';
    super(
      `${method.name} is an in-training method: it selects inside its own training loop, not before training; ${where}, or beside other methods with \`npm run cli -- compare --methods random,${method.id}\` or the Compare panel`,
    );
    this.name = 'InTrainingMethodError';
  }
}

export function isInTraining(m: { kind: MethodKind }): boolean {
  return m.kind === 'in-training';
}

/** Throws InTrainingMethodError for a method the pre-training select path cannot run. */
export function assertPreTraining(m: AnyMethod): asserts m is PreTrainingMethod {
  if (m.kind !== 'pre-training') throw new InTrainingMethodError(m);
}
