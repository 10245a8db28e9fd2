// The technician panel, opened from a lane's name: a dispatcher gives Jake Sullivan the day off and a new
// tag; the lane shows it at once (the commands replayed from the outbox) and the panel shows it again.
import { expect, test } from './fixtures';
import { newDispatcherPage, openBoard, syncIndicator } from './helpers';

// The browser runs in another zone than the office (Chicago): the day off is read on the office's clock.
test.use({ timezoneId: 'Asia/Kolkata', viewport: { width: 1600, height: 900 } });

/** Today on the office's clock, as a date field takes it. */
const officeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date());

test('a day off and a tag saved from the technician panel show on the lane at once', async ({
  page,
  browser,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const jake = page.locator('[data-tech-id="u-tech2"]');
  await expect(jake.locator('[data-lane-hours]')).toHaveText(/8:00 AM–6:00 PM/);
  await expect(jake.locator('[data-available="false"][data-unavailable-kind="time_off"]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Technician panel: Jake Sullivan' }).click();
  const panel = page.getByRole('dialog', { name: /Jake Sullivan/ });
  await expect(panel.getByRole('group', { name: 'Weekly hours' })).toBeVisible();
  const timeOff = panel.getByRole('group', { name: 'Time off' });
  await timeOff.getByLabel('First day off').fill(officeToday());
  await timeOff.getByLabel('Reason').fill('Training');
  await timeOff.getByRole('button', { name: 'Add time off' }).click();
  await expect(timeOff.locator('[data-time-off]')).toContainText(['Training']);
  await panel.getByLabel('Tags').fill('Gas fitting');
  await panel.getByLabel('Tags').press('Enter');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel).toBeHidden();

  // The whole lane is shaded for the day off and the header says so.
  await expect(jake.locator('[data-lane-hours]')).toHaveText(/off today/);
  const shade = jake.locator('[data-available="false"][data-unavailable-kind="time_off"]');
  await expect(shade).toHaveCount(1);
  await expect(shade).toHaveAttribute('title', /Training/);
  await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'online');

  // The commands reached the server: another dispatcher's board shows the day off too.
  const other = await newDispatcherPage(browser, serverUrl, 'dispatcher2@demo.test');
  await expect(other.locator('[data-tech-id="u-tech2"] [data-lane-hours]')).toHaveText(/off today/);
  await other.context().close();

  // Reopened, the panel shows the saved day off and the new tag next to the old ones.
  await page.getByRole('button', { name: 'Technician panel: Jake Sullivan' }).click();
  await expect(panel.locator('[data-time-off]')).toContainText(['Training']);
  await expect(panel.getByText('Gas fitting', { exact: true })).toBeVisible();
  await expect(panel.getByText('EPA 608', { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('technician-panel.png') });
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toBeHidden();
});
