/**
 * `ssl`: semi-supervised training with RETRIEVE or a baseline (random subset, full pool,
 * supervised only) on a labeled / unlabeled split, the same loop as the browser panel:
 *
 *   npm run cli -- ssl --dataset mnist --labels-per-class 10 --unlabeled 10000 --ood 0.5 \
 *     --algorithm fixmatch --method retrieve,random,full --fraction 0.1 --rounds-every 5 \
 *     --epochs 30 --seed 1 --out ssl.json
 *
 * `--method` takes a comma-separated list: the methods run in sequence on the same split.
 * RETRIEVE's own flags (--algorithm, --rounds-every, --warm-start, --gradients, --epsilon, or
 * --param name=value) come from its params schema in the registry. Progress goes to stderr, JSON to stdout or --out.
 */
import { writeFileSync } from 'node:fs';
import { UsageError, takeAll, takeNumber, takeString, type ParsedArgs } from './args';
import { paramsHelp, takeParamFlags } from './paramFlags';
import { toJson } from './json';
import { nodeSplitProvider } from './nodeData';
import { rejectLeftovers } from './spec';
import { countMarked } from '../core/data/keptTruth';
import { prepareSslData } from '../core/data/sslSplit';
import {
  DEFAULT_SSL_SPEC,
  SSL_METHODS,
  validateSslSpec,
  type SslMethod,
  type SslRunResult,
  type SslSpec,
} from '../core/experiment/sslSpec';
import { parseParamAssignments, resolveParams } from '../core/methods/params';
import { retrieveConfigOf, retrieveMethod } from '../core/methods/retrieve/retrieve';
import { BACKENDS, type BackendName } from '../ml/backend';

export const SSL_HELP = `ssl flags (semi-supervised training with RETRIEVE and its baselines):
  --dataset mnist|fashion       (default mnist; OOD images come from the other one)
  --labels-per-class N          labeled images per class (default 10)
  --unlabeled N                 unlabeled pool size (default 10000)
  --ood R                       share of the pool replaced by OOD images (default 0.5)
  --imbalance RHO               long-tail ratio over the pool's classes (default 1)
  --method LIST                 retrieve|random|full|supervised, comma-separated to run several (default retrieve)
RETRIEVE's params, from its schema (in compare: --methods random,retrieve, semi-supervised):
${paramsHelp(retrieveMethod.params)}  --fraction F                  subset share of the pool for retrieve / random (default 0.1)
  --epochs N --model linear|mlp|cnn --lr X --labeled-batch N --unlabeled-batch N
  --test-size N                 test images scored after every epoch (default 2000)
  --seed N --backend wasm|cpu|webgl|webgpu --out FILE
`;

function round(v: number, digits = 4): number {
  return Number(v.toFixed(digits));
}

/** 20-bin histogram of the picks' gains: what the UI's gain histogram shows. */
function gainSummary(g: Float32Array): Record<string, unknown> {
  const sorted = Float32Array.from(g).sort();
  const lo = sorted[0] ?? 0;
  const hi = sorted[sorted.length - 1] ?? 0;
  const bins = new Array<number>(20).fill(0);
  for (const v of g) bins[Math.min(19, Math.floor(((v - lo) / (hi - lo || 1)) * 20))]! += 1;
  return {
    min: round(lo, 6),
    median: round(sorted[Math.floor(sorted.length / 2)] ?? 0, 6),
    max: round(hi, 6),
    positiveShare: round(g.filter((v) => v > 0).length / Math.max(1, g.length)),
    histogram: bins,
  };
}

export function summarizeRun(r: SslRunResult): Record<string, unknown> {
  return {
    method: r.spec.method,
    algorithm: r.spec.algorithm,
    gradients: r.spec.method === 'retrieve' ? r.spec.gradients : undefined,
    finalAccuracy: round(r.finalAccuracy),
    bestAccuracy: round(Math.max(...r.epochs.map((e) => e.testAccuracy))),
    timings: {
      trainingMs: Math.round(r.timings.trainingMs),
      selectionMs: Math.round(r.timings.selectionMs),
      trainPlusSelectMs: Math.round(r.timings.trainingMs + r.timings.selectionMs),
      evaluationMs: Math.round(r.timings.evaluationMs),
      totalMs: Math.round(r.timings.totalMs),
    },
    meanOodShare: r.rounds.length
      ? round(r.rounds.reduce((a, x) => a + x.oodShare, 0) / r.rounds.length)
      : undefined,
    rounds: r.rounds.map((x) => ({
      round: x.round,
      epoch: x.epoch,
      size: x.size,
      oodShare: round(x.oodShare),
      classMix: x.classMix,
      poolMaskRate: x.poolMaskRate !== undefined ? round(x.poolMaskRate) : undefined,
      labeledLossBefore: x.labeledLossBefore !== undefined ? round(x.labeledLossBefore) : undefined,
      labeledLossAfter: x.labeledLossAfter !== undefined ? round(x.labeledLossAfter) : undefined,
      gains: x.gains ? gainSummary(x.gains) : undefined,
      gradientsMs: Math.round(x.gradientsMs),
      greedyMs: Math.round(x.greedyMs),
    })),
    epochs: r.epochs.map((e) => ({
      epoch: e.epoch,
      testAccuracy: round(e.testAccuracy),
      elapsedMs: Math.round(e.elapsedMs),
      labeledLoss: round(e.labeledLoss),
      unlabeledLoss: round(e.unlabeledLoss),
      maskRate: round(e.maskRate),
      steps: e.steps,
    })),
  };
}

