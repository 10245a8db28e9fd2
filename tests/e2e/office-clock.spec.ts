// One clock for the office (issue 11 §4): the board reads the organization's time zone (the demo's is
// America/Chicago), never the browser's. The same board, block times and drop result in three browser zones;
// a job whose site keeps another clock shows the site's time beside the office's.
import { addDays, instantAt, parseIsoDay, zoneDay, zoneOffset } from '../../domain';
import { clockRange, siteRange } from '../../renderer/kit/format';
import { setOfficeZone } from '../../renderer/kit/officeClock';
import { expect, test } from './fixtures';
import { Api, drawer, openBoard, restAs, settled, showTomorrow } from './helpers';

const OFFICE = 'America/Chicago';
/** Chicago itself, half a day ahead (and a half-hour offset), and a day ahead on the other side of the equator. */
const BROWSER_ZONES = ['America/Chicago', 'Asia/Kolkata', 'Pacific/Auckland'];

/** How the board's date picker writes a day: "Fri, Dec 4, 2026". */
function pickerDay(at: number): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: OFFICE,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(at);
}

test('the same board, the same block times and the same drop result whatever zone the browser is in', async ({
  browser,
  serverUrl,
}) => {
  // The expected texts come from the console's own formatters, on the office's clock.
  setOfficeZone(OFFICE);
  const api = await Api.signIn(serverUrl);
  // Microwave hood door switch: Darnell's, today in the office (whatever its status at this hour).
  const [fixed] = await api.appointments('job-1026');
  const fixedStart = Date.parse(fixed.time);
  const fixedRange = clockRange(fixedStart, fixedStart + fixed.duration * 1000);
  const jobId = 'job-1010'; // Washer won't spin: unscheduled.
  const drops: number[] = [];

  for (const timezoneId of BROWSER_ZONES) {
    await test.step(`browser in ${timezoneId}`, async () => {
      const context = await browser.newContext({ timezoneId, viewport: { width: 1600, height: 900 } });
      const page = await context.newPage();
      await openBoard(page, serverUrl);
      // The browser's own clock really is that zone's (Chromium may name Kolkata by its older name, Calcutta).
      const browserOffset = await page.evaluate(() => new Date().getTimezoneOffset());
      expect(browserOffset).toBe(-zoneOffset(Date.now(), timezoneId) / 60_000);

      // The toolbar names the office's zone, and the board opens on the office's today.
      const toolbar = page.getByRole('toolbar', { name: 'Board' });
      await expect(toolbar.getByText('Central Time', { exact: true })).toBeVisible();
      await expect(toolbar.locator('[data-office-zone]')).toHaveAttribute('data-office-zone', OFFICE);
      await expect(toolbar.getByRole('button', { name: 'Board date' })).toHaveText(pickerDay(Date.now()));
      // The axis starts at the office's 7 AM, and a block says the office's time.
      await expect(page.locator('[data-board-timeline]').getByText('7 AM', { exact: true })).toBeVisible();
      const block = page.locator(`[data-appointment-id="${fixed.id}"]`);
      await expect(block).toHaveAttribute('aria-label', new RegExp(`, ${fixedRange} · `));
      await expect(block).toContainText(fixedRange);

      // The same drop lands at the same instant.
      const card = page.locator(`[aria-label="Job queue"] [data-job-id="${jobId}"]`);
      await expect(card).toHaveAttribute('data-status', 'unscheduled');
      const area = page.locator('[data-tech-id="u-tech1"] [data-lane-area]');
      const box = (await area.boundingBox())!;
      await card.dragTo(area, { targetPosition: { x: 400, y: box.height / 2 } });
      // Luis Herrera lacks the job's Appliance repair skill: the drop asks first (scheduling warnings).
      const warning = page.getByRole('dialog', { name: 'Schedule anyway?' });
      await expect(warning.locator('[data-warning-code="MISSING_SKILLS"]')).toBeVisible();
      await settled(warning);
      await warning.getByRole('button', { name: 'Schedule anyway' }).click();
      // Ctrl+Z is the board's only while no dialog is open (the warning fades out before it leaves the page).
      await expect(warning).toBeHidden();
      const dropped = page.locator(`[data-tech-id="u-tech1"] [data-appointment-id][data-job-id="${jobId}"]`);
      await expect(dropped).toBeVisible({ timeout: 5_000 });
      let start = Number.NaN;
      await expect
        .poll(async () => {
          const live = (await api.appointments(jobId)).find((appointment) => appointment.status === 'scheduled');
          start = live ? Date.parse(live.time) : Number.NaN;
          return live?.user_id;
        })
        .toBe('u-tech1');
      drops.push(start);
      // On the office's day, on a quarter hour of its clock, and the block says so in the office's time.
      expect(zoneDay(start, OFFICE)).toBe(zoneDay(Date.now(), OFFICE));
      expect(start % (15 * 60_000)).toBe(0);
      await expect(dropped).toHaveAttribute(
        'aria-label',
        new RegExp(`, ${clockRange(start, start + 2 * 3_600_000)} · `),
      );

      // Undo puts the job back in the queue for the next zone.
      await page.keyboard.press('Control+z');
      await expect(dropped).toHaveCount(0);
      await expect(card).toHaveAttribute('data-status', 'unscheduled');
      await context.close();
    });
  }
  expect(drops).toEqual([drops[0], drops[0], drops[0]]);
});

