import { expect, slow, test } from './fixtures';
import type { Page } from '@playwright/test';

interface Choice {
  name: string;
  probeCached?: boolean;
}

/**
 * Clicks Train the moment it is enabled (the data loaded; a run started before the backend is up
 * waits for it) and waits for the run; the backend the page first showed as started, and the
 * run's accuracy.
 */
async function trainOnceEnabled(page: Page): Promise<{ started: Choice; accuracy: string }> {
  const started = page.waitForFunction(
    () => {
      const b = (
        window as unknown as {
          __workbench?: { getState(): { backend: { status: string; choice?: Choice } } };
        }
      ).__workbench?.getState().backend;
      return b?.status === 'ready' && b.choice
        ? { name: b.choice.name, probeCached: b.choice.probeCached }
        : false;
    },
    undefined,
    { polling: 20, timeout: slow(90_000) },
  );
  const train = page.getByTestId('training.train');
  await expect(train).toBeEnabled({ timeout: slow(90_000) });
  await train.click();
  const row = page.getByTestId('results.row.full').last();
  await expect(row.locator('.status-done')).toBeVisible({ timeout: slow(150_000) });
  return {
    started: (await (await started).jsonValue()) as Choice,
    accuracy: (await row.getByTestId('results.accuracy').textContent()) ?? '',
  };
}

test('ready means trainable: on a first and a return visit, Train clicked the moment it is enabled runs to the end', async ({
  page,
}) => {
  // First visit (empty profile): the likeliest backend starts, the default MNIST subset loads.
  await page.goto('/?test');
  const first = await trainOnceEnabled(page);
  expect(first.accuracy).toMatch(/^\d+\.\d%$/);
  await expect(page.getByTestId('dataset.count')).toHaveText('1,000');
  expect(first.started.name).toBe('wasm');

  // Return visit (same profile): the worker's session chunk, the WebGPU adapter and the backend's
  // figure come from what the first visit left; the data is read while the app loads.
  await page.goto('/?test');
  const again = await trainOnceEnabled(page);
  expect(again.accuracy).toMatch(/^\d+\.\d%$/);
  await expect(page.getByTestId('dataset.count')).toHaveText('1,000');
  expect(again.started.name).toBe('wasm');
  expect(again.started.probeCached).toBe(true);
});
