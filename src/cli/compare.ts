/**
 * `compare`: methods × fractions × seeds side by side through the shared experiment runner
 * (core/experiment/runner.ts with ml/executor.ts), one row per cell plus mean ± std:
 *
 *   npm run cli -- compare --dataset mnist --train-size 5000 --methods random,el2n,ccs \
 *     --fractions 0.05,0.1,0.3 --seeds 3 --model mlp --epochs 5 [--noise 0.2] [--attack fgsm:0.1] \
 *     --out results.json [--csv results.csv] [--summary-csv summary.csv] [--preset NAME]
 *
 * A preset supplies the whole plan; any flag given on the command line overrides its field.
 */
import { writeFileSync } from 'node:fs';
import { UsageError, takeAll, takeNumber, takeString, type ParsedArgs } from './args';
import { compareReport, phaseTotals } from './compareReport';
import { takeParamFlags } from './paramFlags';
import { toJson } from './json';
import { nodeSplitProvider } from './nodeData';
import { fileSignalCache } from './fileSignalCache';
import { SPEC_FLAG_NAMES, rejectLeftovers, specFlagsOf, specFromArgs } from './spec';
import {
  expandPlan,
  planBaselines,
  planFromSpec,
  type ExperimentPlan,
  type PlanMethod,
} from '../core/experiment/plan';
import { PRESETS, getPreset, type Preset } from '../core/experiment/presets';
import { recordsCsv, summaryCsv } from '../core/experiment/csv';
import { summarize } from '../core/experiment/records';
import type { PlanProgress } from '../core/experiment/runner';
import { METHODS } from '../core/methods/registry';
import type { ParamValues } from '../core/methods/params';
import { BACKENDS, type BackendName } from '../ml/backend';

export const COMPARE_BOOLEAN_FLAGS: readonly string[] = ['no-reference', 'no-cache'];

export const COMPARE_HELP = `compare flags (plus the dataset, corruption, training and --attack flags of select):
  --methods a,b,c               method ids (see \`methods\`), both kinds: in-training ones run their own loop
                                and their rows name the setting they trained in; unknown ones are skipped
  --fractions 0.05,0.1,0.3      coreset fractions
  --seeds N                     seeds --seed, --seed+1, … (default 1 seed)
  --train-budget epochs|steps|converge   how long each coreset trains (default steps: as many
                                optimizer steps as the full-data run; epochs: as many passes;
                                converge: early stopping on 10% of the coreset held out)
  --param [method.]name=value   a method parameter (repeatable); without "method." it applies to every method that has it
  --preset NAME|list            a paper's headline setting in miniature (flags given override its fields)
  --no-reference                skip the full-data reference training per (dataset, corruption, seed)
  --no-cache                    keep signals in memory only (do not read or write .cache/signals): honest timings
  --backend wasm|cpu|webgl|webgpu   tfjs backend (default wasm)
  --out FILE                    JSON (plan, records, mean ± std, timings); stdout when absent
  --csv FILE --summary-csv FILE one row per cell / per method × fraction (columns in README "CSV columns")
`;

function list(raw: string, flag: string): string[] {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new UsageError(`--${flag} needs a comma-separated list`);
  return items;
}

function numbers(raw: string, flag: string): number[] {
  return list(raw, flag).map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v)) throw new UsageError(`--${flag}: "${s}" is not a number`);
    return v;
  });
}

