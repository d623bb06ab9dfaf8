/**
 * `swast`: SWaST (online weight pruning + re-selected coreset) headless, JSON out:
 *
 *   npm run cli -- swast --dataset mnist --train-size 5000 --fraction 0.05 --variant cut \
 *     --prune-rate 0.3 --lambda 0.1 --selector el2n --epochs 10 --seed 1 [--compare] [--out f.json]
 *
 * `--compare` also runs the same setup without state preservation and coreset-only (no
 * pruning), the comparison the UI overlays. Progress (one line per epoch) goes to stderr.
 */
import { writeFileSync } from 'node:fs';
import { UsageError, takeString, type ParsedArgs } from './args';
import { toJson } from './json';
import { paramsHelp } from './paramFlags';
import { nodeSplitProvider } from './nodeData';
import { rejectLeftovers, specFromArgs } from './spec';
import { prepareData } from '../core/data/prepare';
import { swastConfigOf, SWAST_PARAMS } from '../core/methods/swast/swast';
import { swastComparison, type SwastRunResult } from '../core/methods/swast/swastSchedule';
import { overallDensity } from '../core/methods/swast/swastDiagnostics';
import { BACKENDS, type BackendName } from '../ml/backend';

/** Flags of `swast` that take no value: main.ts passes them to parseArgs as booleans. */
export const SWAST_BOOLEAN_FLAGS: readonly string[] = ['compare', 'no-sp'];

export const SWAST_HELP = `swast flags (plus the dataset and training flags of select: --dataset --train-size --model --epochs --batch-size --lr --seed --fraction):
SWaST's params, from its schema (also as --param name=value; in compare: --methods random,swast):
${paramsHelp(SWAST_PARAMS)}  --no-sp                       state preservation off (= --state-preservation false)
  --compare                     also run without state preservation and coreset-only
  --backend wasm|cpu|webgl|webgpu   tfjs backend (default wasm)
  --out FILE                    write JSON there instead of stdout
`;

function report(name: string, r: SwastRunResult): Record<string, unknown> {
  const last = r.history.at(-1);
  return {
    name,
    config: r.config,
    warmupEpochs: r.warmupEpochs,
    budget: r.budget,
    finalAccuracy: r.finalAccuracy,
    accuracyPerEpoch: r.history.map((e) => Number(e.testAccuracy.toFixed(4))),
    trainLossPerEpoch: r.history.map((e) => Number(e.loss.toFixed(4))),
    klLossPerEpoch: r.history.map((e) => Number(e.klLoss.toFixed(5))),
    samplesPerEpoch: r.history.map((e) => e.samples),
    densityPerLayer: Object.fromEntries(r.layers.map((l, i) => [l.name, last?.densities[i] ?? 1])),
    overallDensity: last ? overallDensity(r, last.densities) : 1,
    layers: r.layers,
    flops: r.flops,
    maskUpdates: r.maskUpdates,
    timings: r.timings,
    rounds: r.rounds,
  };
}

export async function swastCommand(args: ParsedArgs): Promise<void> {
  if (args.flags.has('method'))
    throw new UsageError('swast runs the SWaST method; --method is not a flag of this command');
  // SWaST's params come from its schema (specFromArgs: --prune-rate, --param pruneRate=…).
  if (args.booleans.has('no-sp'))
    args.flags.set('param', [...(args.flags.get('param') ?? []), 'statePreservation=false']);
  args.flags.set('method', ['swast']);
  const spec = specFromArgs(args);
  const out = takeString(args, 'out');
  const backendFlag = takeString(args, 'backend');
  if (backendFlag !== undefined && !(BACKENDS as readonly string[]).includes(backendFlag))
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got "${backendFlag}"`);
  rejectLeftovers(args);
  if (spec.dataset === 'toy') throw new UsageError('swast needs an image dataset (mnist or fashion)');
  const config = swastConfigOf(spec.params);

  const t0 = performance.now();
  const data = await prepareData(spec, nodeSplitProvider());
  const loadMs = performance.now() - t0;
  const { initNodeBackend } = await import('./nodeBackend');
  const backend = await initNodeBackend(backendFlag as BackendName | undefined);
  const { runSwast } = await import('../ml/swast');
  const runs: Record<string, unknown>[] = [];
  for (const { name, config: c } of swastComparison(config, args.booleans.has('compare'))) {
    const r = await runSwast(data, spec, c, spec.fraction, {
      onEpoch: (e) =>
        process.stderr.write(
          `[${name}] epoch ${e.epoch + 1}/${spec.epochs} ${e.phase} n=${e.samples} loss ${e.loss.toFixed(3)} ` +
            `test acc ${e.testAccuracy.toFixed(4)} density ${e.densities.map((d) => d.toFixed(2)).join('/')} ${(e.ms / 1000).toFixed(1)} s\n`,
        ),
      onRound: (x) =>
        process.stderr.write(
          `[${name}] round ${x.round + 1}: ${x.size} rows, ${x.changed} new, lowest kept score ${x.threshold.toFixed(3)}\n`,
        ),
    });
    process.stderr.write(
      `[${name}] final accuracy ${r.finalAccuracy.toFixed(4)}, FLOPs ${r.flops.relative.toFixed(3)} of dense full data\n`,
    );
    runs.push(report(name, r));
  }
  const result = {
    command: 'swast',
    dataset: spec.dataset,
    trainSize: data.train.labels.length,
    testSize: data.test.labels.length,
    fraction: spec.fraction,
    model: spec.model,
    epochs: spec.epochs,
    batchSize: spec.batchSize,
    learningRate: spec.learningRate,
    seed: spec.seed,
    backend: backend.name,
    loadMs,
    runs,
  };
  const json = toJson(result);
  if (out) {
    writeFileSync(out, json + '\n');
    console.error(`wrote ${out}`);
  } else process.stdout.write(json + '\n');
}
