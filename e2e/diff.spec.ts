import { expect, test } from './fixtures';
import { hooks } from './hooks';
import { expectNoFreezeSince, markLongTasks, observeLongTasks } from './longTasks';

test('diff two selections: overlap, per-class difference and the images only one kept, with no main-thread freeze', async ({
  wb,
  page,
}, testInfo) => {
  await observeLongTasks(page);
  await wb.open();
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 1);
  await wb.setNumber('methods.fraction', 0.2);
  const before = await markLongTasks(page);
  await wb.runCoreset('random');
  await page.getByTestId('methods.select').selectOption('el2n');
  await wb.setNumber('methods.fraction', 0.2);
  await wb.runCoreset('el2n');
  const panel = page.getByTestId('diff.panel');
  await expect(panel).toBeVisible();
  const a = await hooks(page).selection(-1); // A: the selected (latest) run
  const b = await hooks(page).selection(-2);
  const inB = new Set(b.indices);
  const both = a.indices.filter((r) => inB.has(r)).length;
  const jaccard = both / (a.indices.length + b.indices.length - both);
  await expect(panel.getByTestId('diff.jaccard')).toHaveText(jaccard.toFixed(3));
  await expect(panel.getByTestId('diff.both')).toHaveText(String(both));
  await expect(panel.getByTestId('diff.onlyA')).toHaveText(String(a.indices.length - both));
  await expect(panel.getByTestId('diff.onlyB')).toHaveText(String(b.indices.length - both));
  const bars = panel.getByTestId('diff.classBars');
  await expect(bars.locator('svg[role="img"]')).toBeVisible();
  await expect(bars).toContainText('only in A');
  await expect(panel.getByTestId('diff.onlyAGrid').locator('canvas')).toBeVisible();
  await expect(panel.getByTestId('diff.onlyBGrid').locator('canvas')).toBeVisible();
  await expectNoFreezeSince(page, before, testInfo, 'two runs and their diff');
  await panel.scrollIntoViewIfNeeded();
  await wb.screenshot('diff-random-vs-el2n');
  // Swapping the sides swaps the counts.
  await page.getByTestId('diff.a').selectOption({ index: 0 });
  await page.getByTestId('diff.b').selectOption({ index: 1 });
  await expect(panel.getByTestId('diff.onlyA')).toHaveText(String(b.indices.length - both));
  await expect(panel.getByTestId('diff.jaccard')).toHaveText(jaccard.toFixed(3));
});
