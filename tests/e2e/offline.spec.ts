// Offline work and conflicts: the server stopped, the page reloaded, the server back; two dispatchers racing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startServer, stopServer, test } from './fixtures';
import { Api, drawer, newDispatcherPage, openBoard, openJobFromList, showTomorrow, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

test('with the server stopped, scheduling and statuses wait in the outbox, survive a reload and sync on restart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-e2e-offline-'));
  let server = await startServer(dataDir);
  const port = Number(new URL(server.url).port);
  try {
    await openBoard(page, server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.locator('[data-tech-id="u-tech1"]')).toBeVisible({ timeout: 20_000 });

    await stopServer(server.process);
    const indicator = syncIndicator(page);
    await expect(indicator).toHaveAttribute('data-sync-state', 'offline', { timeout: 15_000 });
    await expect(page.getByRole('alert', { name: 'Offline' })).toBeVisible();

    // Schedule by drag.
    const card = page.locator('[aria-label="Job queue"] [data-job-id="job-1010"]');
    // Jake (u-tech2) repairs appliances and is free late in the morning: nothing to warn about.
    const area = page.locator('[data-tech-id="u-tech2"] [data-lane-area]');
    const box = (await area.boundingBox())!;
    await card.dragTo(area, { targetPosition: { x: Math.min(box.width / 2, 400), y: box.height / 2 } });
    const block = page.locator('[data-tech-id="u-tech2"] [data-appointment-id][data-job-id="job-1010"]');
    await expect(block).toBeVisible();
    await expect(block).toHaveAttribute('data-pending', 'true');

    // A status change from the drawer.
    await openJobFromList(page, 'job-1020', 'Smart thermostat install');
    await drawer(page, 'job-1020').getByRole('button', { name: 'On My Way' }).click();
    await page.getByRole('textbox', { name: 'ETA (minutes)' }).fill('15');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(drawer(page, 'job-1020')).toHaveAttribute('data-drawer-status', 'in_progress');
    await expect(drawer(page, 'job-1020').getByTestId('pending-mark')).toBeVisible();
    await expect(indicator).toHaveAttribute('data-pending', '2');
    await expect(page.getByRole('alert', { name: 'Offline' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('offline.png') });

    // The service worker serves the shell; the outbox is still there.
    await page.reload();
    await expect(indicator).toHaveAttribute('data-sync-state', 'offline', { timeout: 20_000 });
    await expect(indicator).toHaveAttribute('data-pending', '2');

    server = await startServer(dataDir, ['--demo'], port);
    await expect(indicator).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect(indicator).toHaveAttribute('data-sync-state', 'online', { timeout: 15_000 });
    const api = await Api.signIn(server.url);
    const appointments = await api.appointments('job-1010');
    expect(appointments.map((a) => [a.user_id, a.status])).toEqual([['u-tech2', 'scheduled']]);
    expect(await api.jobStatus('job-1010')).toBe('scheduled');
    expect((await api.appointments('job-1020'))[0].status).toBe('enroute');
    expect(await api.jobStatus('job-1020')).toBe('in_progress');
  } finally {
    await stopServer(server.process);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a change made offline that another dispatcher overtook is refused and listed in Conflicts', async ({
  browser,
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const other = await newDispatcherPage(browser, serverUrl, 'dispatcher2@demo.test');
  await showTomorrow(page);
  await showTomorrow(other);
  const api = await Api.signIn(serverUrl);
  const [appointment] = await api.appointments('job-1016'); // u-tech3 tomorrow.

  await page.context().setOffline(true);
  await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'offline', { timeout: 15_000 });
  const mine = page.locator(`[data-appointment-id="${appointment.id}"]`);
  await mine.focus();
  await page.keyboard.press('ArrowRight');
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '1');

  const theirs = other.locator(`[data-appointment-id="${appointment.id}"]`);
  await theirs.focus();
  await other.keyboard.press('ArrowLeft');
  await expect
    .poll(async () => Date.parse((await api.appointments('job-1016'))[0].time))
    .toBe(Date.parse(appointment.time) - 15 * 60_000);

  await page.context().setOffline(false);
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  const button = page.getByRole('button', { name: /Conflicts/ });
  await expect(button).toBeVisible();
  await button.click();
  const list = page.getByTestId('conflicts-list');
  await expect(list.getByText('Move appointment')).toBeVisible();
  const card = list.locator('[data-conflict-code]').first();
  await expect(card).toContainText(/\w+ \w+ \w+/);
  await expect(card.getByRole('button', { name: 'Apply again' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('conflicts.png') });
  // The server kept the other dispatcher's move.
  expect(Date.parse((await api.appointments('job-1016'))[0].time)).toBe(Date.parse(appointment.time) - 15 * 60_000);
  await card.getByRole('button', { name: 'Dismiss' }).click();
  await expect(button).toHaveCount(0);
  await other.context().close();
});
