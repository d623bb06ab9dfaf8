import { expect, test } from './fixtures';

test('layout at 1280×800 and 1920×1080: nothing overflows, panels in data-flow order, keyboard reaches every control', async ({
  wb,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await wb.open();
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');
  await expect(page.getByTestId('run.details')).toBeVisible();
  // Setup reads top to bottom in the order data flows.
  const headings = await page.locator('aside.controls h2').allTextContents();
  expect(headings.slice(0, 4)).toEqual(['1 · Data', '2 · Model', '3 · Signals', '4 · Coreset']);
  // The signals panel says what the run just computed and cached.
  await expect(page.getByTestId('signals.row.pixels')).toHaveAttribute('data-state', 'memory');
  await expect(page.getByTestId('signals.row.record')).toHaveAttribute('data-state', 'none');
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `no horizontal scroll at ${size.width}`).toBeLessThanOrEqual(0);
    await page
      .getByTestId('signals.cache')
      .screenshot({ path: `e2e/artifacts/layout-${size.width}x${size.height}-signals.png` });
    await page.screenshot({ path: `e2e/artifacts/layout-${size.width}x${size.height}.png` });
    await wb.screenshot(`layout-${size.width}x${size.height}-full`);
  }

  // Keyboard: every control is reachable, labelled, and shows where focus is.
  await page.setViewportSize({ width: 1280, height: 800 });
  const seen: { what: string; name: string; outline: string }[] = [];
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < 90; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const byIds = (ids: string | null) =>
        ids
          ? ids
              .split(' ')
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' ')
          : '';
      const labels = (el as HTMLInputElement).labels;
      const name =
        el.getAttribute('aria-label') ||
        byIds(el.getAttribute('aria-labelledby')) ||
        (labels && labels.length ? (labels[0]!.textContent ?? '') : '') ||
        (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) ? (el.textContent ?? '') : '') ||
        el.getAttribute('title') ||
        '';
      const cs = getComputedStyle(el);
      return {
        what: `${el.tagName.toLowerCase()}#${el.id}[${el.getAttribute('data-testid') ?? ''}]`,
        name: name.trim(),
        outline: `${cs.outlineStyle} ${cs.outlineWidth}`,
      };
    });
    if (info) seen.push(info);
  }
  const names = seen.map((s) => s.name);
  for (const want of [
    'Dataset',
    'Load data',
    'Model',
    'Epochs',
    'Method',
    'Export table (CSV)',
    'JSON',
    'SVG',
  ])
    expect(
      names.some((n) => n.startsWith(want)),
      `${want} reachable by Tab (saw ${names.join(' | ')})`,
    ).toBe(true);
  expect(
    names.some((n) => /^Random 10%/.test(n)),
    'a run opens from the keyboard',
  ).toBe(true);
  // Every focused control has an accessible name and a visible focus ring.
  for (const s of seen) {
    expect(s.name, `${s.what} has a name`).not.toBe('');
    expect(s.outline, `${s.what} "${s.name}" shows focus`).toMatch(/solid 3px/);
  }
});
