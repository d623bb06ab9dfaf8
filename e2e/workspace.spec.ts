/**
 * The workspace at 1280×800 (issue 19): the answer to the last action is on screen where the
 * person is looking, setup never scrolls away, and choosing data loads it.
 */
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

test('after Select and train the accuracy is on screen without scrolling; setup stays in view', async ({
  wb,
  page,
}) => {
  await wb.open();
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 1);
  const run = page.getByTestId('methods.random.run');
  await run.click();
  const acc = page.getByTestId('result.accuracy');
  await expect(acc).toHaveText(/^\d+\.\d% test accuracy$/, { timeout: 150_000 });
  // Nothing scrolled by hand: the strip with the accuracy and the button just pressed are both in view.
  await expect(acc).toBeInViewport();
  await expect(run).toBeInViewport();
  await expect(page.getByTestId('tab.runs')).toHaveAttribute('aria-selected', 'true');
  const table = (await page.getByTestId('results.accuracy').last().textContent()) ?? '';
  await expect(acc).toContainText(table);
  await page.screenshot({ path: 'e2e/artifacts/workspace-1280x800-after-run.png' });
  // The page scrolls, the strip and the setup do not leave the screen.
  await page.mouse.move(900, 600);
  await page.mouse.wheel(0, 2500);
  await expect(acc).toBeInViewport();
  await expect(page.getByTestId('methods.select')).toBeInViewport();
  // "Why these samples?" brings the run's details to the top.
  await page.getByTestId('result.open').click();
  await expect(page.getByTestId('run.details')).toBeInViewport();
});

test('choosing a training subset loads it; nothing trains on a mismatch meanwhile', async ({ wb, page }) => {
  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('dataset.trainSize').selectOption('5000');
  // Until the 5,000 are loaded, the buttons say so and cannot start a run.
  const train = page.getByTestId('training.train');
  await expect(train).toBeDisabled();
  await expect(train).toHaveText('Loading the chosen data…');
  await wb.waitForData(5000);
  await expect(train).toHaveText('Train on all 5,000 samples');
  await expect(page.getByTestId('methods.random.run')).toHaveText('Select 500 with Random and train');
});

test('a link with one bad field restores the rest and names the field; the copy button copies the link', async ({
  wb,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?test&v=1&f=7&epochs=4&seed=9');
  await expect(page.getByTestId('notice')).toContainText('"f"');
  await expect(page.getByTestId('notice')).toContainText('the rest of its setup was restored');
  await expect(page.getByTestId('training.epochs')).toHaveValue('4');
  await expect(page.getByTestId('spec.seed')).toHaveValue('9');
  await wb.waitForData(1000);
  await page.getByTestId('share.copy').click();
  await expect(page.getByTestId('share.state')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  expect(copied).toMatch(/epochs=4/);
});
