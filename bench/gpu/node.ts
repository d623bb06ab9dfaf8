/**
 * `npm run bench -- gpu --node`: the GPU bench (bench/gpu/measure.ts) in Node, with WebGPU from
 * Dawn — the engine Chromium's WebGPU is built on — through the `webgpu` package, and tfjs's wasm
 * backend from node_modules. No browser, so a GPU machine without a desktop or Chromium can run
 * it. Dawn finds the GPU through the Vulkan loader (libvulkan.so.1); with none installed there is
 * no adapter and the webgpu column says so. On a machine without a GPU, point it at Chromium's
 * SwiftShader: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
 * LD_LIBRARY_PATH=/usr/lib/chromium.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { installDawn } from '../../src/cli/dawn';
import { cpuLine } from '../machine';
import type { GpuBenchConfig, GpuBenchResult } from './measure';

export async function runGpuBenchNode(
  cfg: GpuBenchConfig,
): Promise<{ result: GpuBenchResult; load: string }> {
  const dawn = await installDawn();
  const runtime = dawn.ok ? dawn.runtime : `Node ${process.version}, no WebGPU: ${dawn.why}`;
  // measure.ts pulls in tfjs and its webgpu backend, which look for navigator.gpu when they load.
  const { runGpuBench } = await import('./measure');
  const require = createRequire(import.meta.url);
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const load = cpuLine();
  const result = await runGpuBench(cfg, {
    wasmPaths: join(wasmDir, '/'),
    runtime,
    onFigure: (what, backend, ms) =>
      console.error(`  ${backend.padEnd(6)} ${ms.toFixed(1).padStart(9)} ms  ${what}`),
  });
  return { result, load };
}
