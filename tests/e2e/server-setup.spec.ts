// The desktop app's first-run "which server?" screen, in Chromium: the console is given a stand-in for the
// preload bridge (window.dispatchDesktop) that keeps the chosen server in localStorage, as main keeps it in
// its settings file. Main's own side (validation, the file, the CSP) is tested in tests/unit/main.
import { expect, test } from './fixtures';

const SAVED = 'fake-desktop-server-url';

test.beforeEach(async ({ page }) => {
  await page.addInitScript((key) => {
    window.dispatchDesktop = {
      platform: 'linux',
      appVersion: '0.0.0-test',
      getServerUrl: async () => localStorage.getItem(key),
      setServerUrl: async (url: string) => {
        // What Electron makes of an error thrown by main's handler.
        if (url.includes('unsaveable')) {
          throw new Error(
            "Error invoking remote method 'settings:set-server-url': Error: The desktop settings could not be saved: disk full",
          );
        }
        localStorage.setItem(key, url);
      },
      onMenuCommand: () => () => undefined,
    };
  }, SAVED);
});

test('the first run asks which server, checks the address and remembers it', async ({ page, serverUrl }) => {
  await page.goto(serverUrl);
  await expect(page.getByRole('heading', { name: 'Which server?' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveCount(0);
  const address = page.getByRole('textbox', { name: 'Server address' });
  const use = page.getByRole('button', { name: 'Use this server' });

  await address.fill('dispatch.example.com');
  await use.click();
  await expect(page.getByRole('alert')).toContainText('"dispatch.example.com" is not a server address');
  await address.fill('ftp://dispatch.example.com');
  await use.click();
  await expect(page.getByRole('alert')).toContainText('must start with http:// or https://, not ftp://');
  expect(await page.evaluate((key) => localStorage.getItem(key), SAVED)).toBeNull();
  await page.screenshot({ path: test.info().outputPath('server-setup.png') });

  await address.fill('http://unsaveable.example.com');
  await use.click();
  await expect(page.getByRole('alert')).toContainText('The desktop settings could not be saved: disk full');
  await expect(page.getByRole('alert')).not.toContainText('Error invoking remote method');

  // Only the origin is kept; the window reloads so the policy admits the new server.
  await address.fill(`${serverUrl}/board?view=week`);
  await use.click();
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeVisible();
  await expect(page.getByText(`Server: ${serverUrl}`)).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), SAVED)).toBe(serverUrl);

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Which server?' })).toHaveCount(0);
});

test('the sign-in screen leads back to the server choice, which can be cancelled', async ({ page, serverUrl }) => {
  await page.addInitScript(
    ([key, url]) => localStorage.getItem(key!) ?? localStorage.setItem(key!, url!),
    [SAVED, serverUrl],
  );
  await page.goto(serverUrl);
  await page.getByRole('button', { name: 'Change server' }).click();
  await expect(page.getByRole('heading', { name: 'Which server?' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Server address' })).toHaveValue(serverUrl);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeVisible();
});

test('web mode never asks: the console talks to the server that serves it', async ({ browser, serverUrl }) => {
  const page = await browser.newPage();
  await page.goto(serverUrl);
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Which server?' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Change server' })).toHaveCount(0);
  await page.close();
});
