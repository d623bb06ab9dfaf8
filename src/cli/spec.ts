/** Experiment spec from CLI flags: every command that trains or selects shares these flags. */
import { UsageError, takeAll, takeNumber, takeString, type ParsedArgs } from './args';
import { DEFAULT_SPEC, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import { getMethod } from '../core/methods/registry';
import { parseParamAssignments } from '../core/methods/params';

export function specFromArgs(args: ParsedArgs): ExperimentSpec {
  const method = takeString(args, 'method') ?? DEFAULT_SPEC.method;
  const def = getMethod(method);
  const params: Record<string, string> = parseParamAssignments(takeAll(args, 'param'));
  // Method flags come from the registry: --balance global is --param balance=global.
  for (const p of def.params) {
    const v = takeString(args, p.name);
    if (v !== undefined) params[p.name] = v;
  }
  const d = DEFAULT_SPEC;
  const spec: ExperimentSpec = {
    dataset: (takeString(args, 'dataset') ?? d.dataset) as ExperimentSpec['dataset'],
    trainSize: takeNumber(args, 'train-size') ?? d.trainSize,
    toy: {
      shape: (takeString(args, 'toy-shape') ?? d.toy.shape) as ExperimentSpec['toy']['shape'],
      n: takeNumber(args, 'toy-n') ?? d.toy.n,
      noise: takeNumber(args, 'toy-noise') ?? d.toy.noise,
    },
    corruption: {
      noise: takeNumber(args, 'noise') ?? d.corruption.noise,
      noiseType: (takeString(args, 'noise-type') ?? d.corruption.noiseType) as ExperimentSpec['corruption']['noiseType'],
      imbalance: takeNumber(args, 'imbalance') ?? d.corruption.imbalance,
      ood: takeNumber(args, 'ood') ?? d.corruption.ood,
    },
    model: (takeString(args, 'model') ?? d.model) as ExperimentSpec['model'],
    epochs: takeNumber(args, 'epochs') ?? d.epochs,
    batchSize: takeNumber(args, 'batch-size') ?? d.batchSize,
    learningRate: takeNumber(args, 'lr') ?? d.learningRate,
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
