/**
 * Shared fixture: every spec fails on an uncaught page error or a worker error (they surface as
 * console errors/warnings), and gets a page object with the app's test ids. With
 * `E2E_CPU_THROTTLE=N` every page runs N times slower (Chromium CPU throttling), and `slow(ms)`
 * stretches a spec's own timeouts by the same factor.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { suiteThrottle, throttleCpu } from './throttle';

const THROTTLE = suiteThrottle();

/** A timeout for this run: `ms` times the suite's CPU throttling factor. */
export const slow = (ms: number): number => ms * THROTTLE;

export const ARTIFACTS = 'e2e/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

export class Workbench {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/?test${query ? `&${query}` : ''}`);
    await expect(this.page.getByTestId('backend.badge')).not.toContainText('starting', {
      timeout: slow(90_000),
    });
  }

  async waitForData(count?: number): Promise<void> {
    const c = this.page.getByTestId('dataset.count');
    if (count !== undefined)
      await expect(c).toHaveText(count.toLocaleString('en'), { timeout: slow(90_000) });
    else await expect(c).toBeVisible({ timeout: slow(90_000) });
    await expect(this.page.getByTestId('dataset.load')).toBeEnabled();
  }

  async setNumber(testId: string, value: number | string): Promise<void> {
    const input = this.page.getByTestId(testId);
    await input.fill(String(value));
  }

  async trainFull(): Promise<string> {
    await this.page.getByTestId('training.train').click();
    const row = this.page.getByTestId('results.row.full').last();
    await expect(row.locator('.status-done')).toBeVisible({ timeout: slow(150_000) });
    return (await row.getByTestId('results.accuracy').textContent()) ?? '';
  }

  async runCoreset(method: string): Promise<string> {
    await this.page.getByTestId(`methods.${method}.run`).click();
    const row = this.page.getByTestId('results.row.coreset').last();
    await expect(row.locator('.status-done')).toBeVisible({ timeout: slow(150_000) });
    return (await row.getByTestId('results.accuracy').textContent()) ?? '';
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
  }
}

export const test = base.extend<{ wb: Workbench; errors: string[] }>({
  page: async ({ page }, use) => {
    await throttleCpu(page, THROTTLE);
    // Pages a spec opens itself (a second tab) run as slowly.
    page.context().on('page', (p) => void throttleCpu(p, THROTTLE));
    await use(page);
  },
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      const t = m.text();
      if (m.type() === 'error') errors.push(`console.error: ${t}`);
      if (m.type() === 'warning' && /worker|uncaught/i.test(t)) errors.push(`console.warning: ${t}`);
    });
    await use(errors);
    expect(errors, 'no page, console or worker errors').toEqual([]);
  },
  wb: async ({ page, errors }, use) => {
    void errors;
    await use(new Workbench(page));
  },
});

export { expect };
