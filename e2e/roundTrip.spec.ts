/**
 * The PyTorch round trip in the app: embeddings for the whole MNIST training file imported
 * beside the data drive k-center (a bad file is refused and the good one stays), and the
 * workspace leaves as a project file and comes back whole in a fresh browser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy } from '../src/core/data/npy';
import { Workbench, expect, test } from './fixtures';
import { download, hooks } from './hooks';

test('import embeddings beside the data, select on them, and move the workspace as a project file', async ({
  wb,
  page,
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-e2e-round-'));
  // 1-D embedding = the row's number in the training file: k-center keeps each class's extremes.
  writeFileSync(
    join(dir, 'emb.npy'),
    writeNpy(
      Float32Array.from({ length: 60000 }, (_, i) => i),
      [60000, 1],
    ),
  );
  writeFileSync(join(dir, 'short.npy'), writeNpy(new Float32Array(1000)));

  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('signals.details').locator('summary').click();
  await page.getByTestId('signals.embeddings.file').setInputFiles(join(dir, 'emb.npy'));
  await expect(page.getByTestId('signals.embeddings.summary')).toContainText('emb.npy: 60,000 rows × 1');
  await page.getByTestId('signals.embeddings.file').setInputFiles(join(dir, 'short.npy'));
  await expect(page.getByTestId('signals.embeddings.error')).toContainText(
    "short.npy has 1,000 rows but the data's numbering has 60,000",
  );
  await expect(page.getByTestId('signals.embeddings.error')).toContainText('emb.npy stays in use');
  await expect(page.getByTestId('signals.embeddings.summary')).toContainText('emb.npy');

  await page.getByTestId('methods.select').selectOption('kcenter');
  await page.getByTestId('methods.kcenter.embedding').selectOption('file');
  await wb.setNumber('training.epochs', 1);
  await wb.setNumber('methods.fraction', 0.05);
  await wb.runCoreset('kcenter');
  const stored = await hooks(page).selection();
  expect(stored.indices).toHaveLength(50);
  const details = page.getByTestId('run.details');
  const json = JSON.parse((await download(page, details.getByTestId('run.exportJson'))).text) as {
    sourceIndices: number[];
    params: Record<string, unknown>;
  };
  expect(json.params.embedding).toBe('file');
  // The largest MNIST row of the training subset is the farthest point from any class mean: kept.
  const max = await page.evaluate(() => {
    const s = (
      window as unknown as { __workbench: { getState(): { data: { summary?: { sourceRows: Int32Array } } } } }
    ).__workbench.getState();
    return Math.max(...Array.from(s.data.summary!.sourceRows));
  });
  expect(json.sourceIndices).toContain(max);

  const project = await download(page, page.getByTestId('project.export'));
  expect(project.name).toMatch(/^coreset-workbench-project-\d{4}-\d{2}-\d{2}\.json$/);
  const file = join(dir, project.name);
  writeFileSync(file, project.bytes);
  writeFileSync(join(dir, 'bad.json'), '{"format":"coreset-workbench/project","version":99}');

  // Another browser: empty storage, nothing but the file.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  const wb2 = new Workbench(page2);
  await wb2.open();
  await expect(page2.getByTestId('results.row.coreset')).toHaveCount(0);
  await page2.getByTestId('project.import').setInputFiles(join(dir, 'bad.json'));
  await expect(page2.getByTestId('project.error')).toContainText('version 99 is not one this app reads');
  await expect(page2.getByTestId('results.row.coreset')).toHaveCount(0);
  await page2.getByTestId('project.import').setInputFiles(file);
  await expect(page2.getByTestId('results.row.coreset')).toHaveCount(1);
  expect(await hooks(page2).selection()).toEqual(stored);
  expect(((await hooks(page2).spec()) as { method: string }).method).toBe('kcenter');
  // The imported run exports the same kept rows in the MNIST numbering.
  await page2.getByTestId('results.row.coreset').click();
  const again = JSON.parse(
    (await download(page2, page2.getByTestId('run.details').getByTestId('run.exportJson'))).text,
  ) as {
    sourceIndices: number[];
  };
  expect(again.sourceIndices).toEqual(json.sourceIndices);
  await other.close();
});
