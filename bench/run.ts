/**
 * `npm run bench`: every benchmark, printing figures with their peers (never a pass/fail).
 *   npm run bench                 selection kernels, record overhead, browser training
 *   npm run bench -- selection    one group (selection | kmeans | record | training | browser | methods | hypercore |
 *                                 main-thread | import | scale | gpu |
 *                                 first-result); --quick for shorter runs
 *   npm run bench -- first-result [--against=DIR] [--rounds=N]   beside another build's dist (bench/firstResult.ts)
 *   npm run bench -- browser --cifar [--quick] [--epochs=1] [--budget=epochs] [--only=a|b|import]
 *                                 only the CIFAR-sized colour data in the tab (bench/cifarTab.ts)
 *   npm run bench -- gpu [--quick] [--node]   webgpu vs wasm; --node: Dawn in Node, no browser (bench/gpu.ts)
 *   npm run bench -- main-thread [--journeys=compare,diff] [--rates=1,4] [--trace]   (bench/mainThread.ts)
 */
import { runBrowserBench } from './browser';
import { runKmeansBench } from './kmeans';
import { mainThreadOptions, runMainThreadBench } from './mainThread';
import { runRecordBench } from './record';
import { runSelectionBench } from './selection';
import { runSeedMethodsBench } from './seedMethods';
import { runHyperCoreBench } from './hypercore';
import { runImportBench } from './import';
import { runTrainingBench } from './training';
import { runScaleBench } from './scale';
import { runGpuBench } from './gpu';
import { runFirstResultBench } from './firstResult';

const groups: Record<string, () => Promise<void>> = {
  selection: runSelectionBench,
  kmeans: async () => void (await runKmeansBench()),
  record: runRecordBench,
  browser: () =>
    runBrowserBench(
      process.argv.includes('--quick'),
      process.argv.includes('--cifar') ? 'cifar' : process.argv.includes('--record') ? 'record' : undefined,
    ),
  methods: () => runSeedMethodsBench(),
  training: () => runTrainingBench(process.argv.includes('--quick')),
  hypercore: () => runHyperCoreBench(process.argv.includes('--quick') ? [10000] : undefined),
  'main-thread': async () => void (await runMainThreadBench(mainThreadOptions(process.argv.slice(2)))),
  import: () => runImportBench(process.argv.includes('--quick')),
  scale: () => runScaleBench(process.argv.includes('--quick')),
  gpu: () =>
    runGpuBench(process.argv.includes('--quick'), process.argv.includes('--node') ? 'node' : 'chromium'),
  'first-result': () =>
    runFirstResultBench(
      process.argv.includes('--quick')
        ? 1
        : Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3),
      process.argv.find((a) => a.startsWith('--against='))?.slice(10),
    ),
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = asked.filter((a) => !(a in groups));
if (unknown.length) {
  console.error(`unknown benchmark group ${unknown.join(', ')}; groups: ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
for (const name of asked.length ? asked : Object.keys(groups)) {
  const t0 = Date.now();
  await groups[name]!();
  console.log(`(${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
