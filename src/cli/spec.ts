/**
 * Experiment spec from CLI flags: every command that trains or selects shares these flags. The
 * flags, how each value is read and the help lines come from the spec schema
 * (core/experiment/specSchema.ts); `--dataset PATH` and `--attack KIND[:EPS]` keep their own
 * syntax but read options, ranges and defaults from there too.
 */
import { UsageError, takeAll, takeNumber, takeString, type ParsedArgs } from './args';
import { DEFAULT_SPEC, validateSpec, type ExperimentSpec } from '../core/experiment/spec';
import {
  SPEC_FIELDS,
  SPEC_SCHEMA,
  rangeText,
  setPath,
  type SchemaField,
  type SchemaPath,
} from '../core/experiment/specSchema';
import { importBuiltin, importPath } from './importPath';
import { takeParamFlags } from './paramFlags';
import { ImportError } from '../core/data/import/errors';
import { defaultStepSize, type AttackSpec } from '../core/experiment/attack';
import { getMethod } from '../core/methods/registry';
import { parseParamAssignments } from '../core/methods/params';

/** Every flag of the spec schema (method params cannot take these names as flags). */
export const SPEC_FLAG_NAMES: ReadonlySet<string> = new Set(SPEC_FIELDS.map((f) => f.cliFlag));

/** The flags of the schema fields under `prefixes` ('toy' → --toy-shape, --toy-n, --toy-noise). */
export function specFlagsOf(...prefixes: string[]): string[] {
  const under = (f: SchemaField) => prefixes.some((p) => f.path === p || f.path.startsWith(`${p}.`));
  return [...new Set(SPEC_FIELDS.filter(under).map((f) => f.cliFlag))];
}

/** Flags of the spec that take no value (main.ts declares them to the parser). */
export const SPEC_BOOLEAN_FLAGS: readonly string[] = SPEC_FIELDS.filter((f) => f.kind === 'boolean').map(
  (f) => f.cliFlag,
);

/** Flags the select command reads beside the schema's: never taken as a method parameter. */
const SELECT_FLAGS = new Set([...SPEC_FLAG_NAMES, 'resize', 'param', 'out', 'backend', 'evaluate']);

/** A field's value from its own flag, if given; validateSpec checks it against the schema. */
function takeField(args: ParsedArgs, f: SchemaField): unknown {
  switch (f.kind) {
    case 'boolean':
      return args.booleans.has(f.cliFlag) ? true : undefined;
    case 'number':
    case 'integer':
      return takeNumber(args, f.cliFlag);
    default:
      return takeString(args, f.cliFlag);
  }
}

/** `--attack KIND[:EPS]`: the kind and ε (defaults: the schema's). */
function attackFlag(args: ParsedArgs): Pick<AttackSpec, 'kind' | 'epsilon'> {
  const kinds = SPEC_SCHEMA['attack.kind'].options;
  const raw = takeString(args, 'attack');
  let kind = SPEC_SCHEMA['attack.kind'].default;
  let epsilon = SPEC_SCHEMA['attack.epsilon'].default;
  if (raw !== undefined) {
    const [k, eps, extra] = raw.split(':');
    if (!(kinds as readonly string[]).includes(k ?? '') || extra !== undefined)
      throw new UsageError(
        `--attack expects KIND[:EPSILON] with KIND one of ${kinds.join(', ')}, got "${raw}"`,
      );
    kind = k as AttackSpec['kind'];
    if (eps !== undefined) {
      epsilon = Number(eps);
      if (eps.trim() === '' || !Number.isFinite(epsilon))
        throw new UsageError(`--attack: ε must be a number, got "${eps}"`);
    }
  }
  return { kind, epsilon };
}

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
  if ((SPEC_SCHEMA.dataset.options as readonly string[]).includes(raw) && raw !== 'custom') {
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
  const spec = structuredClone(DEFAULT_SPEC);
  const given = new Set<SchemaPath>();
  for (const f of SPEC_FIELDS) {
    if (f.cliSpecial) continue;
    const v = takeField(args, f);
    if (v === undefined) continue;
    setPath(spec as unknown as Record<string, unknown>, f.path, v);
    given.add(f.path);
  }
  const def = getMethod(spec.method);
  const params: Record<string, string> = parseParamAssignments(takeAll(args, 'param'));
  // Method flags come from the registry (paramFlags.ts): --balance global is --param balance=global. A param
  // named like a spec flag (EL2N's `epochs`) is reachable only as --param: the flag is the spec's.
  Object.assign(params, takeParamFlags(args, def.params, SELECT_FLAGS));
  spec.params = params;
  const { dataset, customId } = datasetFromArgs(args);
  spec.dataset = dataset;
  spec.customId = customId;
  const { kind, epsilon } = attackFlag(args);
  spec.attack.kind = kind;
  spec.attack.epsilon = epsilon;
  // The step size follows ε (ε/4) unless given.
  if (!given.has('attack.pgdStepSize')) spec.attack.pgdStepSize = defaultStepSize(epsilon);
  return validateSpec(spec);
}

