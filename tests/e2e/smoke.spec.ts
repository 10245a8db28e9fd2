import { expect, test } from './fixtures';

test('web mode serves the console', async ({ page, serverUrl }) => {
  await page.goto(serverUrl);
  await expect(page).toHaveTitle('Dispatch Console');
  await expect(page.getByRole('heading', { name: 'Dispatch Console' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('smoke.png'), fullPage: true });
});
