/**
 * Coreset Workbench CLI: the same core and ml code as the browser, headless, for batch runs and
 * reproducible numbers. Errors exit non-zero with a one-line reason on stderr.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, parseArgs, takeString, type ParsedArgs } from './args';
import { rejectLeftovers, specFlagsHelp, specFromArgs, SPEC_BOOLEAN_FLAGS } from './spec';
import { toJson } from './json';
import { cnnInputProblem } from '../core/data/modelInput';
import { scoresCommand, SCORES_BOOLEAN_FLAGS, SCORES_HELP } from './scores';
import { swastCommand, SWAST_BOOLEAN_FLAGS, SWAST_HELP } from './swast';
import { fileSignalCache } from './fileSignalCache';
import { nodeSplitProvider } from './nodeData';
import { prepareData } from '../core/data/prepare';
import { keptTruth } from '../core/data/keptTruth';
import { SpecError } from '../core/experiment/spec';
import { UnknownMethodError, describeMethods, getMethod } from '../core/methods/registry';
import { budgetFor } from '../core/budget/budgets';
import { ParamError } from '../core/methods/params';
import { InTrainingMethodError, assertPreTraining } from '../core/methods/inTraining';
import { sslCommand, SSL_HELP } from './ssl';
import { compareCommand, COMPARE_BOOLEAN_FLAGS, COMPARE_HELP } from './compare';
import { BACKENDS, type BackendName } from '../ml/backend';
import { SELECT_FILE_HELP, selectFileCommand } from './selectFile';
import {
  ROUND_TRIP_HELP,
  importedForRun,
  selectionExportOf,
  sourceFields,
  takeRoundTripFlags,
  writeRoundTripFiles,
} from './roundTrip';

const HELP = `Coreset Workbench CLI

usage: npm run cli -- <command> [flags]

commands:
  methods                     print every method with its params schema (JSON)
  select                      select a coreset and write JSON (indices: rows of the training subset;
                              sourceIndices: the same kept rows in the dataset's own numbering)
  scores                      train once with the training-dynamics record and write every per-sample score
  swast                       SWaST: online weight pruning + coreset re-selection; accuracy, densities, FLOPs (JSON)
  ssl                         semi-supervised training with RETRIEVE / random / full pool / supervised (JSON)
  compare                     methods × fractions × seeds side by side (or a paper preset): table, JSON, CSV
  select-file                 select on an embeddings file alone (.npy / CSV, millions of rows): kept rows of the file

select flags:
${specFlagsHelp((p) => p === 'dataset')}  --dataset colour-shapes[:D]   the built-in colour set (32×32×3, 10 classes, difficulty D in 0–1, default 0.5)
  --resize WxH                  resize your own images to one size when they come in several
${specFlagsHelp((p) => p !== 'dataset')}  --param name=value            a method parameter (repeatable); --name value works too
  --evaluate                    also train the model on the coreset and report test accuracy
  --augment                     with --evaluate: random crop (pad 4) + horizontal flip of each training batch (images)
  --backend wasm|cpu|webgl|webgpu   tfjs backend for --evaluate (default wasm)
  --save-model DIR              with --evaluate: write the trained model in TensorFlow.js's format
                                (DIR/model.json + DIR/weights.bin; tf.loadLayersModel reads it)
  --out FILE                    write JSON there instead of stdout
`;

/** Writes the trained model to `dir` as model.json + weights.bin (ml/modelFiles.ts). */
async function modelSaver(
  dir: string,
): Promise<(model: import('@tensorflow/tfjs').LayersModel) => Promise<void>> {
  const { modelFiles } = await import('../ml/modelFiles');
  return async (model) => {
    const files = await modelFiles(model);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.json'), files['model.json']);
    writeFileSync(join(dir, 'weights.bin'), files['weights.bin']);
    console.error(
      `wrote ${dir}/model.json and weights.bin (${files['weights.bin'].length.toLocaleString('en')} bytes)`,
    );
  };
}

