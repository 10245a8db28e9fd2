// The security checklist read back from the running app, not from the source.
import { REQUIRED_WEB_PREFERENCES } from '../../main/web-preferences';
import { expect, skipWithoutElectron, test } from './fixtures';

skipWithoutElectron();

test('the window runs isolated, sandboxed and without Node', async ({ desktop }) => {
  const { app, page } = desktop;
  // getLastWebPreferences is undocumented but the one way to read back what the window really runs with.
  const preferences = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
      getLastWebPreferences(): Record<string, unknown> | null;
    };
    return contents.getLastWebPreferences();
  });
  expect(preferences).toMatchObject(REQUIRED_WEB_PREFERENCES);

  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    ipcRenderer: 'ipcRenderer' in (window.dispatchDesktop ?? {}),
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: false });
});

test('app:// serves the console with a strict CSP and refuses to leave its folder', async ({ desktop }) => {
  const { app, serverUrl } = desktop;
  const answers = await app.evaluate(async ({ net }) => {
    const index = await net.fetch('app://dispatch/index.html');
    const status = async (url: string) => (await net.fetch(url)).status;
    return {
      index: index.status,
      csp: index.headers.get('content-security-policy'),
      traversal: [
        await status('app://dispatch/..%2f..%2fpackage.json'),
        await status('app://dispatch/%2e%2e/%2e%2e/package.json'),
        await status('app://dispatch/..%5c..%5cpackage.json'),
        await status('app://elsewhere/index.html'),
      ],
    };
  });
  expect(answers.index).toBe(200);
  expect(answers.csp).toContain("default-src 'none'");
  expect(answers.csp).toContain(`connect-src 'self' ${serverUrl}`);
  expect(answers.traversal).toEqual([404, 404, 404, 404]);

  const meta = await desktop.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self'");
});

test('navigation away from the console is blocked', async ({ desktop }) => {
  const { page } = desktop;
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1_000);
  expect(page.url()).toBe('app://dispatch/index.html');
  await expect(page).toHaveTitle('Dispatch Console');
});

test('window.open never opens a window; web links go to the browser', async ({ desktop }) => {
  const { app, page } = desktop;
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { opened?: string[] }).opened = opened;
    shell.openExternal = async (url: string) => void opened.push(url);
  });
  const results = await page.evaluate(() => [
    window.open('https://example.com/customer') === null,
    window.open('file:///etc/passwd') === null,
    window.open('app://dispatch/index.html') === null,
  ]);
  expect(results).toEqual([true, true, true]);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(await app.evaluate(() => (globalThis as { opened?: string[] }).opened)).toEqual([
    'https://example.com/customer',
  ]);
});

test('permissions the console does not use are denied', async ({ desktop }) => {
  const states = await desktop.page.evaluate(async () => ({
    notifications: await Notification.requestPermission(),
    geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
    camera: (await navigator.permissions.query({ name: 'camera' as PermissionName })).state,
  }));
  expect(states).toEqual({ notifications: 'denied', geolocation: 'denied', camera: 'denied' });
});
