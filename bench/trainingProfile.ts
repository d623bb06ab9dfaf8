/**
 * Where one warm colour-CNN training step goes (issue "Performance", the colour CNN's 2× goal):
 * the lean loop's step on tfjs wasm in Node, batch 64, 32×32×3 colour shapes; per-kernel times
 * from tf.profile summed over several warm steps, plus the step's wall time.
 * `--im2col`: the filter gradient as im2col + BatchMatMul (the path before the SIMD kernel);
 * `--tape`: the gradient tape instead of the hand-written conv step.
 *   npx tsx bench/trainingProfile.ts [steps] [--im2col] [--tape]
 */
import * as tf from '@tensorflow/tfjs';
import { colourSet } from './training';
import type { Dataset } from '../src/core/data/dataset';
import { initNodeBackend } from '../src/cli/nodeBackend';
import { buildModel } from '../src/ml/models';
import { train } from '../src/ml/train';
import { setConvStepEnabled } from '../src/ml/convStep';
import { setSimdFilterGradEnabled } from '../src/ml/wasmKernelsConv';
import { cpuLine } from './machine';

const steps = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
await initNodeBackend('wasm');
if (process.argv.includes('--im2col')) setSimdFilterGradEnabled(false);
if (process.argv.includes('--tape')) setConvStepEnabled(false);
const ds: Dataset = colourSet(64 * (steps + 2));
const model = buildModel('cnn', { inputShape: [32, 32, 3], numClasses: 10 }, 1);
const opts = { epochs: 1, batchSize: 64, learningRate: 0.001, seed: 1 };
await train(model, ds, opts); // warm
const t0 = performance.now();
await train(model, ds, opts);
const wallMs = (performance.now() - t0) / (steps + 2);
const info = await tf.profile(async () => {
  await train(model, ds, opts);
  return [];
});
const byKernel = new Map<string, { ms: number; calls: number }>();
// Op wrappers (fused ops, `name__op`) time the kernels inside them: count the kernels only.
for (const k of info.kernels.filter((e) => !e.name.endsWith('__op'))) {
  const key = `${k.name} ${k.inputShapes.map((s) => (s ? s.join('x') : '-')).join(',')}`;
  const e = byKernel.get(key) ?? { ms: 0, calls: 0 };
  e.ms += Number(k.kernelTimeMs) || 0;
  e.calls++;
  byKernel.set(key, e);
}
const n = steps + 2;
const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
const total = rows.reduce((a, [, e]) => a + e.ms, 0);
console.log(`${cpuLine()}; colour CNN, batch 64, ${n} steps`);
console.log(
  `wall ${wallMs.toFixed(1)} ms/step, kernels ${(total / n).toFixed(1)} ms/step, ${(info.kernels.filter((e) => !e.name.endsWith('__op')).length / n).toFixed(0)} kernel calls/step`,
);
const byName = new Map<string, number>();
for (const [key, e] of rows) byName.set(key.split(' ')[0]!, (byName.get(key.split(' ')[0]!) ?? 0) + e.ms);
for (const [name, ms] of [...byName.entries()].sort((a, b) => b[1] - a[1]))
  console.log(`  ${name.padEnd(28)} ${(ms / n).toFixed(2).padStart(7)} ms`);
console.log('by shape:');
for (const [key, e] of rows.slice(0, 30))
  console.log(`  ${(e.ms / n).toFixed(2).padStart(7)} ms  ${(e.calls / n).toFixed(0).padStart(3)}×  ${key}`);
model.dispose();
