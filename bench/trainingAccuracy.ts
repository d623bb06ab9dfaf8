/**
 * Same seed, same-quality model: the colour CNN trained by the hand-written conv step with the
 * SIMD kernels against the tape with the im2col filter gradient (the path before), same data and
 * seed, test accuracy of each (issue "Performance": speed must not cost accuracy). A check to
 * run by hand after changing the step or its kernels:
 *   npx tsx bench/trainingAccuracy.ts [train images] [epochs] [seed]
 */
import { colourSet } from './training';
import { initNodeBackend } from '../src/cli/nodeBackend';
import { setConvStepEnabled } from '../src/ml/convStep';
import { evaluate } from '../src/ml/evaluate';
import { buildModel } from '../src/ml/models';
import { train } from '../src/ml/train';
import { setSimdFilterGradEnabled } from '../src/ml/wasmKernelsConv';

const nums = process.argv.slice(2).map(Number);
const n = nums[0] ?? 1280;
const epochs = nums[1] ?? 4;
const seed = nums[2] ?? 1;
await initNodeBackend('wasm');

const trainSet = colourSet(n, seed);
const testSet = colourSet(1000, seed + 1);
for (const [name, step, simd] of [
  ['tape, im2col filter gradient (before)', false, false],
  ['hand-written conv step, SIMD kernels (now)', true, true],
] as const) {
  setConvStepEnabled(step);
  setSimdFilterGradEnabled(simd);
  const model = buildModel('cnn', { inputShape: [32, 32, 3], numClasses: 10 }, seed);
  const t0 = performance.now();
  const r = await train(model, trainSet, { epochs, batchSize: 64, learningRate: 0.001, seed });
  const ms = performance.now() - t0;
  const m = await evaluate(model, testSet);
  model.dispose();
  const losses = r.epochs.map((e) => e.loss.toFixed(4)).join(' ');
  console.log(
    `${name.padEnd(44)} test accuracy ${(m.accuracy * 100).toFixed(1)}%  train losses ${losses}  (${(ms / 1000).toFixed(0)} s)`,
  );
}
