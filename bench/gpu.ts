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
 *   npm run bench -- gpu [--quick]
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromiumPath } from '../e2e/chromium';
import { CHROMIUM_FLAGS } from '../playwright.config';
import { cpuLine } from './machine';
import type { GpuBenchConfig, GpuBenchResult } from './gpu/page';

const PORT = Number(process.env.GPU_BENCH_PORT ?? 4175);

declare global {
  interface Window {
    runGpuBench?: (cfg: GpuBenchConfig) => Promise<GpuBenchResult>;
  }
}

function fmt(ms: number | undefined, error: string | undefined): string {
  if (ms !== undefined) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return error ? `✗ ${error}` : '—';
}

export async function runGpuBench(quick = false): Promise<void> {
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
      const cfg: GpuBenchConfig = {
        backends: ['webgpu', 'wasm'],
        rounds: quick ? 1 : 3,
        softwareRounds: 1,
        gramRows: 2000,
        gramDim: 64,
      };
      const load = cpuLine();
      const r = await page.evaluate((c) => window.runGpuBench!(c), cfg);
      console.log('\n== GPU bench: webgpu vs wasm in Chromium (the page thread; bench/gpu/page.ts) ==');
      console.log(
        `adapter: ${r.adapter}${/^software/.test(r.adapter) ? ' — software: webgpu figures here are not a GPU’s' : ''}`,
      );
      console.log(`browser: ${r.userAgent}`);
      console.log(`(${load} at the start; ${r.rounds} round(s) alternating the backends, median)`);
      console.log(`${'what'.padEnd(56)} ${'webgpu'.padStart(16)} ${'wasm'.padStart(16)}  wasm / webgpu`);
      for (const row of r.rows) {
        const simd = row.ms.simd;
        const gpu = fmt(row.ms.webgpu, row.errors.webgpu);
        const wasm =
          simd !== undefined ? `${fmt(simd, undefined)} (SIMD)` : fmt(row.ms.wasm, row.errors.wasm);
        const ratio =
          row.ms.webgpu !== undefined && row.ms.wasm !== undefined
            ? (row.ms.wasm / row.ms.webgpu).toFixed(2)
            : '';
        console.log(
          `${row.what.padEnd(56)} ${(simd !== undefined ? '' : gpu).padStart(16)} ${wasm.padStart(16)}  ${ratio}`,
        );
      }
      console.log(
        '(training steps: ms per step of batch 64, samples/s = 64 000 / ms; ratio > 1: webgpu faster)',
      );
    } finally {
      await browser.close();
      await new Promise<void>((res) => server.httpServer.close(() => res()));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('gpu.ts')) await runGpuBench(process.argv.includes('--quick'));