const HELP_COLUMN = 32;

/** One help line (and its continuation lines) in the column layout of the CLI's --help. */
export function helpLine(flags: string, text: string): string {
  const [first, ...more] = text.split('\n');
  const lead = `  ${flags}`;
  const head = lead.length < HELP_COLUMN - 2 ? lead.padEnd(HELP_COLUMN) : `${lead}   `;
  return [head + first, ...more.map((t) => ' '.repeat(HELP_COLUMN) + t)].join('\n') + '\n';
}

function valueOf(f: SchemaField): string {
  if (f.cliValue !== undefined) return f.cliValue;
  switch (f.kind) {
    case 'enum':
      return f.options.join('|');
    case 'boolean':
      return '';
    case 'text':
      return 'TEXT';
    case 'integer':
      return `N in ${rangeText(f)}`;
    case 'number':
      return `X in ${rangeText(f)}`;
  }
}

/** The hand-parsed flags' lines, with the schema's options, ranges and defaults. */
function specialHelp(path: SchemaPath): string {
  if (path === 'dataset') {
    const builtin = SPEC_SCHEMA.dataset.options.filter((d) => d !== 'custom');
    return helpLine(
      `--dataset ${builtin.join('|')}|PATH`,
      `(default ${SPEC_SCHEMA.dataset.default}; radio: synthetic I/Q modulations, SNR −10…18 dB)
PATH: your own data — a ZIP or folder of class folders of PNG / JPEG images,
a CSV (label, pixels…), or an IDX images file with its labels file beside it;
20 % is held out for testing unless the data has train/ and test/ folders`,
    );
  }
  if (path === 'attack.kind') {
    const k = SPEC_SCHEMA['attack.kind'];
    const eps = SPEC_SCHEMA['attack.epsilon'];
    return helpLine(
      '--attack KIND[:EPS]',
      `with --evaluate: adversarial accuracy, KIND ${k.options.join('|')} (default ${k.default}),
ε in ${rangeText(eps)} input units, [0, 1] pixels (default ${eps.default});
on a seeded subset of at most 2000 test rows`,
    );
  }
  return '';
}

/**
 * The spec's flags for --help, one line each with its values, range and default from the
 * schema; `only` picks fields (the rest of the help is the command's own).
 */
export function specFlagsHelp(only: (path: SchemaPath) => boolean = () => true): string {
  const seen = new Set<string>();
  let out = '';
  for (const f of SPEC_FIELDS) {
    if (!only(f.path) || seen.has(f.cliFlag)) continue;
    seen.add(f.cliFlag);
    if (f.cliSpecial) {
      out += specialHelp(f.path);
      continue;
    }
    const value = valueOf(f);
    const dflt = f.kind === 'boolean' ? '' : ` (default ${f.cliDefault ?? String(f.default)})`;
    out += helpLine(`--${f.cliFlag}${value ? ` ${value}` : ''}`, `${f.doc ?? f.label}${dflt}`);
  }
  return out;
}

export function rejectLeftovers(args: ParsedArgs): void {
  const left = [...args.flags.keys()];
  if (left.length) throw new UsageError(`unknown flag --${left[0]} (see --help)`);
}
