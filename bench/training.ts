/**
 * Training throughput against a native peer (issue "Performance"): the MLP and the grey CNN on
 * MNIST 5k, the colour CNN on 640 images of the built-in 32×32×3 colour set, batch 64, Adam,
 * with our lean loop on tfjs wasm in Node, and the same models in PyTorch on one CPU thread of
 * the same machine (bench/torchPeer.ts), in the same run. Samples/s of warm epochs (epoch 1 warms
 * up; a round's figure is the median of the later ones); three rounds alternate the two sides,
 * each side's figure is the median of its rounds. PyTorch is optional (the interpreter that has
 * it is found by bench/python.ts, or named by TORCH_PYTHON): without it the peer column says so.
 * `--only=mlp|cnn|colour-cnn` runs one workload, `--rounds=N` sets the alternating rounds (3).
 *   npx tsx bench/training.ts [--quick] [--only=colour-cnn] [--rounds=5]
 */
import { median } from './stats';
import { cpuLine } from './machine';
import { describePython } from './python';
import { torchRate, type BenchModel } from './torchPeer';
import { COLOUR_SHAPES_CLASSES, makeColourShapes } from '../src/core/data/colourShapes';
import { subsetDataset, type Dataset } from '../src/core/data/dataset';
import { loadImageSplit } from '../src/core/data/sources';
import { stratifiedSubset } from '../src/core/data/split';
import type { ModelKind } from '../src/core/experiment/spec';
import { createRng } from '../src/core/math/rng';
import { nodeAssetLoader } from '../src/cli/nodeData';
import { initNodeBackend } from '../src/cli/nodeBackend';
import { buildModel } from '../src/ml/models';
import { train } from '../src/ml/train';
import { setHeapAdamEnabled } from '../src/ml/adam';
import { setDenseStepEnabled } from '../src/ml/denseStep';
import { setConvStepEnabled } from '../src/ml/convStep';
import { setSimdFilterGradEnabled } from '../src/ml/wasmKernelsConv';

async function ours(
  kind: ModelKind,
  ds: Dataset,
  epochs: number,
  batchSize: number,
  pick: 'median' | 'fastest' = 'median',
): Promise<number> {
  const model = buildModel(kind, { inputShape: ds.shape, numClasses: ds.numClasses }, 1);
  const rates: number[] = [];
  try {
    await train(model, ds, {
      epochs,
      batchSize,
      learningRate: 0.001,
      seed: 1,
      onEpoch: (r) => void rates.push(ds.labels.length / (r.ms / 1000)),
    });
  } finally {
    model.dispose();
  }
  const warm = rates.slice(1).sort((a, b) => a - b);
  return pick === 'fastest' ? warm[warm.length - 1]! : warm[Math.floor(warm.length / 2)]!;
}

/**
 * For CI's regression check: the lean MLP step (hand-written backward + heap Adam) against the
 * tape + tf.train.adam step it replaced, same run, MNIST 2k, batch 64; three alternating rounds,
 * the fastest warm epoch of each side (other work on a shared machine only ever slows an epoch
 * down). Returns time per sample, lean / tape (about 0.6 on the development machine).
 */
export async function leanStepRatio(): Promise<number> {
  await initNodeBackend('wasm');
  const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
  const ds = subsetDataset(full, stratifiedSubset(full.labels, 10, 2000, createRng(1)), 'MNIST 2000');
  let lean = 0;
  let tape = 0;
  for (let round = 0; round < 3; round++) {
    lean = Math.max(lean, await ours('mlp', ds, 4, 64, 'fastest'));
    setDenseStepEnabled(false);
    setHeapAdamEnabled(false);
    try {
      tape = Math.max(tape, await ours('mlp', ds, 4, 64, 'fastest'));
    } finally {
      setDenseStepEnabled(true);
      setHeapAdamEnabled(true);
    }
  }
  return tape / lean;
}

