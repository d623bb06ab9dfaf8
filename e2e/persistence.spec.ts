import { expect, slow, test } from './fixtures';
import { hooks } from './hooks';

test('results survive a reload; a run in flight comes back as interrupted and Retry finishes it', async ({
  wb,
  page,
  context,
}) => {
  await wb.open();
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 1);
  const acc = await wb.runCoreset('random');
  // A run long enough to reload in the middle of.
  await wb.setNumber('training.epochs', 20);
  await page.getByTestId('training.train').click();
  const running = page.getByTestId('results.row.full').last();
  await expect(running.getByTestId('run.progress')).toBeVisible();
  await hooks(page).savedRunsReady();
  // Another tab opened now leaves the run alone: this tab holds it (Web Locks), so it is not "interrupted".
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('results.storage')).toContainText('1 run saved in this browser');
  await expect(other.getByTestId('results.row.coreset')).toHaveCount(1);
  await expect(other.getByTestId('results.row.full')).toHaveCount(0);
  await other.close();
  await expect(running.getByTestId('run.progress')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('results.storage')).toContainText('2 runs saved in this browser');
  // The finished coreset is back with its numbers and its details (diagnostics, kept images).
  const coreset = page.getByTestId('results.row.coreset');
  await expect(coreset).toHaveCount(1);
  await expect(coreset.getByTestId('results.accuracy')).toHaveText(acc);
  await wb.waitForData(1000);
  await expect(page.getByTestId('run.details')).toBeVisible();
  await expect(page.getByTestId('run.keptGrid')).toBeVisible();
  // The reloaded-away run is interrupted, never a half-written success.
  const interrupted = page.getByTestId('results.row.full');
  await expect(interrupted.getByTestId('run.status')).toHaveAttribute('data-status', 'interrupted');
  await expect(interrupted).toContainText('closed or reloaded while this run was in flight');
  await expect(interrupted.getByTestId('results.accuracy')).toHaveText('–');
  await wb.screenshot('persistence-reloaded');
  // Retry runs its spec again in its place.
  await interrupted.getByTestId('run.retry').click();
  await expect(page.getByTestId('results.row.full')).toHaveCount(1);
  await expect(page.getByTestId('results.row.full').locator('.status-done')).toBeVisible({
    timeout: slow(120_000),
  });
  await expect(page.getByTestId('training.epochs')).toHaveValue('20');
  // Clearing the saved runs empties the table, and a reload brings nothing back.
  await page.getByTestId('results.clear').click();
  await page.getByTestId('results.clearConfirm').click();
  await expect(page.getByTestId('results.table')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('results.storage')).toContainText('Runs are saved in this browser');
  await expect(page.getByTestId('results.table')).toHaveCount(0);
});
