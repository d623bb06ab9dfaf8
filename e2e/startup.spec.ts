import { expect, slow, test } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Clicks Train the moment it is enabled (data loaded, backend started) and waits for the run;
 * the backend the page had when Train was enabled, and the run's accuracy.
 */
async function trainOnceEnabled(page: Page) {
  const train = page.getByTestId('training.train');
  await expect(train).toBeEnabled({ timeout: slow(90_000) });
  const atReady = await backendChoice(page);
  await train.click();
  const row = page.getByTestId('results.row.full').last();
  await expect(row.locator('.status-done')).toBeVisible({ timeout: slow(150_000) });
  return { atReady, accuracy: (await row.getByTestId('results.accuracy').textContent()) ?? '' };
}

const backendChoice = (page: Page) =>
  page.evaluate(() => {
    const s = (
      window as unknown as {
        __workbench: { getState(): { backend: { choice?: { name: string; probeCached?: boolean } } } };
      }
    ).__workbench.getState();
    return s.backend.choice;
  });

test('ready means trainable: on a first and a return visit, Train clicked the moment it is enabled runs to the end', async ({
  page,
}) => {
  // First visit (empty profile): the likeliest backend starts, the default MNIST subset loads.
  await page.goto('/?test');
  const first = await trainOnceEnabled(page);
  expect(first.accuracy).toMatch(/^\d+\.\d%$/);
  await expect(page.getByTestId('dataset.count')).toHaveText('1,000');
  expect(first.atReady?.name).toBe('wasm');

  // Return visit (same profile): the worker's session chunk, the WebGPU adapter and the backend's
  // figure come from what the first visit left; the data is read while the app loads.
  await page.goto('/?test');
  const again = await trainOnceEnabled(page);
  expect(again.accuracy).toMatch(/^\d+\.\d%$/);
  await expect(page.getByTestId('dataset.count')).toHaveText('1,000');
  expect(again.atReady?.name).toBe('wasm');
  expect(again.atReady?.probeCached).toBe(true);
});
