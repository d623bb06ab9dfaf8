/**
 * The app's long journeys that bench/mainThread.ts measures: each a setup (not measured) and a
 * run (measured) from a click until the UI shows the work finished. Pages are opened with the
 * preview server as their base URL.
 */
import type { Page } from '@playwright/test';

type W = { __workbench: { getState(): { runs: { status: string }[] } } };

async function done(page: Page, selector: string, timeout = 600_000) {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout });
}

async function ready(page: Page, query: string, count = '1,000') {
  await page.goto(`/?test${query ? `&${query}` : ''}`);
  await page.getByTestId('dataset.count').filter({ hasText: count }).waitFor({ timeout: 300_000 });
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="dataset.load"]')?.hasAttribute('disabled'),
  );
}

async function runDone(page: Page, n: number) {
  await page.waitForFunction(
    (k) =>
      (window as unknown as W).__workbench.getState().runs.filter((r) => r.status === 'done').length >= k,
    n,
    { timeout: 600_000 },
  );
}

/** Each journey: setup (not measured), then the run (measured) until the UI shows it finished. */
export const JOURNEYS: Record<string, { setup(p: Page): Promise<void>; run(p: Page): Promise<void> }> = {
  compare: {
    async setup(page) {
      await ready(page, 'v=1&epochs=2');
      for (const box of await page.locator('[data-testid^="compare.method."]').all()) {
        const id = (await box.getAttribute('data-testid'))!.slice('compare.method.'.length);
        if (['random', 'el2n', 'moderate'].includes(id)) await box.check();
        else await box.uncheck();
      }
      await page.getByTestId('compare.fraction').fill('0.1, 0.3');
      await page.getByTestId('compare.seeds').fill('2');
    },
    async run(page) {
      await page.getByTestId('compare.run').click();
      await page
        .getByTestId('compare.status')
        .filter({ hasText: 'Done: 12 cells' })
        .waitFor({ timeout: 600_000 });
    },
  },
  el2n: {
    setup: (page) => ready(page, 'v=1&epochs=3&m=el2n&f=0.3'),
    async run(page) {
      await page.getByTestId('methods.el2n.run').click();
      await runDone(page, 1);
      await done(page, '[data-testid="run.keptGrid"]');
    },
  },
  dynamics: {
    setup: (page) => ready(page, 'v=1&epochs=4&noise=0.2'),
    async run(page) {
      await page.getByTestId('signals.record').click();
      await page
        .getByTestId('signals.summary')
        .filter({ hasText: 'epochs recorded' })
        .waitFor({ timeout: 600_000 });
    },
  },
  load60k: {
    setup: (page) => ready(page, 'v=1'),
    async run(page) {
      await page.getByTestId('dataset.trainSize').selectOption('60000');
      await page.getByTestId('dataset.load').click();
      await page.getByTestId('dataset.count').filter({ hasText: '60,000' }).waitFor({ timeout: 300_000 });
    },
  },
  diff: {
    async setup(page) {
      await ready(page, 'v=1&epochs=1&f=0.2');
      await page.getByTestId('methods.random.run').click();
      await runDone(page, 1);
      await page.getByTestId('methods.select').selectOption('el2n');
      await page.getByTestId('methods.fraction').fill('0.2');
    },
    async run(page) {
      await page.getByTestId('methods.el2n.run').click();
      await runDone(page, 2);
      await done(page, '[data-testid="diff.onlyBGrid"] canvas');
    },
  },
  teach: {
    async setup(page) {
      await page.goto('/?test&v=1');
      await page.getByTestId('dataset.select').selectOption('toy');
      await page.getByTestId('teach.panel').waitFor({ timeout: 120_000 });
      await page.getByTestId('teach.method').selectOption('facility-location');
      await page.getByTestId('teach.budget').fill('12');
    },
    async run(page) {
      await page.getByTestId('teach.play').click();
      await page
        .getByTestId('teach.status')
        .filter({ hasText: 'Step 12 of 12' })
        .waitFor({ timeout: 120_000 });
      await page.getByTestId('teach.method').selectOption('subzero');
      await page.getByTestId('teach.status').filter({ hasText: 'K = ' }).waitFor({ timeout: 120_000 });
    },
  },
};
