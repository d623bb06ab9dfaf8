/**
 * Selection's WGSL kernels (src/ml/gpu) forced on SwiftShader (`?selectGpu=1`; by default they
 * run on hardware adapters only) against the SIMD path: the cosine Gram to float tolerance, kNN
 * lists equal up to swaps of neighbours whose values agree within 1e-5 (src/workers/api/gpuCheck.ts),
 * and facility location / SubZeroCore giving the same picks — in the worker on MNIST 1k's PCA-32
 * embeddings, and through the app, where a lost device falls back to SIMD with a notice.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hooks } from './hooks';
import type { GpuCheckReport } from '../src/workers/api/gpuCheck';

type GpuHooks = {
  __workbench: {
    gpuSelfCheck(rounds?: number): Promise<GpuCheckReport>;
    loseSelectionGpu(): Promise<boolean>;
  };
};
const gpuHooks = (page: Page) => ({
  /** One round: a correctness check here (timed rounds: pass 3 and read the log). */
  selfCheck: (rounds = 1) =>
    page.evaluate((r) => (window as unknown as GpuHooks).__workbench.gpuSelfCheck(r), rounds),
  lose: () => page.evaluate(() => (window as unknown as GpuHooks).__workbench.loseSelectionGpu()),
});

test('forced WebGPU selection kernels match the SIMD path: Gram, kNN, facility location and SubZeroCore picks', async ({
  wb,
  page,
}) => {
  await wb.open('selectGpu=1');
  await wb.waitForData(1000);
  const t0 = Date.now();
  const r = await gpuHooks(page).selfCheck();
  console.log(`gpu self-check (${Date.now() - t0} ms): ${JSON.stringify(r)}`);
  expect(r.adapter).toMatch(/^software/);
  expect(r.rows).toBe(1000);
  // Unit rows, f32 sums in another order: a few ulps.
  expect(r.gram.maxAbsDiff).toBeLessThan(1e-5);
  for (const k of r.knn) {
    expect(k.mismatched, `${k.metric}: rows whose lists differ beyond ties`).toBe(0);
    expect(k.same + k.tied).toBe(r.rows);
    expect(k.same, `${k.metric}: most lists are identical`).toBeGreaterThan(0.98 * r.rows);
  }
  expect(r.picks.length).toBe(3);
  for (const p of r.picks) {
    expect(p.gpuBlocks, `${p.method} ${p.graph} ran on the GPU`).toBeGreaterThan(0);
    expect(p.same, `${p.method} ${p.graph}: same picks (first difference at ${p.firstDiff})`).toBe(true);
  }
});

test('a SubZeroCore run takes the forced GPU path and says so; after the device is lost it falls back to SIMD with the same picks', async ({
  wb,
  page,
}) => {
  await wb.open('selectGpu=1');
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 1);
  await page.getByTestId('methods.select').selectOption('subzero');
  await wb.runCoreset('subzero');
  const details = page.getByTestId('run.details');
  await expect(details).toContainText('Similarity kernels: WebGPU');
  await expect(details).toContainText('kNN blocks on WebGPU');
  await expect(details).not.toContainText('fell back');
  const onGpu = await hooks(page).selection();
  expect(await gpuHooks(page).lose()).toBe(true);
  await wb.runCoreset('subzero');
  await expect(details).toContainText('fell back to the CPU (SIMD)');
  const onCpu = await hooks(page).selection();
  expect(onCpu.indices.length).toBe(100);
  expect(onCpu.indices).toEqual(onGpu.indices);
});
