/**
 * Runs the GPU bench in Node with Dawn and prints its table: what `npm run bench -- gpu --node`
 * does, as a file of its own so it can be bundled (esbuild) and run where only Node is at hand.
 *   tsx bench/gpu/nodeMain.ts [--quick] [--backends=webgpu,wasm]
 */
import { runGpuBenchNode } from './node';
import type { BackendName } from '../../src/ml/backend';
import { gpuBenchConfig, printGpuBench } from './report';

export async function runNodeGpuBench(quick: boolean, backends?: BackendName[]): Promise<void> {
  const cfg = gpuBenchConfig(quick);
  const { result, load } = await runGpuBenchNode(backends ? { ...cfg, backends } : cfg);
  printGpuBench(result, load, 'Node with Dawn (bench/gpu/node.ts)');
}

if (/nodeMain\.(ts|js|mjs)$|bench\.mjs$/.test(process.argv[1] ?? ''))
  await runNodeGpuBench(
    process.argv.includes('--quick'),
    process.argv
      .find((a) => a.startsWith('--backends='))
      ?.slice('--backends='.length)
      .split(',') as BackendName[] | undefined,
  );
