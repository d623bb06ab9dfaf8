/**
 * A small, strict flag parser: every flag is declared, values are checked, and anything unknown
 * is an error naming the flag — no silent defaults for typos.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  command: string | undefined;
  flags: Map<string, string[]>;
  booleans: Set<string>;
}

/** `booleanFlags` take no value; every other `--name` takes the next argument (or `--name=value`). */
export function parseArgs(argv: readonly string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const flags = new Map<string, string[]>();
  const booleans = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      if (command === undefined) command = a;
      else throw new UsageError(`unexpected argument "${a}"`);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!name) throw new UsageError(`empty flag "${a}"`);
    if (booleanFlags.has(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      booleans.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    const list = flags.get(name) ?? [];
    list.push(value);
    flags.set(name, list);
  }
  return { command, flags, booleans };
}

export function takeString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (!v) return undefined;
  if (v.length > 1) throw new UsageError(`--${name} given ${v.length} times`);
  args.flags.delete(name);
  return v[0];
}

export function takeNumber(args: ParsedArgs, name: string): number | undefined {
  const s = takeString(args, name);
  if (s === undefined) return undefined;
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got "${s}"`);
  return v;
}

export function takeAll(args: ParsedArgs, name: string): string[] {
  const v = args.flags.get(name) ?? [];
  args.flags.delete(name);
  return v;
}