export async function sslCommand(args: ParsedArgs): Promise<void> {
  const d = DEFAULT_SSL_SPEC;
  const given = {
    ...parseParamAssignments(takeAll(args, 'param')),
    ...takeParamFlags(args, retrieveMethod.params),
  };
  const config = retrieveConfigOf(resolveParams(retrieveMethod.params, given, retrieveMethod.name));
  const methods = (takeString(args, 'method') ?? d.method).split(',').map((m) => m.trim());
  for (const m of methods)
    if (!(SSL_METHODS as readonly string[]).includes(m))
      throw new UsageError(`--method must list ${SSL_METHODS.join(', ')}; got "${m}"`);
  const base: SslSpec = {
    dataset: (takeString(args, 'dataset') ?? d.dataset) as SslSpec['dataset'],
    labelsPerClass: takeNumber(args, 'labels-per-class') ?? d.labelsPerClass,
    unlabeled: takeNumber(args, 'unlabeled') ?? d.unlabeled,
    ood: takeNumber(args, 'ood') ?? d.ood,
    imbalance: takeNumber(args, 'imbalance') ?? d.imbalance,
    ...config,
    method: methods[0] as SslMethod,
    fraction: takeNumber(args, 'fraction') ?? d.fraction,
    epochs: takeNumber(args, 'epochs') ?? d.epochs,
    model: (takeString(args, 'model') ?? d.model) as SslSpec['model'],
    learningRate: takeNumber(args, 'lr') ?? d.learningRate,
    labeledBatch: takeNumber(args, 'labeled-batch') ?? d.labeledBatch,
    unlabeledBatch: takeNumber(args, 'unlabeled-batch') ?? d.unlabeledBatch,
    testSize: takeNumber(args, 'test-size') ?? d.testSize,
    seed: takeNumber(args, 'seed') ?? d.seed,
  };
  validateSslSpec(base);
  const out = takeString(args, 'out');
  const backendFlag = takeString(args, 'backend');
  if (backendFlag !== undefined && !(BACKENDS as readonly string[]).includes(backendFlag))
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got "${backendFlag}"`);
  rejectLeftovers(args);
  const t0 = performance.now();
  const data = await prepareSslData(base, nodeSplitProvider());
  const loadMs = performance.now() - t0;
  const { initNodeBackend } = await import('./nodeBackend');
  const backend = await initNodeBackend(backendFlag as BackendName | undefined);
  const { runSsl } = await import('../ml/ssl/loop');
  const runs: Record<string, unknown>[] = [];
  for (const method of methods) {
    const spec = { ...base, method: method as SslMethod };
    console.error(
      `ssl: ${method} (${spec.algorithm}, f = ${spec.fraction}, ${spec.epochs} epochs) on ${backend.name}`,
    );
    const r = await runSsl(data, spec, {
      onEpoch: (e) =>
        console.error(
          `  epoch ${e.epoch + 1}/${spec.epochs}: test acc ${(e.testAccuracy * 100).toFixed(1)}%, ${(e.elapsedMs / 1000).toFixed(1)} s, mask ${(e.maskRate * 100).toFixed(0)}%`,
        ),
      onRound: (x) =>
        console.error(
          `  round ${x.round + 1} @ epoch ${x.epoch + 1}: OOD share ${(x.oodShare * 100).toFixed(1)}%`,
        ),
    });
    runs.push(summarizeRun(r));
  }
  const result = {
    command: 'ssl',
    setup: { ...base, method: methods },
    labeledSize: data.labeled.labels.length,
    unlabeledSize: data.unlabeled.labels.length,
    oodInPool: countMarked(data.oodMask) ?? 0,
    testSize: data.test.labels.length,
    backend: backend.name,
    loadMs: Math.round(loadMs),
    runs,
  };
  const json = toJson(result);
  const line = runs
    .map(
      (r) =>
        `${String(r.method)}: acc ${String(r.finalAccuracy)}, ${((r.timings as { trainPlusSelectMs: number }).trainPlusSelectMs / 1000).toFixed(1)} s${r.meanOodShare !== undefined ? `, OOD share ${String(r.meanOodShare)}` : ''}`,
    )
    .join('; ');
  if (out) {
    writeFileSync(out, json + '\n');
    console.error(`wrote ${out}: ${line}`);
  } else {
    process.stdout.write(json + '\n');
    console.error(line);
  }
}
