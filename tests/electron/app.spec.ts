import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../server/demo';
import { binary, expect, skipWithoutElectron, test } from './fixtures';

skipWithoutElectron();

test('the desktop window loads the local console and bridges to main', async ({ desktop }) => {
  const { page, serverUrl } = desktop;
  await expect(page).toHaveTitle('Dispatch Console');
  expect(page.url()).toBe('app://dispatch/index.html');

  const api = await page.evaluate(async () => ({
    platform: window.dispatchDesktop?.platform,
    appVersion: window.dispatchDesktop?.appVersion,
    serverUrl: await window.dispatchDesktop?.getServerUrl(),
  }));
  expect(api).toEqual({ platform: process.platform, appVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), serverUrl });
});

test('the server URL is validated and kept in userData', async ({ desktop }) => {
  const { page, userData } = desktop;
  const refused = await page.evaluate(() =>
    window.dispatchDesktop!.setServerUrl('file:///etc/passwd').then(
      () => 'accepted',
      (error: Error) => error.message,
    ),
  );
  expect(refused).toContain('must start with http:// or https://');

  await page.evaluate(() => window.dispatchDesktop!.setServerUrl('https://dispatch.example.com/board'));
  const saved = JSON.parse(await readFile(join(userData, 'dispatch-desktop.json'), 'utf8')) as { serverUrl: string };
  expect(saved.serverUrl).toBe('https://dispatch.example.com');
});

test('menu items send their command to the console', async ({ desktop }) => {
  const { app, page } = desktop;
  await page.evaluate(() => {
    const received: string[] = [];
    (window as unknown as { received: string[] }).received = received;
    window.dispatchDesktop!.onMenuCommand((command) => received.push(command));
  });
  const accelerator = await app.evaluate(({ Menu }) => {
    const item = Menu.getApplicationMenu()!.getMenuItemById('find')!;
    (item.click as () => void)();
    return item.accelerator;
  });
  expect(accelerator).toBe('CmdOrCtrl+K');
  await expect.poll(() => page.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual(['find']);
});

test('a second copy hands over to the first and quits', async ({ desktop }) => {
  const second = spawn(binary!, ['out/main/index.js'], {
    env: { ...process.env, DISPATCH_SERVER_URL: desktop.serverUrl, DISPATCH_USER_DATA_DIR: desktop.userData },
    stdio: 'ignore',
  });
  const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
  expect(code).toBe(0);
  expect(await desktop.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('signing in reaches the board', async ({ desktop }) => {
  const { page } = desktop;
  await page.getByRole('textbox', { name: 'Email' }).fill('dispatcher@demo.test');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Online means the socket reached the server from app:// past CORS and the CSP.
  await expect(page.locator('[data-sync-state="online"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-tech-id]').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('desktop-board.png') });
});
