/**
 * Chromium's CPU throttling (DevTools protocol `Emulation.setCPUThrottlingRate`) for one page:
 * the page's renderer runs `rate` times slower, as on a slower machine. `E2E_CPU_THROTTLE=4`
 * applies it to every page of the e2e suite (e2e/fixtures.ts); bench/mainThread.ts measures each
 * journey with and without it.
 */
import type { Page } from '@playwright/test';

/**
 * The suite-wide rate from `E2E_CPU_THROTTLE` (1 = none). Anything but a number ≥ 1 stops the
 * run with one line saying so.
 */
export function suiteThrottle(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.E2E_CPU_THROTTLE;
  if (raw === undefined || raw === '') return 1;
  const rate = Number(raw);
  if (Number.isFinite(rate) && rate >= 1) return rate;
  console.error(`E2E_CPU_THROTTLE must be a number ≥ 1 (how many times slower the page runs), got "${raw}"`);
  process.exit(1);
}

export async function throttleCpu(page: Page, rate: number): Promise<void> {
  if (rate === 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}