/**
 * For CI's regression check: the colour CNN's hand-written step with the SIMD filter-gradient
 * kernel against the tape with the im2col filter gradient it replaced (src/ml/convStep.ts,
 * wasm/heapKernels.wat), same run, 256 colour images, batch 64, two alternating rounds, the
 * fastest warm epoch of each. Returns time per sample, now / before (about 0.45 here).
 */
export async function convStepRatio(): Promise<number> {
  await initNodeBackend('wasm');
  const colour = colourSet(256);
  let now = 0;
  let before = 0;
  for (let round = 0; round < 2; round++) {
    now = Math.max(now, await ours('cnn', colour, 3, 64, 'fastest'));
    setConvStepEnabled(false);
    setSimdFilterGradEnabled(false);
    try {
      before = Math.max(before, await ours('cnn', colour, 3, 64, 'fastest'));
    } finally {
      setConvStepEnabled(true);
      setSimdFilterGradEnabled(true);
    }
  }
  return before / now;
}

/** The bench's three workloads: grey MNIST for the MLP and the CNN, the colour set for the colour CNN. */
function workloads(mnist: Dataset, colour: Dataset): { model: BenchModel; ds: Dataset; epochs: number }[] {
  return [
    { model: 'mlp', ds: mnist, epochs: 4 },
    { model: 'cnn', ds: mnist, epochs: 3 },
    { model: 'colour-cnn', ds: colour, epochs: 3 },
  ];
}

/** The built-in colour set (32×32×3 shapes) as a data set, `n` images. */
export function colourSet(n: number, seed = 1): Dataset {
  const { pixels, labels } = makeColourShapes({ n, seed, difficulty: 0.5 });
  return {
    id: 'custom',
    name: `colour shapes ${n}`,
    x: pixels,
    scale: 1 / 255,
    shape: [32, 32, 3],
    labels,
    numClasses: 10,
    classNames: COLOUR_SHAPES_CLASSES,
  };
}

