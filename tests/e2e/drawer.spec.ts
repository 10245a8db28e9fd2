// The drawer: a dispatcher statuses an appointment as the technician's backup.
import { expect, test } from './fixtures';
import { Api, drawer, openBoard, openJobFromList, showTomorrow } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

test('On My Way → Start → Complete: a pausing reason pauses the job, a completing one completes it', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);

  const run = async (jobId: string, title: string, effect: 'pause' | 'complete') => {
    await openJobFromList(page, jobId, title);
    const panel = drawer(page, jobId);
    await expect(panel).toHaveAttribute('data-drawer-status', 'scheduled');
    await panel.getByRole('button', { name: 'On My Way' }).click();
    await page.getByRole('textbox', { name: 'ETA (minutes)' }).fill('20');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(panel).toHaveAttribute('data-drawer-status', 'in_progress');
    await expect(panel.getByRole('button', { name: 'Undo On My Way' })).toBeVisible();
    await panel.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(panel.locator('[data-drawer-appointment-status="started"]')).toBeVisible();
    if (effect === 'pause') await page.screenshot({ path: test.info().outputPath('drawer.png') });
    await panel.getByRole('button', { name: 'Complete', exact: true }).click();
    const menu = page.getByRole('menu');
    await expect(menu.getByText('Completes the job')).toBeVisible();
    await expect(menu.getByText('Pauses the job')).toBeVisible();
    await menu.locator(`[data-reason-effect="${effect}"]`).first().click();
    const expected = effect === 'pause' ? 'paused' : 'complete';
    await expect(panel).toHaveAttribute('data-drawer-status', expected);
    await expect(page.locator(`[role="dialog"] span[data-status="${expected}"]`).first()).toBeVisible();
    await expect.poll(() => api.jobStatus(jobId)).toBe(expected);
    await page.getByRole('button', { name: 'Close job' }).click();
    await expect(panel).toHaveCount(0);
  };
  await run('job-1020', 'Smart thermostat install', 'pause');
  await run('job-1022', 'Dryer not heating', 'complete');
});

test('the board and the drawer write an appointment time the same way, 12-hour', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  await showTomorrow(page);
  const api = await Api.signIn(serverUrl);
  const [appointment] = await api.appointments('job-1027'); // Water softener install, tomorrow.
  const block = page.locator(`[data-appointment-id="${appointment.id}"]`);
  await expect(block).toBeVisible();
  // Compact on the block: "9:00–11:00 AM", or "11:30 AM–1:30 PM" across noon.
  const range = /\d{1,2}:\d{2}(?: [AP]M)?–\d{1,2}:\d{2} [AP]M/;
  const shown = range.exec((await block.getAttribute('aria-label')) ?? '')?.[0];
  expect(shown, 'the block names its time 12-hour').toBeTruthy();
  await expect(block).toContainText(shown!);
  await block.click();
  await expect(drawer(page, 'job-1027').locator(`[data-drawer-appointment="${appointment.id}"]`)).toContainText(shown!);
});
