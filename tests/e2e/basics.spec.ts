// Sign-in, the palette on every surface, the enterprise user's read-only list.
import { LEGEND_STATUSES, STATUS_STYLES, type JobDisplayStatus } from '../../domain';
import { expect, test } from './fixtures';
import { Api, openBoard, restAs, showJobs, signIn } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** `#rrggbb` → the `rgb(r, g, b)` a computed style reports. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

test('a dispatcher signs in to the board; a technician is refused with a sentence', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  await expect(page.locator('[data-tech-id]')).not.toHaveCount(0);
  await expect(page.locator('[data-tech-id="u-tech1"]')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('board.png') });

  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'tech1@demo.test', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: /\w+ \w+ \w+.*\./ });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/technician|console|dispatcher/i);
  await expect(page.locator('[data-tech-id]')).toHaveCount(0);
});

test('every status shows in its palette color on the jobs list and the board legend', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  // The board legend: the six colors.
  for (const status of LEGEND_STATUSES) {
    const swatch = page.locator(`[data-legend-status="${status}"] > div`).first();
    await expect(swatch).toBeVisible();
    await expect(swatch).toHaveCSS('background-color', rgb(STATUS_STYLES[status].color));
    await expect(page.locator(`[data-legend-status="${status}"]`)).toContainText(STATUS_STYLES[status].label);
  }
  // Board blocks carry their job's palette as the block color.
  const block = page.locator('[data-appointment-id][data-status]').first();
  await expect(block).toBeVisible();
  // Whatever the hour, a job In Progress: Ben heads out early for tomorrow's thermostat install (the demo has
  // visits under way only during the office's working day).
  const [thermostat] = await (await Api.signIn(serverUrl)).appointments('job-1020');
  const ben = await restAs(serverUrl, 'tech5@demo.test');
  await ben('PATCH', `/v3/appointments/${thermostat.id}`, { appointment: { status: 'enroute', eta_minutes: 30 } });

  // The jobs list: one status filter at a time would do too, but sorting by status lists them all; each
  // status's chip is checked wherever the virtualized list shows it.
  await showJobs(page);
  const statuses: JobDisplayStatus[] = [
    'offered',
    'unscheduled',
    'scheduled',
    'in_progress',
    'paused',
    'complete',
    'canceled',
    'rejected',
  ];
  const search = page.getByRole('textbox', { name: 'Search jobs' });
  const titles: Record<JobDisplayStatus, string> = {
    offered: 'Dishwasher not draining',
    unscheduled: "Washer won't spin",
    scheduled: 'Dryer not heating',
    in_progress: 'Smart thermostat install',
    paused: 'Spring AC tune-up',
    complete: 'Blower belt squeal',
    canceled: 'Heat strip not working',
    rejected: "Pool heater won't fire",
  };
  for (const status of statuses) {
    await search.fill(titles[status]);
    const chip = page.locator(`[role="row"][data-status="${status}"] span[data-status="${status}"]`).first();
    await expect(chip).toBeVisible();
    // The hue as the chip's dot, the label beside it in dark text on the hue's light fill (readable, 4.5:1).
    await expect(chip.locator('[data-status-dot]')).toHaveCSS('background-color', rgb(STATUS_STYLES[status].color));
    await expect(chip).toHaveCSS('background-color', rgb(STATUS_STYLES[status].background));
    await expect(chip).toHaveCSS('color', rgb('#212529'));
    await expect(chip).toHaveText(STATUS_STYLES[status].label);
  }
  await search.fill('');
  await expect(page.locator('[role="row"][data-job-id]').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('jobs-list.png') });
});

test('an enterprise user sees a read-only jobs list across providers, no board', async ({ page, serverUrl }) => {
  await signIn(page, serverUrl, 'enterprise@demo.test');
  await expect(page.getByRole('grid', { name: 'Jobs' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[role="row"][data-job-id]').first()).toBeVisible();
  await expect(page.locator('[data-board]')).toHaveCount(0);
  await expect(page.locator('[data-tech-id]')).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'Board' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Offer a job' }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('enterprise-jobs.png') });

  // Jobs of more than one provider (CoolAir and Northstar).
  const text = await page.getByRole('grid', { name: 'Jobs' }).innerText();
  expect(text).toMatch(/CoolAir/i);
  expect(text).toMatch(/Northstar/i);

  // Read-only: a job's drawer offers no dispatcher actions.
  await page.locator('[role="row"][data-job-id]').first().click();
  const drawer = page.locator('[data-job-drawer]');
  await expect(drawer).toBeVisible();
  for (const name of ['On My Way', 'Start', 'Complete', 'Accept', 'Decline', 'New appointment', 'Cancel job']) {
    await expect(drawer.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
});