export async function runTrainingBench(quick = false): Promise<void> {
  const backend = await initNodeBackend('wasm');
  const full = await loadImageSplit('mnist', 'train', nodeAssetLoader);
  const n = quick ? 2000 : 5000;
  const mnist = subsetDataset(full, stratifiedSubset(full.labels, 10, n, createRng(1)), `MNIST ${n}`);
  const colour = colourSet(quick ? 256 : 640);
  const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = flag('only');
  const rounds = Number(flag('rounds') ?? (quick ? 1 : 3));
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`--rounds must be a whole number ≥ 1`);
  const batchSize = 64;
  console.log(
    `\n== Training throughput: ours (tfjs ${backend.name}, Node) vs PyTorch, 1 CPU thread, same data, batch ${batchSize} ==`,
  );
  console.log(`(${cpuLine()}; ${rounds} alternating rounds, each side's figure the median of its rounds)`);
  const jobs = workloads(mnist, colour).filter((j) => !only || j.model === only);
  if (!jobs.length) throw new RangeError(`--only takes mlp, cnn or colour-cnn, not ${only}`);
  const ourRates = jobs.map(() => [] as number[]);
  const peerRates = jobs.map(() => [] as number[]);
  let version: string | undefined;
  for (let round = 0; round < rounds; round++) {
    for (const [i, job] of jobs.entries()) {
      // Alternate who goes first so a slow spell of a shared machine does not land on one side.
      const sides = round % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
      for (const side of sides) {
        if (side === 'ours') {
          const kind = job.model === 'mlp' ? 'mlp' : 'cnn';
          ourRates[i]!.push(await ours(kind, job.ds, job.epochs, batchSize));
        } else {
          const p = torchRate(job.model, job.ds, job.epochs, batchSize);
          if (p) {
            version = p.version;
            peerRates[i]!.push(p.samplesPerSecond);
          }
        }
      }
    }
  }
  console.log(
    'model       data               batch  ours samples/s  PyTorch samples/s  ratio (PyTorch / ours)   rounds ours | PyTorch',
  );
  for (const [i, job] of jobs.entries()) {
    const r = median(ourRates[i]!);
    const p = peerRates[i]!.length ? median(peerRates[i]!) : undefined;
    const each = `${ourRates[i]!.map((x) => x.toFixed(0)).join(' / ')} | ${peerRates[i]!.map((x) => x.toFixed(0)).join(' / ') || '—'}`;
    console.log(
      `${job.model.padEnd(11)} ${job.ds.name.padEnd(18)} ${String(batchSize).padStart(5)}  ${r.toFixed(0).padStart(14)}  ${p ? p.toFixed(0).padStart(17) : 'not installed'.padStart(17)}  ${p ? (p / r).toFixed(2).padStart(22) : ''.padStart(22)}   ${each}`,
    );
  }
  if (version) console.log(`(PyTorch peer: ${describePython('torch')}, torch.set_num_threads(1))`);
  else console.log(`(PyTorch peer: ${describePython('torch')})`);
  if (quick) return;
  if (jobs.some((j) => j.model === 'colour-cnn')) await colourLevers(colour);
  if (!jobs.some((j) => j.model === 'mlp')) return;
  // The MLP's levers one by one (batch 64): what each part of the lean step is worth. Rounds
  // alternate the variants so that a slow spell of a shared machine does not land on one of them.
  console.log('\nMLP levers, batch 64 (median of 3 alternating rounds)   samples/s');
  const levers: [string, boolean, boolean][] = [
    ['tape + tf.train.adam (before)', false, false],
    ['tape + heap Adam', false, true],
    ['hand-written step + tf.train.adam', true, false],
    ['hand-written step + heap Adam (now)', true, true],
  ];
  const rates = levers.map(() => [] as number[]);
  for (let round = 0; round < 3; round++) {
    for (const [i, [, dense, heap]] of levers.entries()) {
      setDenseStepEnabled(dense);
      setHeapAdamEnabled(heap);
      try {
        rates[i]!.push(await ours('mlp', mnist, 4, 64));
      } finally {
        setDenseStepEnabled(true);
        setHeapAdamEnabled(true);
      }
    }
  }
  for (const [i, [name]] of levers.entries()) {
    const r = rates[i]!.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(52)} ${r[1]!.toFixed(0).padStart(8)}   (${r.map((x) => x.toFixed(0)).join(' / ')})`,
    );
  }
}

/**
 * The colour CNN's levers (batch 64, same run, alternating): the tape with the im2col filter
 * gradient (the path before), the tape with the SIMD filter gradient, and the hand-written step.
 * The Sum and MaxPoolGrad heap kernels are on in all three.
 */
async function colourLevers(colour: Dataset): Promise<void> {
  console.log('\nColour CNN levers, batch 64 (median of 3 alternating rounds)        samples/s');
  const levers: [string, boolean, boolean][] = [
    ['tape, im2col + BatchMatMul filter gradient (before)', false, false],
    ['tape, SIMD filter gradient', false, true],
    ['hand-written conv step, SIMD filter gradient (now)', true, true],
  ];
  const rates = levers.map(() => [] as number[]);
  for (let round = 0; round < 3; round++) {
    for (const [i, [, step, simd]] of levers.entries()) {
      setConvStepEnabled(step);
      setSimdFilterGradEnabled(simd);
      try {
        rates[i]!.push(await ours('cnn', colour, 3, 64));
      } finally {
        setConvStepEnabled(true);
        setSimdFilterGradEnabled(true);
      }
    }
  }
  for (const [i, [name]] of levers.entries()) {
    const r = rates[i]!;
    console.log(
      `${name.padEnd(60)} ${median(r).toFixed(0).padStart(8)}   (${r.map((x) => x.toFixed(0)).join(' / ')})`,
    );
  }
}

if (process.argv[1]?.endsWith('training.ts')) {
  await runTrainingBench(process.argv.includes('--quick'));
}