/** `--param ccs.beta=0.2` (one method) or `--param beta=0.2` (every method with a `beta`); edits `methods`. */
function applyParams(methods: PlanMethod[], assignments: string[], args: ParsedArgs): PlanMethod[] {
  const paramsOf = (id: string) => METHODS.find((d) => d.id === id)?.params ?? [];
  const withParam = (name: string, only?: string) =>
    methods.filter(
      (m) => (only === undefined || m.id === only) && paramsOf(m.id).some((p) => p.name === name),
    );
  const set = (m: PlanMethod, name: string, value: string) => {
    m.params = { ...(m.params ?? {}), [name]: value } as ParamValues;
  };
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects [method.]name=value, got "${a}"`);
    const key = a.slice(0, eq);
    const dot = key.lastIndexOf('.');
    const only = dot > 0 ? key.slice(0, dot) : undefined;
    const name = dot > 0 ? key.slice(dot + 1) : key;
    const targets = withParam(name, only);
    if (!targets.length) throw new UsageError(`--param ${key}: no selected method has a parameter "${name}"`);
    for (const m of targets) set(m, name, a.slice(eq + 1));
  }
  // Method flags from the registry: --balance global sets balance on every method that has it.
  // A param named like a spec flag (EL2N's `epochs`) is reachable through --param only.
  const all = new Map(methods.flatMap((m) => paramsOf(m.id).map((p) => [p.name, p] as const)));
  for (const [name, v] of Object.entries(takeParamFlags(args, [...all.values()], SPEC_FLAGS)))
    for (const m of withParam(name)) set(m, name, v);
  return methods;
}

/** Flags specFromArgs reads: never taken as a method parameter. */
const SPEC_FLAGS = new Set([...SPEC_FLAG_NAMES, 'param']);

const given = (args: ParsedArgs, ...flags: string[]) =>
  flags.some((f) => args.flags.has(f) || args.booleans.has(f));

/** The plan from flags, over the preset's when one is named. */
export function planFromArgs(args: ParsedArgs): { plan: ExperimentPlan; preset?: Preset } {
  const presetId = takeString(args, 'preset');
  let preset: Preset | undefined;
  try {
    preset = presetId === undefined ? undefined : getPreset(presetId);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  for (const f of ['method', 'fraction'])
    if (args.flags.has(f)) throw new UsageError(`compare takes --${f}s (a comma-separated list), not --${f}`);
  const methodsRaw = takeString(args, 'methods');
  const fractionsRaw = takeString(args, 'fractions');
  const seedCount = takeNumber(args, 'seeds');
  const assignments = takeAll(args, 'param');
  const chosen: PlanMethod[] =
    methodsRaw !== undefined
      ? list(methodsRaw, 'methods').map((id) => ({ id }))
      : preset
        ? structuredClone(preset.plan.methods)
        : [{ id: 'random' }];
  const methods = applyParams(chosen, assignments, args);
  const flags = {
    dataset: given(args, ...specFlagsOf('dataset', 'trainSize', 'toy')),
    corruption: given(args, ...specFlagsOf('corruption')),
    model: given(args, ...specFlagsOf('model')),
    epochs: given(args, ...specFlagsOf('epochs')),
    trainBudget: given(args, ...specFlagsOf('trainBudget')),
    batchSize: given(args, ...specFlagsOf('batchSize')),
    lr: given(args, ...specFlagsOf('learningRate')),
    attack: given(args, ...specFlagsOf('attack')),
    seed: given(args, ...specFlagsOf('seed')),
  };
  const spec = specFromArgs(args);
  if (seedCount !== undefined && !(Number.isInteger(seedCount) && seedCount >= 1 && seedCount <= 100))
    throw new UsageError(`--seeds must be a whole number of seeds in 1..100, got ${seedCount}`);
  const seedsFrom = (n: number) => Array.from({ length: n }, (_, i) => spec.seed + i);
  const fromSpec = planFromSpec(spec, {});
  const base: ExperimentPlan = preset ? structuredClone(preset.plan) : { ...fromSpec, methods: [] };
  const plan: ExperimentPlan = {
    ...base,
    methods,
    fractions:
      fractionsRaw !== undefined ? numbers(fractionsRaw, 'fractions') : preset ? base.fractions : [0.1],
    seeds:
      seedCount !== undefined
        ? seedsFrom(seedCount)
        : preset && !flags.seed
          ? base.seeds
          : seedsFrom(preset ? base.seeds.length : 1),
  };
  if (!preset || flags.dataset) plan.datasets = fromSpec.datasets;
  if (!preset || flags.corruption) plan.corruptions = fromSpec.corruptions;
  if (!preset || flags.model) plan.model = spec.model;
  if (!preset || flags.epochs) plan.epochs = spec.epochs;
  if (!preset || flags.trainBudget) plan.trainBudget = spec.trainBudget;
  if (!preset || flags.batchSize) plan.batchSize = spec.batchSize;
  if (!preset || flags.lr) plan.learningRate = spec.learningRate;
  if (!preset || flags.attack) plan.attack = spec.attack;
  return { plan, preset };
}

function progressLine(p: PlanProgress): string {
  const msg = p.message ? ` · ${p.message}` : '';
  return `[${Math.min(p.cell + 1, p.cells)}/${p.cells} ${(p.overall * 100).toFixed(0)}%] ${p.label} · ${p.phase} ${(p.done * 100).toFixed(0)}%${msg}`;
}

export async function compareCommand(args: ParsedArgs): Promise<void> {
  if (args.flags.get('preset')?.[0] === 'list') {
    process.stdout.write(PRESETS.map((p) => `${p.id.padEnd(24)} ${p.name}`).join('\n') + '\n');
    return;
  }
  const { plan, preset } = planFromArgs(args);
  const out = takeString(args, 'out');
  const csv = takeString(args, 'csv');
  const summaryCsvPath = takeString(args, 'summary-csv');
  const backendFlag = takeString(args, 'backend');
  if (backendFlag !== undefined && !(BACKENDS as readonly string[]).includes(backendFlag))
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got "${backendFlag}"`);
  const reference = !args.booleans.has('no-reference');
  const useCache = !args.booleans.has('no-cache');
  rejectLeftovers(args);
  const expanded = expandPlan(plan); // validates before the backend starts
  for (const s of expanded.skipped) console.error(`skipping ${s.label}: ${s.reason}`);
  if (!expanded.cells.length) throw new UsageError('nothing to run: every method of the plan was skipped');
  if (preset) console.error(`preset ${preset.id}: ${preset.name}\npaper reported: ${preset.claim}`);

  const { initNodeBackend } = await import('./nodeBackend');
  const backend = await initNodeBackend(backendFlag as BackendName | undefined);
  const { setPersistentSignalCache } = await import('../ml/signals');
  const { createExecutor } = await import('../ml/executor');
  const { runPlan } = await import('../core/experiment/runner');
  setPersistentSignalCache(useCache ? fileSignalCache() : undefined);
  const tty = process.stderr.isTTY;
  let last = 0;
  const result = await runPlan(plan, createExecutor(nodeSplitProvider()), {
    reference,
    now: () => performance.now(),
    onProgress: (p) => {
      const now = performance.now();
      if (!tty || now - last < 100) return;
      last = now;
      process.stderr.write(`\r\x1b[K${progressLine(p)}`.slice(0, (process.stderr.columns ?? 120) + 4));
    },
    onReference: (r) => {
      if (tty) process.stderr.write('\r\x1b[K');
      console.error(
        `reference seed ${r.seed} (${r.corruption}): acc ${(r.accuracy * 100).toFixed(1)}%, trained in ${(r.trainingMs / 1000).toFixed(2)} s`,
      );
    },
    onRecord: (r) => {
      if (tty) process.stderr.write('\r\x1b[K');
      const what =
        r.status === 'ok'
          ? `acc ${(r.accuracy * 100).toFixed(1)}%, ${r.coresetSize} rows`
          : `failed: ${r.error}`;
      console.error(
        `[${r.cell + 1}/${expanded.cells.length}] ${r.label} f=${r.fraction} seed ${r.seed}: ${what}`,
      );
    },
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const summary = summarize(result.records, { baselines: planBaselines(plan) });
  const report = compareReport(result, planBaselines(plan));
  const json = toJson({
    command: 'compare',
    preset: preset
      ? { id: preset.id, name: preset.name, paper: preset.paper, claim: preset.claim, lookAt: preset.lookAt }
      : undefined,
    plan,
    backend: backend.name,
    cells: expanded.cells.length,
    skipped: result.skipped,
    errors: result.errors,
    timings: phaseTotals(result),
    references: result.references,
    records: result.records,
    summary,
  });
  if (csv) writeFileSync(csv, recordsCsv(result.records));
  if (summaryCsvPath) writeFileSync(summaryCsvPath, summaryCsv(summary));
  if (out) {
    writeFileSync(out, json + '\n');
    process.stdout.write(report);
    if (preset)
      process.stdout.write(
        `\npaper reported (${preset.paper}): ${preset.claim}\nlook at: ${preset.lookAt}\n`,
      );
    console.error(`wrote ${[out, csv, summaryCsvPath].filter(Boolean).join(', ')}`);
  } else {
    process.stdout.write(json + '\n');
    process.stderr.write(report);
  }
}
