// The drawer: a dispatcher statuses an appointment as the technician's backup.
import { expect, test } from './fixtures';
import { Api, drawer, openBoard, openJobFromList } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

test('On My Way → Start → Complete: a pausing reason pauses the job, a completing one completes it', async ({ page, serverUrl }) => {
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