test.describe("the site's own clock", () => {
  // The browser in yet another zone: only the office's and the site's clocks may show.
  test.use({ timezoneId: 'Pacific/Auckland', viewport: { width: 1600, height: 900 } });
  const SITE = 'America/Denver'; // an hour behind the office, all year round

  test('a job whose site keeps another clock shows its local time too: schedule form, block and drawer', async ({
    page,
    serverUrl,
  }) => {
    setOfficeZone(OFFICE);
    const api = await Api.signIn(serverUrl);
    const dispatcher = await restAs(serverUrl, 'dispatcher@demo.test');
    const { user } = await api.get<{ user: { organization_id: string } }>('/v3/users/me');
    const { job } = (await dispatcher('POST', '/v3/jobs', {
      job: {
        title: 'Furnace tune-up at the cabin',
        organization_id: user.organization_id,
        status: 'unscheduled',
        service_type: 'hvac',
        address: { street_1: '12 Aspen Way', city: 'Estes Park', state: 'CO', timezone: SITE },
        customer: { first_name: 'Ada', last_name: 'Park' },
      },
    })) as unknown as { job: { id: string } };
    await openBoard(page, serverUrl);

    // The schedule form says the picked start on both clocks: "10:00 AM · 9:00 AM at site".
    await page.getByRole('textbox', { name: 'Filter the queue' }).fill('Furnace tune-up');
    await page.getByRole('button', { name: 'Schedule Furnace tune-up at the cabin' }).click();
    const form = page.getByRole('dialog', { name: 'Schedule appointment' });
    const hint = form.getByText(/ at site$/);
    await expect(hint).toHaveText(/^\d{1,2}:\d{2} [AP]M · \d{1,2}:\d{2} [AP]M at site$/);
    const [office, site] = (await hint.textContent())!.replace(' at site', '').split(' · ');
    const minutes = (clock: string) => {
      const [, hour, minute, half] = /^(\d+):(\d+) ([AP])M$/.exec(clock)!;
      return ((Number(hour) % 12) + (half === 'P' ? 12 : 0)) * 60 + Number(minute);
    };
    expect((minutes(office) - minutes(site) + 24 * 60) % (24 * 60)).toBe(60);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toBeHidden();

    // A visit tomorrow at 10 AM in the office is 9 AM at the cabin: the block and the drawer say both.
    const tomorrow = addDays(zoneDay(Date.now(), OFFICE), 1);
    const start = instantAt(parseIsoDay(tomorrow), OFFICE, 10);
    const end = start + 2 * 3_600_000;
    const { appointment } = await dispatcher('POST', '/v3/appointments', {
      appointment: { job_id: job.id, time: new Date(start).toISOString(), duration: 7200, user_id: 'u-tech2' },
    });
    expect(siteRange(start, end, SITE)).toBe('9:00–11:00 AM at site');
    await showTomorrow(page);
    const block = page.locator(`[data-appointment-id="${appointment.id}"]`);
    await expect(block).toHaveAttribute('aria-label', /, 10:00 AM–12:00 PM · hvac · 9:00–11:00 AM at site,/);
    await block.click();
    await expect(drawer(page, job.id).locator('[data-site-time]')).toHaveText(' · 9:00–11:00 AM at site');
  });
});
