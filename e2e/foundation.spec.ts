import { expect, slow, test } from './fixtures';
import { hooks } from './hooks';
import { expectNoFreezeSince, markLongTasks, observeLongTasks } from './longTasks';

test.describe('foundation journeys', () => {
  test('MNIST 1k: train the MLP one epoch on WebGPU, then a 10% random coreset', async ({ wb, page }) => {
    await wb.open('backend=webgpu');
    await expect(page.getByTestId('backend.badge')).toContainText('webgpu');
    await wb.waitForData(1000);
    await expect(page.getByTestId('dataset.samples')).toBeVisible();
    await wb.setNumber('training.epochs', 1);
    const full = await wb.trainFull();
    expect(full).toMatch(/^\d+\.\d%$/);
    await wb.setNumber('methods.fraction', 0.1);
    const coreset = await wb.runCoreset('random');
    expect(coreset).toMatch(/^\d+\.\d%$/);
    const kept = page.getByTestId('results.row.coreset').last().locator('td.num').first();
    await expect(kept).toHaveText('100');
    await expect(page.getByTestId('run.details')).toBeVisible();
    await wb.screenshot('foundation-mnist-webgpu');
  });

  test('automatic backend: every backend is measured, software WebGPU loses, the figures are shown', async ({
    wb,
    page,
  }) => {
    await wb.open();
    const badge = page.getByTestId('backend.badge');
    // A first visit starts on wasm at once (the WebGPU adapter is software) and measures every
    // other backend once the worker is idle (issue 21); the figures then reach the header.
    await expect(badge).toContainText('wasm · software');
    await expect(badge).toContainText(
      /fastest measured here \(GFLOP\/s: webgpu [\d.]+, webgl [\d.]+, wasm [\d.]+, cpu [\d.]+/,
      { timeout: slow(90_000) },
    );
    const figures = Object.fromEntries(
      [...((await badge.textContent()) ?? '').matchAll(/(webgpu|webgl|wasm|cpu) ([\d.]+)/g)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    expect(figures.wasm).toBeGreaterThan(figures.webgpu!);
    // Still idle, the worker times one warm training step of the default model on each backend
    // and takes the fastest step; the header names the workload and shows the figures.
    const step =
      /fastest training step for mlp on 28×28×1 \(ms\/step, batch 64: (webgpu|webgl|wasm|cpu) ([\d.]+|✗)/;
    await expect(badge).toContainText(step, { timeout: slow(90_000) });
    await expect(badge).toContainText('mlp on 28×28×1');
    await expect(badge).toContainText(/at start: fastest measured here/);
    console.log(
      `workload pick: ${await page.getByTestId('backend.badge').locator('.backend-reason').textContent()}`,
    );
    await wb.waitForData(1000);
    await wb.setNumber('training.epochs', 1);
    await wb.trainFull();
    await expect(badge).toContainText(step);
    // A reload reads the figures from this device's cache instead of probing again, both of them.
    await page.reload();
    await expect(badge).toContainText('from this device’s cache', { timeout: slow(90_000) });
    await wb.waitForData(1000);
    await wb.setNumber('training.epochs', 1);
    await wb.trainFull();
    await expect(badge).toContainText(/batch 64: .*from this device’s cache\); at start/);
  });

  test('Fashion-MNIST loads with its class names and trains a CNN on a coreset', async ({ wb, page }) => {
    await wb.open();
    await page.getByTestId('dataset.select').selectOption('fashion');
    await page.getByTestId('dataset.load').click();
    await expect(page.getByTestId('dataset.overview')).toContainText('Fashion-MNIST');
    await wb.waitForData(1000);
    await expect(page.getByTestId('dataset.classCounts')).toContainText('Ankle boot');
    await page.getByTestId('training.model').selectOption('cnn');
    await wb.setNumber('training.epochs', 1);
    await wb.setNumber('methods.fraction', 0.2);
    const acc = await wb.runCoreset('random');
    expect(acc).toMatch(/%$/);
    await wb.screenshot('foundation-fashion-cnn');
  });

  test('2-D toy: scatter shows kept and pruned points after a random coreset', async ({ wb, page }) => {
    await wb.open();
    await page.getByTestId('dataset.select').selectOption('toy');
    await wb.waitForData(600);
    await expect(page.getByTestId('dataset.toyScatter')).toBeVisible();
    await page.getByTestId('dataset.toyNoise').fill('0.4');
    await wb.waitForData(600);
    await wb.setNumber('training.epochs', 5);
    await wb.setNumber('methods.fraction', 0.25);
    await wb.runCoreset('random');
    await expect(page.getByTestId('run.toyScatter')).toBeVisible();
    await expect(page.getByTestId('run.toyScatter')).toContainText('150 kept');
    await wb.screenshot('foundation-toy');
  });

  test('bad input is refused with a reason and loses nothing', async ({ wb, page }) => {
    await wb.open();
    await wb.waitForData(1000);
    await wb.setNumber('methods.fraction', 1.5);
    await expect(page.getByRole('alert').filter({ hasText: 'between 0.0001 and 1' })).toBeVisible();
    await wb.setNumber('methods.fraction', 0);
    await expect(page.getByRole('alert').filter({ hasText: 'between 0.0001 and 1' })).toBeVisible();
    await expect(page.getByTestId('dataset.count')).toHaveText('1,000');
    // The last valid fraction (the default 10%) still drives the button.
    await expect(page.getByTestId('methods.random.run')).toContainText('Select 100');
  });
});

test('a training-dynamics baseline (EL2N) computes its signals in the worker and shows its views, with no main-thread freeze during the run', async ({
  wb,
  page,
}, testInfo) => {
  await observeLongTasks(page);
  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('methods.select').selectOption('el2n');
  await expect(page.getByTestId('methods.help')).toContainText('Data Diet');
  await wb.setNumber('training.epochs', 2);
  await wb.setNumber('methods.fraction', 0.3);
  const before = await markLongTasks(page);
  const acc = await wb.runCoreset('el2n');
  expect(acc).toMatch(/%$/);
  const details = page.getByTestId('run.details');
  await expect(details.locator('svg[role="img"]').first()).toBeVisible();
  await expect(page.getByTestId('run.keptGrid')).toBeVisible();
  await expect(details).toContainText('Ranked by EL2N');
  await expectNoFreezeSince(page, before, testInfo, 'the EL2N run and its views');
  // Hovering a ranked image names the sample and its numbers.
  const ranking = details.locator('svg[role="img"]').filter({ hasText: 'Ranked by EL2N' }).last();
  await ranking.scrollIntoViewIfNeeded();
  const box = (await ranking.boundingBox())!;
  const hover = page.getByTestId('run.hover');
  scan: for (let gy = 0.1; gy < 1; gy += 0.08)
    for (let gx = 0.05; gx < 0.5; gx += 0.1) {
      await page.mouse.move(box.x + box.width * gx, box.y + box.height * gy);
      if (await hover.isVisible()) break scan;
    }
  await expect(hover).toContainText(/row \d+ · label \d · score [\d.]+ · (kept|pruned)/);
  await wb.screenshot('baseline-el2n');
});

test('a long training run shows progress, cancels within seconds, and the app stays usable', async ({
  wb,
  page,
}, testInfo) => {
  await wb.open();
  await wb.waitForData(1000);
  const before = await hooks(page).workerMemory();
  await wb.setNumber('training.epochs', 200);
  await page.getByTestId('training.train').click();
  const row = page.getByTestId('results.row.full').last();
  await expect(row.getByTestId('run.progress')).toBeVisible();
  await expect(page.getByTestId('training.curves')).toBeVisible();
  await expect(row.getByTestId('run.progress')).toContainText('Training');
  // Measured in the page, from the click to the row saying cancelled.
  const cancelMs = await page.evaluate(async () => {
    const cancel = document.querySelector<HTMLButtonElement>('[data-testid="run.cancel"]')!;
    const t0 = performance.now();
    cancel.click();
    while (!document.querySelector('[data-testid="results.row.full"] .status-cancelled'))
      await new Promise((r) => setTimeout(r, 5));
    return performance.now() - t0;
  });
  console.log(`cancel took ${cancelMs.toFixed(0)} ms`);
  testInfo.annotations.push({ type: 'cancel took', description: `${cancelMs.toFixed(0)} ms` });
  // Within seconds on any machine (~0.2 s on the 2-core dev box): the verdict on speed is only
  // against a hang. That the same worker stopped on its own (no kill after the app's 1 s
  // fallback) is checked below through its generation.
  expect(cancelMs).toBeLessThan(5000);
  await expect(row.locator('.status-cancelled')).toBeVisible();
  // The same worker stopped cooperatively and freed every tensor the run made.
  const after = await hooks(page).workerMemory();
  expect(after.generation).toBe(before.generation);
  expect(after.jobs).toBe(0);
  expect(after.numTensors).toBe(before.numTensors);
  // Nothing was lost and the next run works.
  await expect(page.getByTestId('dataset.count')).toHaveText('1,000');
  await wb.setNumber('training.epochs', 1);
  await wb.runCoreset('random');
});

test('training dynamics: the data map rings injected label noise', async ({ wb, page }) => {
  await wb.open('v=1&noise=0.2');
  await wb.waitForData(1000);
  await wb.setNumber('training.epochs', 4);
  await page.getByTestId('tab.in-training').click();
  await page.getByTestId('signals.record').click();
  await expect(page.getByTestId('signals.summary')).toContainText('4 epochs recorded', {
    timeout: slow(120_000),
  });
  const panel = page.getByTestId('signals.panel');
  await expect(panel.locator('svg[role="img"]')).toHaveCount(3);
  await expect(panel).toContainText('injected label noise');
  // Hovering the data map shows that sample's trajectory over the epochs.
  const map = panel.locator('.hover-target').first();
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  const trajectory = page.getByTestId('signals.trajectory');
  scan: for (let gy = 0.05; gy < 1; gy += 0.1)
    for (let gx = 0.05; gx < 1; gx += 0.05) {
      await page.mouse.move(box.x + box.width * gx, box.y + box.height * gy);
      if (await trajectory.isVisible()) break scan;
    }
  await expect(trajectory).toContainText('per epoch:');
  await wb.screenshot('signals-data-map');
});

test('a recorded training run survives a reload (IndexedDB signal cache)', async ({ wb, page }) => {
  await wb.open('v=1&epochs=2');
  await wb.waitForData(1000);
  await page.getByTestId('tab.in-training').click();
  await page.getByTestId('signals.record').click();
  await expect(page.getByTestId('signals.summary')).toContainText('2 epochs recorded in', {
    timeout: slow(120_000),
  });
  await page.reload();
  await wb.waitForData(1000);
  await page.getByTestId('tab.in-training').click();
  await page.getByTestId('signals.record').click();
  await expect(page.getByTestId('signals.summary')).toContainText('(from the cache)', {
    timeout: slow(60_000),
  });
});
