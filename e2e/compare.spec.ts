import { ARTIFACTS, expect, slow, test } from './fixtures';
import { expectNoFreezeSince, markLongTasks, observeLongTasks } from './longTasks';

test.describe('compare journey', () => {
  test('MNIST 1k: three methods × two fractions × two seeds fill the curves and the table, and the main thread never freezes during the run', async ({
    wb,
    page,
  }, testInfo) => {
    // Long tasks on the main thread while the plan runs in the worker (registered before the app loads).
    await observeLongTasks(page);
    await wb.open();
    await wb.waitForData(1000);
    await wb.setNumber('training.epochs', 2);
    await page.getByTestId('tab.compare').click();
    const wanted = ['random', 'el2n', 'moderate'];
    const boxes = page.locator('[data-testid^="compare.method."]');
    for (const box of await boxes.all()) {
      const id = (await box.getAttribute('data-testid'))!.slice('compare.method.'.length);
      if (wanted.includes(id)) await box.check();
      else await box.uncheck();
    }
    await page.getByTestId('compare.fraction').fill('0.1, 0.3');
    await wb.setNumber('compare.seeds', 2);
    await expect(page.getByTestId('compare.size')).toHaveText(
      '12 coreset trainings + 2 full-data references',
    );
    const before = await markLongTasks(page);
    await page.getByTestId('compare.run').click();
    await expect(page.getByTestId('compare.progress')).toBeVisible();
    // Curves fill in while the plan runs: the chart appears before the last cell.
    await expect(page.getByTestId('compare.chart')).toBeVisible({ timeout: slow(120_000) });
    await expect(page.getByTestId('compare.status')).toContainText('Done: 12 cells', {
      timeout: slow(300_000),
    });

    const table = page.getByTestId('compare.table');
    await expect(table.getByTestId('compare.row')).toHaveCount(6);
    await expect(table.getByTestId('compare.full')).toBeVisible();
    for (const cell of await table.getByTestId('compare.accuracy').all())
      await expect(cell).toHaveText(/^\d+\.\d ± \d+\.\d%$/);
    // Each non-random row carries its paired verdict against random (two seeds: paired by seed).
    const verdicts = table.getByTestId('compare.vsRandom');
    await expect(verdicts).toHaveCount(4);
    for (const v of await verdicts.all()) {
      await expect(v).toHaveAttribute('data-verdict', /^(better|level|worse)$/);
      await expect(v).toHaveText(/^[+−]\d+\.\d (better|level|worse)$/);
      await expect(v).toHaveText(/^[+−]\d+\.\d (better|level|worse)$/);
    }
    const chart = page.getByTestId('compare.chart');
    await expect(chart.locator('g.series')).toHaveCount(4); // three methods + full data
    await expect(chart.locator('g.series:not([data-name="full data"]) circle.point')).toHaveCount(6);
    await expect(chart.locator('path.band')).toHaveCount(1); // random ± std over its two seeds
    // Lines are named by method name, not id.
    await expect(chart.locator('.legend-label')).toHaveText(['Random', 'EL2N', 'Moderate-DS', 'full data']);
    // From the click to the finished table: progress, streamed records, curves and table redraws.
    await expectNoFreezeSince(page, before, testInfo, 'the comparison run');
    await page.getByTestId('compare.panel').screenshot({ path: `${ARTIFACTS}/compare-mnist-1k.png` });
  });

  test('in-training methods run beside the rest: SWaST and RETRIEVE rows name the setting they trained in', async ({
    wb,
    page,
  }) => {
    await wb.open();
    await wb.waitForData(1000);
    await wb.setNumber('training.epochs', 1);
    await page.getByTestId('tab.compare').click();
    const wanted = ['random', 'swast', 'retrieve'];
    for (const box of await page.locator('[data-testid^="compare.method."]').all()) {
      const id = (await box.getAttribute('data-testid'))!.slice('compare.method.'.length);
      if (wanted.includes(id)) await box.check();
      else await box.uncheck();
    }
    await expect(page.getByTestId('compare.panel')).toContainText('SWaST (in-training, supervised)');
    await expect(page.getByTestId('compare.panel')).toContainText('RETRIEVE (in-training, semi-supervised)');
    await page.getByTestId('compare.fraction').fill('0.1');
    await wb.setNumber('compare.seeds', 1);
    await expect(page.getByTestId('compare.size')).toHaveText('3 coreset trainings + 1 full-data reference');
    await page.getByTestId('compare.run').click();
    await expect(page.getByTestId('compare.status')).toContainText('Done: 3 cells', {
      timeout: slow(300_000),
    });
    const table = page.getByTestId('compare.table');
    await expect(table.getByTestId('compare.row')).toHaveCount(3);
    for (const cell of await table.getByTestId('compare.accuracy').all())
      await expect(cell).toHaveText(/^\d+\.\d%$/);
    await expect(table.getByTestId('compare.setting')).toHaveCount(2);
    // One seed: a difference with no interval gets no verdict word (not "level" beside a gap).
    const oneSeed = table.getByTestId('compare.vsRandom');
    await expect(oneSeed).toHaveCount(2);
    for (const v of await oneSeed.all()) await expect(v).toHaveText(/^[+−]\d+\.\d \(1 seed\)$/);
    const settings = page.getByTestId('compare.settings');
    await expect(settings).toContainText(/swast 10% trained in its own loop: supervised, in-training/);
    await expect(settings).toContainText(
      /retrieve 10% trained in its own loop: semi-supervised \(fixmatch\): 100 labeled \+ 1000 unlabeled/,
    );
    await expect(page.getByTestId('compare.skipped')).toHaveCount(0);
  });

  test('a preset with an in-training method shows the paper claim, skips nothing, and cancels cleanly', async ({
    wb,
    page,
  }) => {
    await wb.open();
    await wb.waitForData(1000);
    await page.getByTestId('tab.compare').click();
    await page.getByText('Paper presets').click();
    await page.getByTestId('compare.preset.retrieve-ood').click();
    await expect(page.getByTestId('compare.claim')).toContainText('Paper reported');
    await expect(page.getByTestId('compare.claim')).toContainText('fewer OOD points than random');
    await expect(page.getByTestId('compare.claim')).toContainText('RETRIEVE (semi-supervised');
    await expect(page.getByTestId('compare.skipped')).toHaveCount(0);
    await expect(page.getByTestId('compare.progress')).toBeVisible();
    await page.getByTestId('compare.cancel').click();
    await expect(page.getByText(/^Cancelled;/)).toBeVisible({ timeout: slow(60_000) });
    await expect(page.getByTestId('compare.run')).toBeEnabled();
  });
});
