/**
 * Main-thread long tasks (PerformanceObserver 'longtask') during a stretch of a journey. The
 * observer is registered before the app loads (an init script); work must be started by clicks,
 * since work started from page.evaluate is not reported (see docs/tfjs-notes.md).
 *
 * Tests assert behaviour, not speed: a journey fails only on a freeze no healthy machine
 * reaches (FREEZE_CEILING_MS), and reports the longest task it measured. The 50 ms goal is
 * measured by `npm run bench -- main-thread` (bench/mainThread.ts), at full speed and under 4×
 * CPU throttling.
 */
import { expect, type Page, type TestInfo } from '@playwright/test';
import { suiteThrottle } from './throttle';

type WithLongTasks = { __longTasks: number[] };

/**
 * A main-thread task this long is a freeze, not a slow machine: the journeys' longest task takes
 * 10–25 ms of CPU at full speed on the 2-core dev box, and 40–130 ms of wall time there once other
 * work competes for the cores (README, Performance), so a machine several times slower still
 * passes. Under `E2E_CPU_THROTTLE=N` the page is N times slower, and so is the ceiling.
 */
export const FREEZE_CEILING_MS = 400 * suiteThrottle();

export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as WithLongTasks;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Starts a window: the tasks seen from now on are the ones `end` reports. */
export async function markLongTasks(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as WithLongTasks).__longTasks.length);
}

/** The long tasks since `from`, recorded on the test (annotation + attachment) and logged. */
export async function longTasksSince(
  page: Page,
  from: number,
  testInfo: TestInfo,
  what: string,
): Promise<{ count: number; longestMs: number; all: number[] }> {
  const all = (await page.evaluate(() => (window as unknown as WithLongTasks).__longTasks))
    .slice(from)
    .map(Math.round);
  const longestMs = Math.max(0, ...all);
  testInfo.annotations.push({
    type: `long tasks during ${what}`,
    description: `${all.length}, longest ${longestMs} ms`,
  });
  await testInfo.attach(`long-tasks-${what.replace(/\W+/g, '-')}.json`, {
    body: JSON.stringify({ count: all.length, longestMs, all }),
    contentType: 'application/json',
  });
  console.log(`${what}: ${all.length} long tasks on the main thread, longest ${longestMs} ms`);
  return { count: all.length, longestMs, all };
}

/** Records the long tasks since `from` (as `longTasksSince`) and fails on a freeze over the ceiling. */
export async function expectNoFreezeSince(
  page: Page,
  from: number,
  testInfo: TestInfo,
  what: string,
): Promise<void> {
  const { longestMs } = await longTasksSince(page, from, testInfo, what);
  expect(longestMs, `longest main-thread task during ${what} (ms): a freeze`).toBeLessThan(FREEZE_CEILING_MS);
}
