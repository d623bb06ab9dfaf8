/** The GPU bench's configuration and the table both hosts (Chromium, Node with Dawn) print. */
import type { GpuBenchConfig, GpuBenchResult } from './measure';

function fmt(ms: number | undefined, error: string | undefined): string {
  if (ms !== undefined) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return error ? `✗ ${error}` : '—';
}

/** The table both hosts print: per row, webgpu and wasm medians and their ratio. */
export function printGpuBench(r: GpuBenchResult, load: string, where: string): void {
  console.log(`\n== GPU bench: webgpu vs wasm in ${where} ==`);
  console.log(
    `adapter: ${r.adapter}${/^software/.test(r.adapter) ? ' — software: webgpu figures here are not a GPU’s' : ''}`,
  );
  console.log(`runtime: ${r.runtime}`);
  console.log(`(${load} at the start; ${r.rounds} round(s) alternating the backends, median)`);
  console.log(`${'what'.padEnd(56)} ${'webgpu'.padStart(16)} ${'wasm'.padStart(16)}  wasm / webgpu`);
  for (const row of r.rows) {
    const simd = row.ms.simd;
    const gpu = fmt(row.ms.webgpu, row.errors.webgpu);
    const wasm = simd !== undefined ? `${fmt(simd, undefined)} (SIMD)` : fmt(row.ms.wasm, row.errors.wasm);
    const cpu = row.ms.wasm ?? simd;
    const ratio = row.ms.webgpu !== undefined && cpu !== undefined ? (cpu / row.ms.webgpu).toFixed(2) : '';
    const shown = row.ms.webgpu === undefined && simd !== undefined && !row.errors.webgpu ? '' : gpu;
    console.log(
      `${row.what.padEnd(56)} ${shown.padStart(16)} ${wasm.padStart(16)}  ${ratio}${row.note ? `  (${row.note})` : ''}`,
    );
  }
  console.log('(training steps: ms per step of batch 64, samples/s = 64 000 / ms; ratio > 1: webgpu faster)');
}

export function gpuBenchConfig(quick: boolean): GpuBenchConfig {
  return {
    backends: ['webgpu', 'wasm'],
    rounds: quick ? 1 : 3,
    softwareRounds: 1,
    gramRows: 2000,
    gramDim: 64,
    knnRows: 20000,
  };
}
