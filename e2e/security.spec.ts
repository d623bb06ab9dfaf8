import { expect, test } from './fixtures';

test('the page runs under a same-origin CSP and requests nothing from other origins', async ({
  wb,
  page,
  errors,
}) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return; // data:, blob:
    if (url.origin !== `http://localhost:${process.env.E2E_PORT ?? 4173}`) foreign.push(r.url());
  });
  await wb.open();
  await wb.waitForData(1000);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  // A full journey under the policy: wasm compiles, the worker trains, charts draw.
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');
  await expect(page.getByTestId('run.details')).toBeVisible();
  // A request to another origin is refused by the policy (and would be listed below).
  const blocked = await page.evaluate(() =>
    fetch('https://example.com/').then(
      () => 'sent',
      () => 'refused',
    ),
  );
  expect(blocked).toBe('refused');
  // The browser reports the refusal on the console; that one is expected, nothing else is.
  const refusal = errors.findIndex(
    (e) => /example\.com/.test(e) && /Content Security Policy|Refused/i.test(e),
  );
  expect(refusal).toBeGreaterThanOrEqual(0);
  for (let i = errors.length - 1; i >= 0; i--) if (/example\.com/.test(errors[i]!)) errors.splice(i, 1);
  expect(foreign.filter((u) => !u.startsWith('https://example.com'))).toEqual([]);
});
