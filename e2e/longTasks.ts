/**
 * Main-thread long tasks (PerformanceObserver 'longtask') during a stretch of a journey. The
 * observer is registered before the app loads (an init script); work must be started by clicks,
 * since work started from page.evaluate is not reported (see NOTES-tfjs.md).
 */
import type { Page, TestInfo } from '@playwright/test';

type WithLongTasks = { __longTasks: number[] };

/** Long tasks over 50 ms block input for a visible moment: issue 10's limit for the main thread. */
export const LONG_TASK_LIMIT_MS = 50;

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
  testInfo.annotations.push({ type: `long tasks during ${what}`, description: `${all.length}, longest ${longestMs} ms` });
  await testInfo.attach(`long-tasks-${what.replace(/\W+/g, '-')}.json`, {
    body: JSON.stringify({ count: all.length, longestMs, all }),
    contentType: 'application/json',
  });
  console.log(`${what}: ${all.length} long tasks on the main thread, longest ${longestMs} ms`);
  return { count: all.length, longestMs, all };
}
