/** Experiment spec from CLI flags: every command that trains or selects shares these flags. */
import { UsageError, takeAll, takeNumber, takeString, type ParsedArgs } from './args';
import { DATASET_CHOICES, DEFAULT_SPEC, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import { importBuiltin, importPath } from './importPath';
import { takeParamFlags } from './paramFlags';
import { ImportError } from '../core/data/import/errors';
import { ATTACK_KINDS, defaultStepSize, type AttackSpec } from '../core/experiment/attack';
import { getMethod } from '../core/methods/registry';
import { parseParamAssignments } from '../core/methods/params';

/** Flags of the spec that take no value (main.ts declares them to the parser). */
export const SPEC_BOOLEAN_FLAGS = ['trades'] as const;

/**
 * `--attack KIND[:EPS]` (KIND none|fgsm|pgd|both, ε default 0.1), `--pgd-steps N`,
 * `--pgd-step-size A` (default ε/4), `--trades`.
 */
export function attackFromArgs(args: ParsedArgs): AttackSpec {
  const d = DEFAULT_SPEC.attack;
  const raw = takeString(args, 'attack');
  let kind = d.kind;
  let epsilon = d.epsilon;
  if (raw !== undefined) {
    const [k, eps, extra] = raw.split(':');
    if (!(ATTACK_KINDS as readonly string[]).includes(k ?? '') || extra !== undefined)
      throw new UsageError(
        `--attack expects KIND[:EPSILON] with KIND one of ${ATTACK_KINDS.join(', ')}, got "${raw}"`,
      );
    kind = k as AttackSpec['kind'];
    if (eps !== undefined) {
      epsilon = Number(eps);
      if (eps.trim() === '' || !Number.isFinite(epsilon))
        throw new UsageError(`--attack: ε must be a number, got "${eps}"`);
    }
  }
  return {
    kind,
    epsilon,
    pgdSteps: takeNumber(args, 'pgd-steps') ?? d.pgdSteps,
    pgdStepSize: takeNumber(args, 'pgd-step-size') ?? defaultStepSize(epsilon),
    trades: args.booleans.has('trades'),
  };
}

/** Every flag the spec itself reads (method params cannot take these names as flags). */
const SPEC_FLAGS = new Set([
  'dataset',
  'resize',
  'train-size',
  'toy-shape',
  'toy-n',
  'toy-noise',
  'noise',
  'noise-type',
  'imbalance',
  'ood',
  'model',
  'epochs',
  'train-budget',
  'batch-size',
  'lr',
  'attack',
  'pgd-steps',
  'pgd-step-size',
  'trades',
  'method',
  'fraction',
  'seed',
  'param',
  'out',
  'backend',
  'evaluate',
]);

/** `--dataset mnist|fashion|toy|radio`, or a path to the user's data (`--resize WxH` for mixed sizes). */
function datasetFromArgs(args: ParsedArgs): { dataset: ExperimentSpec['dataset']; customId?: string } {
  const raw = takeString(args, 'dataset') ?? DEFAULT_SPEC.dataset;
  const resizeRaw = takeString(args, 'resize');
  let resize: { width: number; height: number } | undefined;
  if (resizeRaw !== undefined) {
    const m = /^(\d+)x(\d+)$/.exec(resizeRaw);
    if (!m) throw new UsageError(`--resize expects WIDTHxHEIGHT, e.g. 28x28, got "${resizeRaw}"`);
    resize = { width: Number(m[1]), height: Number(m[2]) };
  }
  if ((DATASET_CHOICES as readonly string[]).includes(raw) && raw !== 'custom') {
    if (resize) throw new UsageError('--resize applies to your own data (--dataset PATH)');
    return { dataset: raw as ExperimentSpec['dataset'] };
  }
  const builtin = importBuiltin(raw);
  if (builtin) return { dataset: 'custom', customId: builtin.report.hash };
  try {
    return { dataset: 'custom', customId: importPath(raw, resize).report.hash };
  } catch (e) {
    const top = e instanceof ImportError && e.problem === 'mixed-sizes' ? e.sizes?.[0] : undefined;
    if (top)
      throw new ImportError(
        'mixed-sizes',
        `${e instanceof Error ? e.message : ''} (add --resize ${top.width}x${top.height})`,
        (e as ImportError).sizes,
      );
    throw e;
  }
}

export function specFromArgs(args: ParsedArgs): ExperimentSpec {
  const method = takeString(args, 'method') ?? DEFAULT_SPEC.method;
  const def = getMethod(method);
  const params: Record<string, string> = parseParamAssignments(takeAll(args, 'param'));
  // Method flags come from the registry (paramFlags.ts): --balance global is --param balance=global. A param
  // named like a spec flag (EL2N's `epochs`) is reachable only as --param: the flag is the spec's.
  Object.assign(params, takeParamFlags(args, def.params, SPEC_FLAGS));
  const d = DEFAULT_SPEC;
  const { dataset, customId } = datasetFromArgs(args);
  const spec: ExperimentSpec = {
    dataset,
    customId,
    trainSize: takeNumber(args, 'train-size') ?? d.trainSize,
    toy: {
      shape: (takeString(args, 'toy-shape') ?? d.toy.shape) as ExperimentSpec['toy']['shape'],
      n: takeNumber(args, 'toy-n') ?? d.toy.n,
      noise: takeNumber(args, 'toy-noise') ?? d.toy.noise,
    },
    corruption: {
      noise: takeNumber(args, 'noise') ?? d.corruption.noise,
      noiseType: (takeString(args, 'noise-type') ??
        d.corruption.noiseType) as ExperimentSpec['corruption']['noiseType'],
      imbalance: takeNumber(args, 'imbalance') ?? d.corruption.imbalance,
      ood: takeNumber(args, 'ood') ?? d.corruption.ood,
    },
    model: (takeString(args, 'model') ?? d.model) as ExperimentSpec['model'],
    epochs: takeNumber(args, 'epochs') ?? d.epochs,
    trainBudget: (takeString(args, 'train-budget') ?? d.trainBudget) as ExperimentSpec['trainBudget'],
    batchSize: takeNumber(args, 'batch-size') ?? d.batchSize,
    learningRate: takeNumber(args, 'lr') ?? d.learningRate,
    attack: attackFromArgs(args),
    method,
    fraction: takeNumber(args, 'fraction') ?? d.fraction,
    params,
    seed: takeNumber(args, 'seed') ?? d.seed,
  };
  return validateSpec(spec);
}

export function rejectLeftovers(args: ParsedArgs): void {
  const left = [...args.flags.keys()];
  if (left.length) throw new UsageError(`unknown flag --${left[0]} (see --help)`);
}
