import { expect, slow, test } from './fixtures';
import { hooks } from './hooks';

test('a worker crash mid-run fails that run with the reason; earlier results stay; Retry works', async ({
  wb,
  page,
}) => {
  await wb.open();
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 1);
  const acc = await wb.runCoreset('random');
  await wb.setNumber('training.epochs', 15);
  await page.getByTestId('training.train').click();
  const row = page.getByTestId('results.row.full').last();
  await expect(row.getByTestId('run.progress')).toBeVisible();
  // A coreset asked for now waits its turn in the queue.
  await wb.setNumber('training.epochs', 1);
  await page.getByTestId('methods.random.run').click();
  const next = page.getByTestId('results.row.coreset').last();
  await expect(next.getByTestId('run.status')).toHaveAttribute('data-status', 'queued');
  await hooks(page).crashWorker();
  await expect(row.getByTestId('run.status')).toHaveAttribute('data-status', 'failed');
  await expect(row).toContainText('the worker stopped');
  // The app stays usable and what was computed before is still shown.
  await expect(page.getByTestId('results.row.coreset').first().getByTestId('results.accuracy')).toHaveText(
    acc,
  );
  await expect(page.getByTestId('run.details')).toBeVisible();
  await expect(page.getByTestId('training.train')).toBeEnabled();
  await wb.screenshot('faults-worker-crashed');
  // The queued run then starts on a fresh worker (the data reloads itself) and finishes.
  await expect(page.getByTestId('results.row.coreset').last().locator('.status-done')).toBeVisible();
  await expect(page.getByTestId('results.row.coreset')).toHaveCount(2);
  // Retry: a fresh worker reloads the data and runs the same spec.
  await row.getByTestId('run.retry').click();
  await expect(page.getByTestId('results.row.full').locator('.status-done')).toBeVisible({
    timeout: slow(120_000),
  });
  await expect(page.getByTestId('results.row.full')).toHaveCount(1);
});

test('a worker killed from outside fails the run instead of hanging it', async ({ wb, page }) => {
  await wb.open();
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 15);
  await page.getByTestId('training.train').click();
  const row = page.getByTestId('results.row.full').last();
  await expect(row.getByTestId('run.progress')).toBeVisible();
  await hooks(page).killWorker();
  await expect(row.getByTestId('run.status')).toHaveAttribute('data-status', 'failed');
  await expect(row).toContainText('killed by a test');
  // The next run starts a new worker and reloads the data transparently.
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');
});
