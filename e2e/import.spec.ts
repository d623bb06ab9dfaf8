/**
 * The user's own data (issue "Reliability and security"): bad files get a specific message and
 * leave the loaded data alone; good ones load and run; labels that look like markup stay text.
 * The files come from the generated corpus (src/test/importCorpus.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImportCorpus } from '../scripts/make-import-corpus';
import { expect, slow, test } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
writeImportCorpus(dir);
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (c: string, name = c) => join(dir, c, name);

test('importing: bad files are refused by name, good ones load and train, the mixed-size fix works', async ({ wb, page }) => {
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
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');

  await input.setInputFiles(file('mixed-sizes.zip'));
  await expect(page.getByTestId('import.error')).toHaveAttribute('data-problem', 'mixed-sizes');
  await page.getByTestId('import.resize').click();
  await expect(page.getByTestId('import.summary')).toContainText('mixed-sizes.zip');
  await wb.screenshot('import-done');
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

test('a lost WebGPU device: the run fails saying so, the next backend takes over, the next run works', async ({ wb, page }) => {
  test.slow();
  await wb.open('backend=webgpu');
  await expect(page.getByTestId('backend.badge')).toContainText('webgpu');
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 40);
  await page.getByTestId('training.train').click();
  const row = page.getByTestId('results.row.full').last();
  await expect(row.getByTestId('run.progress')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __workbench: { loseGpu(): Promise<boolean> } }).__workbench.loseGpu())).toBe(true);
  await expect(row.getByTestId('run.status')).toHaveAttribute('data-status', 'failed', { timeout: slow(60_000) });
  await expect(row).toContainText('WebGPU device was lost');
  await expect(page.getByTestId('backend.badge')).not.toContainText('webgpu');
  await wb.screenshot('gpu-lost');
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');
});
