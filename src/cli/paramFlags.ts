/**
 * A method's params schema as CLI flags, the same for every command (select, compare and
 * the in-training methods' own commands): each param is `--param name=value` and `--name value`, a camelCase name also
 * `--kebab-case value` (pruneRate is also --prune-rate). The help lines come from the schema
 * too, so defaults and ranges are never written out by hand.
 */
import { takeString, type ParsedArgs } from './args';
import type { ParamSpec } from '../core/methods/params';

/** The flags one param answers to: its name and, when it has capitals, its kebab-case form. */
export function paramFlagNames(name: string): string[] {
  const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return kebab === name ? [name] : [name, kebab];
}

/**
 * Takes every flag of `params` from `args` (skipping names in `skip`, which belong to the
 * command) as name → raw string, for resolveParams to check against the schema.
 */
export function takeParamFlags(
  args: ParsedArgs,
  params: readonly ParamSpec[],
  skip: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) {
    if (skip.has(p.name)) continue;
    for (const flag of paramFlagNames(p.name)) {
      const v = takeString(args, flag);
      if (v !== undefined) out[p.name] = v;
    }
  }
  return out;
}

function valuesOf(p: ParamSpec): string {
  if (p.type === 'enum') return p.options.join('|');
  if (p.type === 'boolean') return 'true|false';
  return p.integer ? `N in ${p.min}..${p.max}` : `X in [${p.min}, ${p.max}]`;
}

/** One help line per param: the flag, its values, the schema's label and default. */
export function paramsHelp(params: readonly ParamSpec[]): string {
  const rows = params.map((p) => {
    const flags = paramFlagNames(p.name);
    return [`  --${flags.at(-1)} ${valuesOf(p)}`, `${p.label ?? p.name} (default ${String(p.default)})`];
  });
  const width = Math.max(30, ...rows.map(([f]) => f!.length + 2));
  return rows.map(([f, text]) => `${f!.padEnd(width)}${text}`).join('\n') + '\n';
}
