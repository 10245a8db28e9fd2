// Technicians' availability and skills on the board: shading, the lane header's hours, lanes marked for a
// job that is dragged or focused, the lanes' filter and sort. The demo's week is laid out around today
// (server/demoData/profiles.ts): Megan has a dentist appointment 11:00–12:30, Ravi leaves at 14:00,
// Darnell works 9:00–19:00, and the warm-air offer needs HVAC and EPA 608.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openBoard } from './helpers';

// The browser runs in another zone than the office (Chicago): hours are read on the office's clock all the same.
test.use({ timezoneId: 'Asia/Kolkata', viewport: { width: 1600, height: 900 } });

const lane = (page: Page, id: string) => page.locator(`[data-tech-id="${id}"]`);
const laneOrder = (page: Page) =>
  page.locator('[data-tech-id]').evaluateAll((lanes) =>
    lanes
      .map((element) => ({ id: element.getAttribute('data-tech-id'), top: element.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map((entry) => entry.id),
  );
// By name: Aisha Johnson, Ben Carter, Chris Park, Darnell Brooks, Jake Sullivan, Luis Herrera, Megan O'Neil, Ravi Patel.
const ALL = ['u-tech4', 'u-tech5', 'u-tech3', 'u-tech8', 'u-tech2', 'u-tech1', 'u-tech7', 'u-tech6'];

/** The board's day runs 7 AM to 7 PM (the default hours): where a wall-clock hour sits in a lane's area. */
async function xOfHour(page: Page, id: string, hour: number): Promise<number> {
  const box = (await lane(page, id).locator('[data-lane-area]').boundingBox())!;
  return box.x + ((hour - 7) / 12) * box.width;
}

test('lanes shade the time a technician is not available and say the hours', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  const megan = lane(page, 'u-tech7');
  await expect(megan.locator('[data-lane-hours]')).toHaveText(/8:00 AM–5:00 PM/);
  const dentist = megan.locator('[data-available="false"][data-unavailable-kind="time_off"]');
  await expect(dentist).toHaveCount(1);
  await expect(dentist).toHaveAttribute('title', /Dentist appointment/);
  const box = (await dentist.boundingBox())!;
  expect(Math.abs(box.x - (await xOfHour(page, 'u-tech7', 11)))).toBeLessThan(3);
  expect(Math.abs(box.x + box.width - (await xOfHour(page, 'u-tech7', 12.5)))).toBeLessThan(3);
  // After five Megan is off: shaded to the end of the board's day.
  const evening = megan.locator('[data-available="false"][data-unavailable-kind="outside_hours"]').last();
  expect(Math.abs((await evening.boundingBox())!.x - (await xOfHour(page, 'u-tech7', 17)))).toBeLessThan(3);

  // Darnell starts at nine: 7–9 is shaded.
  const darnell = lane(page, 'u-tech8');
  await expect(darnell.locator('[data-lane-hours]')).toHaveText(/9:00 AM–7:00 PM/);
  const morning = (await darnell.locator('[data-available="false"]').first().boundingBox())!;
  expect(Math.abs(morning.x + morning.width - (await xOfHour(page, 'u-tech8', 9)))).toBeLessThan(3);

  // The day after tomorrow Ravi takes a personal day: the whole lane is shaded and says so.
  await page.getByRole('button', { name: 'Next day' }).click();
  await page.getByRole('button', { name: 'Next day' }).click();
  const ravi = lane(page, 'u-tech6');
  await expect(ravi.locator('[data-lane-hours]')).toHaveText(/off today/);
  await expect(ravi.locator('[data-available="false"]')).toHaveAttribute('title', /Personal day/);
  await page.screenshot({ path: test.info().outputPath('technicians-shading.png') });
});

test('a job focused in the queue marks the technicians who can take it in its window', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  // AC blowing warm air needs HVAC and EPA 608; its customer's first window is tomorrow morning.
  const card = page.locator('[aria-label="Job queue"] [data-job-id]').filter({ hasText: 'AC blowing warm air' });
  await card.focus();
  for (const id of ['u-tech1', 'u-tech2', 'u-tech3', 'u-tech6'])
    await expect(lane(page, id)).toHaveAttribute('data-skill-match', 'true');
  for (const id of ['u-tech4', 'u-tech5', 'u-tech7', 'u-tech8'])
    await expect(lane(page, id)).toHaveAttribute('data-skill-match', 'false');
  await page.screenshot({ path: test.info().outputPath('technicians-queue-focus.png') });
  await page.getByRole('textbox', { name: 'Filter technicians' }).focus();
  await expect(page.locator('[data-skill-match]')).toHaveCount(0);
});

test('while a job is dragged, lanes of technicians with its skills free at that time are marked', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  // Washer won't spin: appliance repair, two hours.
  const card = page.locator('[aria-label="Job queue"] [data-job-id="job-1010"]');
  const area = lane(page, 'u-tech4').locator('[data-lane-area]');
  const width = (await area.boundingBox())!.width;
  const overHour = async (hour: number) => {
    // Two moves: the first starts the drag, the second is a drag over the lane.
    await area.hover({ position: { x: ((hour - 7) / 12) * width - 4, y: 10 } });
    await area.hover({ position: { x: ((hour - 7) / 12) * width + 2, y: 10 } });
  };
  await card.hover();
  await page.mouse.down();
  // 3 PM to 5 PM: Ravi has left by then, Aisha and Ben work until five.
  await overHour(15);
  await expect(lane(page, 'u-tech4')).toHaveAttribute('data-skill-match', 'true');
  await expect(lane(page, 'u-tech5')).toHaveAttribute('data-skill-match', 'true');
  await expect(lane(page, 'u-tech6')).toHaveAttribute('data-skill-match', 'false'); // time off
  await expect(lane(page, 'u-tech7')).toHaveAttribute('data-skill-match', 'false'); // no appliance skill
  await expect(lane(page, 'u-tech1')).toHaveAttribute('data-skill-match', 'false');
  // Earlier, at noon, Ravi is still in.
  await overHour(12);
  await expect(lane(page, 'u-tech6')).toHaveAttribute('data-skill-match', 'true');
  await page.screenshot({ path: test.info().outputPath('technicians-drag.png') });
  // Dropped back on the queue: nothing scheduled, the marks go.
  await card.hover();
  await page.locator('[aria-label="Job queue"]').hover({ position: { x: 40, y: 40 } });
  await page.mouse.up();
  await expect(page.locator('[data-skill-match]')).toHaveCount(0);
  await expect(card).toHaveAttribute('data-status', 'unscheduled');
});