async function selectCommand(args: ParsedArgs): Promise<void> {
  const roundTrip = takeRoundTripFlags(args);
  const spec = specFromArgs(args);
  assertPreTraining(getMethod(spec.method));
  const out = takeString(args, 'out');
  const saveModel = takeString(args, 'save-model');
  const backendFlag = takeString(args, 'backend');
  if (backendFlag !== undefined && !(BACKENDS as readonly string[]).includes(backendFlag))
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got "${backendFlag}"`);
  const evaluateToo = args.booleans.has('evaluate');
  if (!evaluateToo && saveModel !== undefined)
    throw new UsageError('--save-model saves the model --evaluate trains: add --evaluate');
  if (!evaluateToo && (spec.attack.kind !== 'none' || spec.attack.trades))
    throw new UsageError('--attack and --trades apply to the trained model: add --evaluate');
  if (!evaluateToo && args.booleans.has('augment'))
    throw new UsageError('--augment applies to training: add --evaluate');
  rejectLeftovers(args);
  const t0 = performance.now();
  const data = await prepareData(spec, nodeSplitProvider());
  const loadMs = performance.now() - t0;
  const cnnProblem = spec.model === 'cnn' ? cnnInputProblem(data.train.shape) : undefined;
  if (cnnProblem && (evaluateToo || getMethod(spec.method).needs.some((n) => n !== 'embeddings')))
    throw new UsageError(`--model cnn: ${cnnProblem}`);
  const imported = importedForRun(roundTrip, spec, data);
  // ml (tfjs) loads only when needed: plain selection stays fast to start.
  const { initNodeBackend } = await import('./nodeBackend');
  const needsBackend = evaluateToo || getMethod(spec.method).needs.length > 0;
  const backend = needsBackend ? await initNodeBackend(backendFlag as BackendName | undefined) : undefined;
  const { runSelection, trainAndEvaluate } = await import('../ml/pipeline');
  const { setPersistentSignalCache } = await import('../ml/signals');
  // Signals (the recorded training run) are cached on disk: reruns reuse them.
  setPersistentSignalCache(fileSignalCache());
  const progress = (phase: string, done: number) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${phase} ${(done * 100).toFixed(0)}%   `);
  };
  const { selection, timings } = await runSelection(data, spec, { onPhase: progress, imported });
  const result: Record<string, unknown> = {
    dataset: spec.dataset === 'toy' ? `toy-${spec.toy.shape}` : spec.dataset,
    method: spec.method,
    params: spec.params,
    fraction: spec.fraction,
    seed: spec.seed,
    trainSize: data.train.labels.length,
    classNames: data.train.classNames,
    // [height, width, channels] for images; null for vectors and sequences.
    imageShape: data.train.shape.length === 3 ? data.train.shape : null,
    budget: selection.indices.length,
    // Adaptive methods (HyperCore) choose their own size: `size` is what was kept,
    // `requestedBudget` what the fraction asked for.
    size: selection.indices.length,
    requestedBudget: budgetFor(spec.fraction, data.train.labels.length),
    indices: Array.from(selection.indices),
    perClassCounts: selection.perClassCounts,
    ...sourceFields(spec, data, selection.indices),
    timings: { loadMs, ...timings },
  };
  if (selection.scores) result.scores = Array.from(selection.scores);
  if (data.truth.noisyMask || data.truth.oodMask) {
    const rowsOf = (m: Uint8Array) => Array.from(m.keys()).filter((i) => m[i] === 1);
    const { noisyKept, oodKept } = keptTruth(data.truth, selection.indices);
    const c: Record<string, unknown> = { ...spec.corruption };
    if (data.truth.noisyMask) {
      c.noisyIndices = rowsOf(data.truth.noisyMask);
      c.noisyKept = noisyKept;
      c.cleanKept = selection.indices.length - (noisyKept ?? 0);
    }
    if (data.truth.oodMask) {
      c.oodIndices = rowsOf(data.truth.oodMask);
      c.oodKept = oodKept;
    }
    result.corruption = c;
  }
  if (evaluateToo) {
    const onTrainedModel = saveModel === undefined ? undefined : await modelSaver(saveModel);
    const o = await trainAndEvaluate(
      data,
      spec,
      selection.indices,
      { onPhase: progress, onTrainedModel },
      { augment: args.booleans.has('augment') },
    );
    Object.assign(result.timings as object, o.timings);
    result.evaluation = {
      model: spec.model,
      epochs: spec.epochs,
      trainBudget: o.trainBudget,
      steps: o.steps,
      augment: args.booleans.has('augment'),
      backend: backend?.name,
      accuracy: o.metrics.accuracy,
      worstClassAccuracy: o.metrics.worstClassAccuracy,
      balancedAccuracy: o.metrics.balancedAccuracy,
      macroF1: o.metrics.macroF1,
      perClassAccuracy: o.metrics.perClassAccuracy,
      ...(o.metrics.perStratum
        ? {
            perStratumAccuracy: Object.fromEntries(
              o.metrics.perStratum.names.map((name, s) => [name, o.metrics.perStratum!.accuracy[s]]),
            ),
            stratum: o.metrics.perStratum.name,
          }
        : {}),
      samplesPerSecond: o.train.samplesPerSecond,
      ...(spec.attack.trades ? { training: 'trades' } : {}),
      ...(o.adversarial
        ? {
            adversarial: o.adversarial,
            adversarialEvaluation: {
              rows: o.adversarialRows,
              of: data.test.labels.length,
              subset:
                o.adversarialRows === data.test.labels.length
                  ? 'full test split'
                  : 'fixed seeded subset of the test split',
              pgdSteps: spec.attack.pgdSteps,
              pgdStepSize: spec.attack.pgdStepSize,
            },
          }
        : {}),
    };
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  for (const line of writeRoundTripFiles(
    roundTrip,
    selectionExportOf(spec, data, selection.indices, selection.scores),
  ))
    console.error(line);
  const json = toJson(result);
  if (out) {
    writeFileSync(out, json + '\n');
    console.error(
      `wrote ${out}: ${selection.indices.length} of ${data.train.labels.length} rows (${spec.method})`,
    );
  } else process.stdout.write(json + '\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(
      argv,
      new Set([
        'evaluate',
        'augment',
        'help',
        ...SPEC_BOOLEAN_FLAGS,
        ...SCORES_BOOLEAN_FLAGS,
        ...SWAST_BOOLEAN_FLAGS,
        ...COMPARE_BOOLEAN_FLAGS,
      ]),
    );
    if (args.booleans.has('help') || args.command === undefined || args.command === 'help') {
      process.stdout.write(
        HELP + ROUND_TRIP_HELP + SELECT_FILE_HELP + SCORES_HELP + SWAST_HELP + SSL_HELP + COMPARE_HELP,
      );
      return args.command === undefined && !args.booleans.has('help') ? 2 : 0;
    }
    switch (args.command) {
      case 'methods':
        rejectLeftovers(args);
        process.stdout.write(JSON.stringify(describeMethods(), null, 2) + '\n');
        return 0;
      case 'select':
        await selectCommand(args);
        return 0;
      case 'select-file':
        await selectFileCommand(args);
        return 0;
      case 'scores':
        await scoresCommand(args);
        return 0;
      case 'swast':
        await swastCommand(args);
        return 0;
      case 'compare':
        await compareCommand(args);
        return 0;
      case 'ssl':
        await sslCommand(args);
        return 0;
      default:
        throw new UsageError(
          `unknown command "${args.command}" (commands: methods, select, select-file, scores, swast, ssl, compare)`,
        );
    }
  } catch (e) {
    const err = e as Error;
    const usage = [UsageError, SpecError, UnknownMethodError, ParamError, InTrainingMethodError].some(
      (k) => err instanceof k,
    );
    const kind = usage ? 'usage' : 'error';
    process.stderr.write(`${kind}: ${err.message}\n`);
    return kind === 'usage' ? 2 : 1;
  }
}

void main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
