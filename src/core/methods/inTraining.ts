/**
 * In-training methods (kind 'in-training') select inside their own training
 * loop: `compare` runs them through their `run` (ml/executor.ts), but the single-run pre-training
 * `select` path (ml/pipeline.ts runSelection, the CLI's `select`, the method picker) must refuse
 * them with a message that says where they do run. The check is on `kind` only;
 * the method's `home` only improves the message.
 */
import type { AnyMethod, InTrainingMethod, MethodHeader, MethodKind, PreTrainingMethod } from './types';

type Named = Pick<MethodHeader, 'id' | 'name'> & Pick<Partial<InTrainingMethod>, 'home'>;

export class InTrainingMethodError extends Error {
  constructor(readonly method: Named) {
    const home = method.home;
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
