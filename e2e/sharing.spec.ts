import { expect, slow, test } from './fixtures';

test('a shared link opens the same setup in a new tab', async ({ wb, page, context }) => {
  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('methods.select').selectOption('el2n');
  await page.getByTestId('methods.el2n.keep').selectOption('easiest');
  await wb.setNumber('methods.fraction', 0.25);
  await wb.setNumber('training.epochs', 2);
  await page.getByTestId('training.model').selectOption('linear');
  await page.getByText('Corruptions (ground truth kept)').click();
  await wb.setNumber('dataset.noise', 0.1);
  await wb.setNumber('spec.seed', 7);
  await expect(page).toHaveURL(/seed=7/);
  const link = page.url();
  const spec = await page.evaluate(
    () =>
      (window as unknown as { __workbench: { getState(): { spec: unknown } } }).__workbench.getState().spec,
  );

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('methods.select')).toHaveValue('el2n');
  await expect(other.getByTestId('methods.el2n.keep')).toHaveValue('easiest');
  await expect(other.getByTestId('methods.fraction')).toHaveValue('0.25');
  await expect(other.getByTestId('training.epochs')).toHaveValue('2');
  await expect(other.getByTestId('training.model')).toHaveValue('linear');
  await expect(other.getByTestId('dataset.noise')).toHaveValue('0.1');
  await expect(other.getByTestId('spec.seed')).toHaveValue('7');
  const shared = await other.evaluate(
    () =>
      (window as unknown as { __workbench: { getState(): { spec: unknown } } }).__workbench.getState().spec,
  );
  expect(shared).toEqual(spec);
  // The data it loads is the one the link describes: noise injected with seed 7.
  await expect(other.getByTestId('dataset.overview')).toContainText('noisy labels injected', {
    timeout: slow(90_000),
  });
  await other.close();
});
