// Two windows of one console on one machine: only the leader holds the sync connection, and the other shows
// its status (renderer/sync/statusShare.ts) through a server stop and restart, takes over when it closes, and
// announces what others change (renderer/sync/heardShare.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startServer, stopServer, test } from './fixtures';
import { bookWasher, openBoard, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** The second window of the same browser context (one origin, one IndexedDB), already signed in. */
async function secondWindow(first: Page, serverUrl: string): Promise<Page> {
  const page = await first.context().newPage();
  await page.goto(serverUrl);
  const signInButton = page.getByRole('button', { name: 'dispatcher@demo.test', exact: true });
  const board = page.locator('[data-tech-id]').first();
  await expect(signInButton.or(board)).toBeVisible({ timeout: 20_000 });
  if (await signInButton.isVisible()) await signInButton.click();
  await expect(board).toBeVisible({ timeout: 20_000 });
  return page;
}

const expectBoth = async (pages: Page[], state: string, timeout: number) => {
  for (const page of pages) await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', state, { timeout });
};

test("a window without the sync connection shows the leader's state, offline and back, and takes over", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-e2e-two-windows-'));
  let server = await startServer(dataDir);
  const port = Number(new URL(server.url).port);
  try {
    await openBoard(page, server.url);
    const second = await secondWindow(page, server.url);
    const windows = [page, second];
    await expectBoth(windows, 'online', 20_000);
    // Exactly one of them holds the lock the leader election uses.
    const held = await page.evaluate(async () => (await navigator.locks.query()).held?.length ?? 0);
    expect(held).toBe(1);

    await stopServer(server.process);
    await expectBoth(windows, 'offline', 20_000);
    await expect(second.getByRole('alert', { name: 'Offline' })).toBeVisible();

    server = await startServer(dataDir, ['--demo'], port);
    await expectBoth(windows, 'online', 30_000);
    await expect(second.getByRole('alert', { name: 'Offline' })).toHaveCount(0);

    // The first window (the leader: it opened first) closes; the second syncs on its own within seconds.
    await page.close();
    await expect(syncIndicator(second)).toHaveAttribute('data-sync-state', 'online', { timeout: 15_000 });
    await expect
      .poll(() => second.evaluate(async () => (await navigator.locks.query()).held?.length ?? 0), { timeout: 15_000 })
      .toBe(1);
  } finally {
    await stopServer(server.process);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("a window without the sync connection announces others' changes too", async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  const second = await secondWindow(page, serverUrl);
  await expect(syncIndicator(second)).toHaveAttribute('data-sync-state', 'online', { timeout: 20_000 });
  await bookWasher(serverUrl, Date.now() + 3_600_000);
  // A screen reader speaks the live region of the window it is in: both tell the one change, once.
  for (const window of [page, second]) {
    const region = window.locator('[data-live-announcer]');
    await expect(region).toContainText("Washer won't spin", { timeout: 10_000 });
    await expect(region).toHaveAttribute('data-announcements', '1');
  }
});
