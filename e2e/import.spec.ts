/**
 * The user's own data (issue "Reliability and security"): bad files get a specific message and
 * leave the loaded data alone; good ones load and run; labels that look like markup stay text.
 * The files come from the generated corpus (src/test/importCorpus.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImportCorpus } from '../scripts/make-import-corpus';
import { expect, slow, test } from './fixtures';
import { cifar10Archive, encodeRawPng } from '../src/test/formats';

const dir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
writeImportCorpus(dir);
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (c: string, name = c) => join(dir, c, name);

test('importing: bad files are refused by name, good ones load and train, the mixed-size fix works', async ({
  wb,
  page,
}) => {
  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('dataset.select').selectOption('custom');
  const input = page.getByTestId('import.files');
  for (const [c, says] of [
    ['truncated.zip', /truncated or damaged/],
    ['lying-bomb.zip', /.+/],
    ['text-in-class.zip', /notes\.txt is not a PNG or JPEG image/],
    ['one-class.zip', /only one class/],
    ['ragged.csv', /line 2: 3 columns, expected 4/],
  ] as const) {
    await input.setInputFiles(file(c));
    await expect(page.getByTestId('import.error')).toContainText(says);
    // What was loaded before is still loaded.
    await expect(page.getByTestId('dataset.count')).toHaveText('1,000');
  }
  await wb.screenshot('import-refused');

  await input.setInputFiles(file('classes.zip'));
  await expect(page.getByTestId('import.summary')).toContainText('classes.zip');
  await expect(page.getByTestId('dataset.count')).toHaveText('15');
  // 8×8 images are too small for the grey CNN's pooling: it is disabled, with the reason.
  await expect(page.getByTestId('training.model').locator('option[value="cnn"]')).toBeDisabled();
  await expect(page.getByTestId('training.model').locator('option[value="cnn"]')).toContainText(
    'images too small',
  );
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');

  await input.setInputFiles(file('mixed-sizes.zip'));
  await expect(page.getByTestId('import.error')).toHaveAttribute('data-problem', 'mixed-sizes');
  await page.getByTestId('import.resize').click();
  await expect(page.getByTestId('import.summary')).toContainText('mixed-sizes.zip');
  await wb.screenshot('import-done');
});

/** Whether the sample grid's canvas shows colour (some pixel with R, G and B apart). */
async function gridHasColour(page: import('@playwright/test').Page): Promise<boolean> {
  return page
    .getByTestId('dataset.samples')
    .locator('canvas')
    .first()
    .evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < d.length; i += 4)
        if (Math.abs(d[i]! - d[i + 1]!) > 30 || Math.abs(d[i + 1]! - d[i + 2]!) > 30) return true;
      return false;
    });
}

test('colour data: a CIFAR-10 binary archive and a macOS ZIP import, show colour thumbnails and train', async ({
  wb,
  page,
}) => {
  test.slow();
  const cifar = join(dir, 'cifar-10-binary.tar.gz');
  writeFileSync(cifar, cifar10Archive(20, 30));
  const rgb = (r: number, g: number) =>
    encodeRawPng({
      width: 12,
      height: 12,
      colour: 'rgb',
      depth: 8,
      samples: Array.from({ length: 144 }, () => [r, g, 40]).flat(),
    });
  const mac = join(dir, 'mac-colour.zip');
  writeFileSync(
    mac,
    zipSync({
      'pets/red/1.png': rgb(220, 20),
      'pets/red/2.png': rgb(200, 30),
      'pets/red/3.png': rgb(210, 10),
      'pets/green/1.png': rgb(20, 220),
      'pets/green/2.png': rgb(30, 200),
      'pets/green/3.png': rgb(10, 210),
      'pets/.DS_Store': Uint8Array.of(0, 0, 0, 1),
      '__MACOSX/pets/red/._1.png': Uint8Array.of(0, 5, 22, 7),
    }),
  );
  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('dataset.select').selectOption('custom');
  const input = page.getByTestId('import.files');
  await input.setInputFiles(cifar);
  await expect(page.getByTestId('import.summary')).toContainText('32×32×3 (colour)');
  await expect(page.getByTestId('dataset.count')).toHaveText('100');
  await expect(page.getByTestId('dataset.samples')).toContainText('airplane');
  expect(await gridHasColour(page)).toBe(true);
  await wb.screenshot('import-cifar');
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');
  // Compare runs on imported data too: its plan carries the import's id.
  await page.getByTestId('tab.compare').click();
  for (const box of await page.locator('[data-testid^="compare.method."]').all())
    if ((await box.getAttribute('data-testid')) === 'compare.method.random') await box.check();
    else await box.uncheck();
  await page.getByTestId('compare.fraction').fill('0.5');
  await wb.setNumber('compare.seeds', 1);
  await expect(page.getByTestId('compare.size')).toHaveText('1 coreset trainings + 1 full-data reference');
  await page.getByTestId('compare.run').click();
  await expect(page.getByTestId('compare.status')).toContainText('Done: 1 cells', { timeout: slow(120_000) });
  await page.getByTestId('tab.data').click();

  await input.setInputFiles(mac);
  await expect(page.getByTestId('import.summary')).toContainText('mac-colour.zip');
  await expect(page.getByTestId('import.summary')).toContainText('2 classes, 12×12×3 (colour)');
  expect(await gridHasColour(page)).toBe(true);
  // The colour CNN (same-padded convs, three pools) trains on them in the worker.
  await page.getByTestId('training.model').selectOption('cnn');
  await expect(page.getByTestId('training.model').locator('option[value="cnn"]')).toContainText('Colour CNN');
  await wb.runCoreset('random');

  // The built-in colour set needs no file at all.
  await page.getByTestId('import.builtin').click();
  await expect(page.getByTestId('import.summary')).toContainText(
    '4,800 training and 1,200 test samples, 10 classes, 32×32×3 (colour)',
  );
  await expect(page.getByTestId('dataset.samples')).toContainText('warm disk');
  expect(await gridHasColour(page)).toBe(true);
  await wb.screenshot('import-builtin-colour');
});

test('class names that look like markup are shown as text, never parsed', async ({ wb, page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('dataset.select').selectOption('custom');
  await page.getByTestId('import.files').setInputFiles(file('markup-labels.csv'));
  await expect(page.getByTestId('dataset.count')).not.toHaveText('1,000');
  await expect(page.getByText('<img src=x onerror=alert(1)>').first()).toBeVisible();
  await expect(page.locator('img[src="x"], b:text-is("bold")')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('a lost WebGPU device: the run fails saying so, the next backend takes over, the next run works', async ({
  wb,
  page,
}) => {
  test.slow();
  await wb.open('backend=webgpu');
  await expect(page.getByTestId('backend.badge')).toContainText('webgpu');
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 40);
  await page.getByTestId('training.train').click();
  const row = page.getByTestId('results.row.full').last();
  await expect(row.getByTestId('run.progress')).toBeVisible();
  expect(
    await page.evaluate(() =>
      (window as unknown as { __workbench: { loseGpu(): Promise<boolean> } }).__workbench.loseGpu(),
    ),
  ).toBe(true);
  await expect(row.getByTestId('run.status')).toHaveAttribute('data-status', 'failed', {
    timeout: slow(60_000),
  });
  await expect(row).toContainText('WebGPU device was lost');
  await expect(page.getByTestId('backend.badge')).not.toContainText('webgpu');
  await wb.screenshot('gpu-lost');
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');
});
