/**
 * Teaching mode (issue "The workbench experience"): the 2-D toy set and a step-through of greedy
 * selection, one pick at a time, with the gain of each pick and the density weights of SubZeroCore.
 */
import { expect, slow, test } from './fixtures';
import { expectNoFreezeSince, markLongTasks, observeLongTasks } from './longTasks';

test('toy greedy step-through: step, back, play to the end, switch to SubZeroCore; no main-thread freeze while playing', async ({
  wb,
  page,
}, testInfo) => {
  await observeLongTasks(page);
  await wb.open();
  await page.getByTestId('dataset.select').selectOption('toy');
  const panel = page.getByTestId('teach.panel');
  await expect(panel).toBeVisible({ timeout: slow(60_000) });
  const status = page.getByTestId('teach.status');
  await page.getByTestId('teach.method').selectOption('facility-location');
  await wb.setNumber('teach.budget', 6);
  await expect(status).toContainText('Nothing kept yet: 6 greedy picks ready');
  await page.getByTestId('teach.step').click();
  await page.getByTestId('teach.step').click();
  await expect(status).toContainText('Step 2 of 6');
  const gain2 = Number(/gain ([\d.]+)/.exec((await status.textContent()) ?? '')![1]);
  await page.getByTestId('teach.back').click();
  await expect(status).toContainText('Step 1 of 6');
  const gain1 = Number(/gain ([\d.]+)/.exec((await status.textContent()) ?? '')![1]);
  // Greedy facility location: marginal gains never grow.
  expect(gain2).toBeLessThanOrEqual(gain1);
  const before = await markLongTasks(page);
  await page.getByTestId('teach.play').click();
  await expect(status).toContainText('Step 6 of 6', { timeout: slow(30_000) });
  await expectNoFreezeSince(page, before, testInfo, 'playing the step-through');
  await wb.screenshot('teach-facility-location');
  await page.getByTestId('teach.method').selectOption('subzero');
  await expect(page.getByTestId('teach.gamma')).toBeVisible();
  await expect(status).toContainText('K = ');
  await page.getByTestId('teach.step').click();
  await expect(status).toContainText('density weight');
  await wb.screenshot('teach-subzero');
});
