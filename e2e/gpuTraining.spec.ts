/**
 * Every model trains on the WebGPU backend (SwiftShader here): the grey CNN on an imported 28×28
 * grey set (2 epochs, 2 steps), the colour CNN on a CIFAR-10 archive of 20 images (32×32×3, one
 * step), so the spec stays short; the MLP trains an epoch of MNIST on WebGPU in
 * foundation.spec.ts. The loop's loss read-back is grouped, not per batch:
 * src/ml/trainReadback.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { expect, test } from './fixtures';
import { cifar10Archive, encodeRawPng } from '../src/test/formats';

const dir = mkdtempSync(join(tmpdir(), 'gpu-training-e2e-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two classes of 28×28 grey digits-like blobs, 8 each, as a ZIP of class folders. */
function greyZip(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [cls, bright] of [
    ['dark', 60],
    ['light', 200],
  ] as const)
    for (let i = 0; i < 8; i++)
      files[`grey/${cls}/${i}.png`] = encodeRawPng({
        width: 28,
        height: 28,
        colour: 'grey',
        depth: 8,
        samples: Array.from({ length: 784 }, (_, p) => (bright + 7 * i + (p % 28)) % 256),
      });
  return zipSync(files);
}

test('the grey CNN and the colour CNN each train on WebGPU', async ({ wb, page }) => {
  test.slow();
  const t0 = Date.now();
  await wb.open('backend=webgpu');
  const badge = page.getByTestId('backend.badge');
  await expect(badge).toContainText('webgpu');
  await wb.waitForData(1000);
  await page.getByTestId('dataset.select').selectOption('custom');
  const grey = join(dir, 'grey.zip');
  writeFileSync(grey, greyZip());
  await page.getByTestId('import.files').setInputFiles(grey);
  await expect(page.getByTestId('import.summary')).toContainText('28×28');
  await wb.setNumber('training.epochs', 2);
  const model = page.getByTestId('training.model');
  await model.selectOption('cnn');
  expect(await wb.trainFull()).toMatch(/^\d+\.\d%$/);
  const tGrey = Date.now();

  const cifar = join(dir, 'cifar-10-binary.tar.gz');
  writeFileSync(cifar, cifar10Archive(4, 5));
  await page.getByTestId('import.files').setInputFiles(cifar);
  await expect(page.getByTestId('import.summary')).toContainText('32×32×3 (colour)');
  await expect(page.getByTestId('dataset.count')).toHaveText('20');
  await model.selectOption('cnn');
  await expect(model.locator('option[value="cnn"]')).toContainText('Colour CNN');
  await wb.setNumber('training.epochs', 1);
  expect(await wb.trainFull()).toMatch(/^\d+\.\d%$/);
  // Still on WebGPU: nothing failed over to another backend.
  await expect(badge).toContainText('webgpu');
  console.log(
    `webgpu training: grey cnn ${tGrey - t0} ms (with startup), colour cnn ${Date.now() - tGrey} ms`,
  );
});
