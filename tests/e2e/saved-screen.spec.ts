// The board's saved first screen: a reopened board draws what it last showed, never what the database has moved past.
import type { Page } from '@playwright/test';
import { instantAt, parseIsoDay, zoneDay } from '../../domain/zone';
import { expect, test } from './fixtures';
import { bookWasher, openBoard, pinnedBlock, restAs, showTomorrow } from './helpers';

const ZONE = 'America/Chicago';
test.use({ timezoneId: ZONE, viewport: { width: 1600, height: 900 } });

const board = (page: Page) => page.locator('[data-board]');

/**
 * Installed before the page's scripts: at the board's first paint, which lane holds `appointmentId` (what the
 * dispatcher sees first, before any live query has answered).
 */
function recordFirstPaint(page: Page, appointmentId: string) {
  return page.addInitScript((id) => {
    const state = globalThis as unknown as { firstPaintLane?: string | null };
    new PerformanceObserver((list, observer) => {
      if (!list.getEntries().some((entry) => entry.name === 'board:painted')) return;
      const block = document.querySelector(`[data-tech-id] [data-appointment-id="${id}"]`);
      state.firstPaintLane = block?.closest('[data-tech-id]')?.getAttribute('data-tech-id') ?? null;
      observer.disconnect();
    }).observe({ type: 'mark' });
  }, appointmentId);
}

/** The lane recordFirstPaint saw the visit in (null: in none). */
async function firstPaintLane(page: Page): Promise<string | null> {
  const seen = await page.waitForFunction(() => {
    const { firstPaintLane: lane } = globalThis as unknown as { firstPaintLane?: string | null };
    return lane === undefined ? false : { lane };
  });
  return ((await seen.jsonValue()) as { lane: string | null }).lane;
}

/** The ids of the lanes whose top is on screen, top to bottom. */
const lanesOnScreen = (page: Page) =>
  page.locator('[data-tech-id]').evaluateAll((elements) =>
    elements
      .map((element) => ({ id: element.getAttribute('data-tech-id')!, top: element.getBoundingClientRect().top }))
      .filter((lane) => lane.top >= 0 && lane.top < window.innerHeight - 60)
      .sort((a, b) => a.top - b.top)
      .map((lane) => lane.id),
  );

test('reopened, the board draws the screen it saved, and a move that arrived since where it went', async ({
  page,
  serverUrl,
}) => {
  // A visit still Scheduled today whatever the hour: by the evening the demo's own are done or under way. Booked
  // at 11:05 on Jake, free late in the morning, before the console signs in, so its first screen holds it.
  await bookWasher(serverUrl, instantAt(parseIsoDay(zoneDay(Date.now(), ZONE)), ZONE, 11, 5));
  await openBoard(page, serverUrl);
  await expect(board(page)).toHaveAttribute('data-first-screen', 'read');
  await page.waitForFunction(() => performance.getEntriesByName('board:screen-saved').length > 0);
  // A scheduled visit in a lane on screen, and another lane on screen to give it to.
  const onScreen = await lanesOnScreen(page);
  const scheduled = page.locator(
    onScreen.map((id) => `[data-tech-id="${id}"] [data-appointment-id][data-status="scheduled"]`).join(', '),
  );
  const { block } = await pinnedBlock(page, scheduled);
  const appointmentId = (await block.getAttribute('data-appointment-id'))!;
  const from = (await block.locator('xpath=ancestor::*[@data-tech-id][1]').getAttribute('data-tech-id'))!;
  const to = onScreen.find((id) => id !== from)!;
  await recordFirstPaint(page, appointmentId);

  await page.reload();
  await expect(board(page)).toHaveAttribute('data-first-screen', 'saved');
  expect(await firstPaintLane(page)).toBe(from);
  await expect(page.locator(`[data-tech-id="${from}"] [data-appointment-id="${appointmentId}"]`)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('board-from-saved-screen.png') });

  // Another dispatcher gives the visit to another technician on screen; the console hears it.
  const dispatcher = await restAs(serverUrl, 'dispatcher2@demo.test');
  await dispatcher('PATCH', `/v3/appointments/${appointmentId}`, { appointment: { user_id: to } });
  await expect(page.locator(`[data-tech-id="${to}"] [data-appointment-id="${appointmentId}"]`)).toBeVisible();

  // Reopened at once: whether the board saved its screen again by then or reads its lanes, the first thing
  // drawn is the visit in its new lane.
  await page.reload();
  expect(await firstPaintLane(page)).toBe(to);
  await expect(page.locator(`[data-tech-id="${to}"] [data-appointment-id="${appointmentId}"]`)).toBeVisible();
  await expect(page.locator(`[data-tech-id="${from}"] [data-appointment-id="${appointmentId}"]`)).toHaveCount(0);
});

test('the screen saved is the day a console opens on, whatever day is shown when it is saved', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  // Tomorrow on screen before the board's first save (it waits until the lanes off screen are read, then 1 s).
  await showTomorrow(page);
  await page.waitForFunction(() => performance.getEntriesByName('board:screen-saved').length > 0);
  await page.reload();
  // The console opens on today, and draws today's screen, saved while tomorrow was shown.
  await expect(board(page)).toHaveAttribute('data-first-screen', 'saved');
});
