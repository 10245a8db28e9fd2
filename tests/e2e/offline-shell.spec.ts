// Web mode as an offline-capable app: once the service worker controls the tab, the console reloads from
// its cache with the sync server gone — while API and socket.io requests are never answered from cache.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startServer, stopServer, test } from './fixtures';

test('the app shell reloads from the service worker while the server is down', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-offline-shell-'));
  const server = await startServer(dataDir);
  try {
    await page.goto(server.url);
    await expect(page).toHaveTitle('Dispatch Console');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The first visit is claimed at once; a reload proves navigations now go through the worker.
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.evaluate(async () => {
      await fetch('/health');
      await fetch('/v3/jobs').catch(() => undefined);
    });

    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/index.html');
    expect(cached.filter((path) => /^\/(v3|socket\.io|demo|health)(\/|$)/.test(path))).toEqual([]);

    await stopServer(server.process);
    await page.reload();
    await expect(page).toHaveTitle('Dispatch Console');
    await expect.poll(() => page.locator('#root').evaluate((root) => root.childElementCount)).toBeGreaterThan(0);
    await expect(page.locator('#root')).not.toBeEmpty();
    const api = await page.evaluate(async () => {
      try {
        return (await fetch('/v3/jobs')).status;
      } catch {
        return 'network error';
      }
    });
    expect(api).toBe('network error');
    await page.screenshot({ path: test.info().outputPath('offline-shell.png'), fullPage: true });
  } finally {
    await stopServer(server.process);
    await rm(dataDir, { recursive: true, force: true });
  }
});
