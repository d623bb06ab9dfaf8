/**
 * `npm run bench -- gpu`: WebGPU against wasm in Chromium, in one command, so the first machine
 * with a GPU prints the figures. Builds bench/gpu/page.ts (the app's own ml and core modules,
 * Vite, a temporary folder), serves it, opens it in Chromium with the e2e flags (WebGPU on; on a
 * machine without a GPU that is SwiftShader, i.e. software) and prints, per backend, the median
 * ms of a warm training step (MLP, grey CNN, colour CNN; batch 64, the lab's loop) and of a
 * selection block (the clipped cosine Gram of 2,000 × 64 embeddings as tfjs ops, read back),
 * beside the SIMD kernel selection uses today. It names the adapter, the CPU and the load. Three
 * rounds alternate the backends on a hardware adapter; one on a software one (SwiftShader takes
 * ~45 s for one colour CNN step).
 *   npm run bench -- gpu [--quick] [--node]
 * `--node` runs the same measurements in Node with Dawn's WebGPU instead of Chromium
 * (bench/gpu/node.ts), for GPU machines without a browser.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromiumPath } from '../e2e/chromium';
import { CHROMIUM_FLAGS } from '../playwright.config';
import { cpuLine } from './machine';
import type { GpuBenchConfig, GpuBenchResult } from './gpu/measure';
import { gpuBenchConfig, printGpuBench } from './gpu/report';

const PORT = Number(process.env.GPU_BENCH_PORT ?? 4175);

declare global {
  interface Window {
    runGpuBench?: (cfg: GpuBenchConfig) => Promise<GpuBenchResult>;
  }
}

export async function runGpuBench(quick = false, host: 'chromium' | 'node' = 'chromium'): Promise<void> {
  if (host === 'node') {
    const { runNodeGpuBench } = await import('./gpu/nodeMain');
    await runNodeGpuBench(quick);
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'gpu-bench-'));
  const root = join(import.meta.dirname, 'gpu');
  try {
    await build({
      root,
      configFile: false,
      base: './',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 },
    });
    const server = await preview({
      root,
      configFile: false,
      logLevel: 'warn',
      build: { outDir },
      preview: { port: PORT, strictPort: true },
    });
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.goto(`http://localhost:${PORT}/`);
      await page.waitForFunction(() => typeof window.runGpuBench === 'function');
      const cfg = gpuBenchConfig(quick);
      const load = cpuLine();
      const r = await page.evaluate((c) => window.runGpuBench!(c), cfg);
      printGpuBench(r, load, 'Chromium (the page thread; bench/gpu/page.ts)');
    } finally {
      await browser.close();
      await new Promise<void>((res) => server.httpServer.close(() => res()));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('gpu.ts'))
  await runGpuBench(process.argv.includes('--quick'), process.argv.includes('--node') ? 'node' : 'chromium');
