// The colour scheme (issue 15): it follows the operating system until the dispatcher chooses Light or Dark
// in the account menu; the choice survives a reload and every window of the console follows it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openBoard } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

const scheme = (page: Page) => page.locator('html');

/** Chooses one of the account menu's colour schemes (the menu stays open), and checks it is marked as chosen. */
async function choose(page: Page, name: 'Light' | 'Dark' | 'Follow system') {
  await page.getByRole('button', { name: 'Account' }).click();
  const group = page.getByRole('menu').getByRole('group', { name: 'Color scheme' });
  await group.getByRole('menuitemradio', { name }).click();
  await expect(group.getByRole('menuitemradio', { name })).toHaveAttribute('aria-checked', 'true');
  await expect(group.getByRole('menuitemradio', { checked: true })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
}

test('the colour scheme follows the system until the dispatcher chooses one, and the choice is remembered', async ({
  page,
  serverUrl,
}) => {
  // Nothing chosen: the sign-in page and the board are dark under a dark system, and follow it live.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(serverUrl);
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await openBoard(page, serverUrl);
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.getByRole('button', { name: 'Account' }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Follow system' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');

  // Light, chosen under a dark system, stays light after a reload and when the system changes.
  await choose(page, 'Light');
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.reload();
  await expect(page.locator('[data-tech-id]').first()).toBeVisible({ timeout: 20_000 });
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'light');

  // A second window of the console (same origin) opens in the chosen scheme and follows a new choice live.
  const second = await page.context().newPage();
  await second.emulateMedia({ colorScheme: 'dark' });
  await second.goto(serverUrl);
  await expect(second.locator('[data-tech-id]').first()).toBeVisible({ timeout: 20_000 });
  await expect(scheme(second)).toHaveAttribute('data-mantine-color-scheme', 'light');
  await choose(page, 'Dark');
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(scheme(second)).toHaveAttribute('data-mantine-color-scheme', 'dark');

  // Follow system: back to the system's scheme, live, in both windows.
  await page.emulateMedia({ colorScheme: 'light' });
  await second.emulateMedia({ colorScheme: 'light' });
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await choose(page, 'Follow system');
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'light');
  await expect(scheme(second)).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.reload();
  await expect(page.locator('[data-tech-id]').first()).toBeVisible({ timeout: 20_000 });
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await second.close();
});

test('the page is painted in the right scheme before the app’s code runs: no white flash in dark mode', async ({
  page,
  serverUrl,
}) => {
  // The app's own code never runs here, so whatever colours the page comes from the page's first script.
  await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(serverUrl);
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'dark');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).not.toBe('rgb(255, 255, 255)');
  // A dispatcher who chose Light gets light at once, whatever the system says.
  await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
  await page.reload();
  await expect(scheme(page)).toHaveAttribute('data-mantine-color-scheme', 'light');
  expect(await background()).toBe('rgb(255, 255, 255)');
});