test('the toolbar filters lanes by name, skill or tag and sorts them by free time', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  await expect.poll(() => laneOrder(page)).toEqual(ALL);
  const filter = page.getByRole('textbox', { name: 'Filter technicians' });
  await filter.fill('epa 608');
  await expect.poll(() => laneOrder(page)).toEqual(['u-tech3', 'u-tech2', 'u-tech1', 'u-tech6']);
  await filter.fill('Plumbing');
  await expect.poll(() => laneOrder(page)).toEqual(['u-tech5', 'u-tech8', 'u-tech2', 'u-tech7']);
  await filter.fill('megan');
  await expect.poll(() => laneOrder(page)).toEqual(['u-tech7']);
  await page.getByRole('button', { name: 'Clear technician filter' }).click();
  await expect.poll(() => laneOrder(page)).toEqual(ALL);

  // Tomorrow lies wholly ahead, so its free time does not depend on when the test runs.
  await page.getByRole('button', { name: 'Next day' }).click();
  const sort = page.getByRole('combobox', { name: 'Sort technicians' });
  await sort.click();
  await page.getByRole('option', { name: 'Free time today' }).click();
  // Megan 9 h free; Jake 8.5; Luis 8; Aisha and Ravi 7.5; Darnell 6; Chris 5.5; Ben 5 (ties by name).
  await expect
    .poll(() => laneOrder(page))
    .toEqual(['u-tech7', 'u-tech2', 'u-tech1', 'u-tech4', 'u-tech6', 'u-tech8', 'u-tech3', 'u-tech5']);
  await sort.click();
  await page.getByRole('option', { name: 'Next free slot' }).click();
  // Chris is free at 7:00; Ben, Jake and Megan at 8:00; Aisha 8:30; Darnell 9:00; Ravi 9:30; Luis 10:00.
  await expect
    .poll(() => laneOrder(page))
    .toEqual(['u-tech3', 'u-tech5', 'u-tech2', 'u-tech7', 'u-tech4', 'u-tech8', 'u-tech6', 'u-tech1']);
});
