/** Guided lessons (issue 19): a lesson sets up its data and methods and its runs answer its question. */
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

test('the "what a coreset is" lesson plays to the end and answers its question from the runs', async ({
  wb,
  page,
}) => {
  await wb.open();
  await wb.waitForData(1000);
  await page.getByTestId('tab.lessons').click();
  await page.getByTestId('lesson.open.what-is-a-coreset').click();
  const view = page.getByTestId('lesson.view');
  await expect(view).toContainText('What a coreset is');
  // Each step: run it, see its result in the lesson (the lesson keeps the front).
  for (const i of [0, 1]) {
    await page.getByTestId(`lesson.step.${i}`).click();
    await expect(page.getByTestId(`lesson.result.${i}`)).toContainText('% test accuracy', {
      timeout: 150_000,
    });
    await expect(page.getByTestId('tab.lessons')).toHaveAttribute('aria-selected', 'true');
  }
  const answer = page.getByTestId('lesson.answer');
  await expect(answer).toContainText(/All data: \d+\.\d%; random 10%: \d+\.\d% \([+−]\d+\.\d points\)/);
  // The numbers in the answer are the runs' own.
  const table = await page.getByTestId('results.accuracy').allTextContents();
  for (const acc of table) await expect(answer).toContainText(acc);
  await expect(answer).toBeInViewport();
  await page.screenshot({ path: 'e2e/artifacts/lesson-what-is-a-coreset-1280x800.png' });
});
