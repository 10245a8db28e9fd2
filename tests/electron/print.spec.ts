import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, skipWithoutElectron, test } from './fixtures';

skipWithoutElectron();

test('Save as PDF writes the printed day through printToPDF where the dialog says', async ({ desktop }) => {
  const { app, page, userData } = desktop;
  const target = join(userData, 'day.pdf');
  // The system dialog is not part of the test: it answers with a path at once.
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
  }, target);
  await page.getByRole('button', { name: 'dispatcher@demo.test', exact: true }).click();
  await expect(page.locator('[data-tech-id]').first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(page.getByText('PDF saved')).toBeVisible({ timeout: 20_000 });
  const pdf = await readFile(target);
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
});
