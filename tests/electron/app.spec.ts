import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../server/demo';
import { binary, expect, launchDesktop, skipWithoutElectron, test } from './fixtures';

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
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { received: string[] }).received))
    .toEqual(['find']);
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

test('an installed app asks for its server on the first run and opens on it from then on', async ({ serverUrl }) => {
  const userData = await mkdtemp(join(tmpdir(), 'dispatch-electron-first-run-'));
  try {
    const first = await launchDesktop(null, userData);
    const page = await first.firstWindow();
    await expect(page.getByRole('heading', { name: 'Which server?' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('textbox', { name: 'Server address' }).fill(`${serverUrl}/board`);
    await page.getByRole('button', { name: 'Use this server' }).click();
    // The reload gives the window a policy that admits this server: the demo logins load from it.
    await expect(page.getByText(`Server: ${serverUrl}`)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Demo logins/)).toBeVisible({ timeout: 30_000 });
    await first.close();
    const saved = JSON.parse(await readFile(join(userData, 'dispatch-desktop.json'), 'utf8')) as { serverUrl: string };
    expect(saved.serverUrl).toBe(serverUrl);

    const again = await launchDesktop(null, userData);
    const reopened = await again.firstWindow();
    await expect(reopened.getByRole('textbox', { name: 'Email' })).toBeVisible({ timeout: 30_000 });
    await expect(reopened.getByRole('heading', { name: 'Which server?' })).toHaveCount(0);
    await again.close();
  } finally {
    await rm(userData, { recursive: true, force: true });
  }
});
