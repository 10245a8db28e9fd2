// The attention panel: what needs a dispatcher now, computed in the console from its cache as the clock passes.
import type { Page } from '@playwright/test';
import { addDays, instantAt, parseIsoDay, zoneDay } from '../../domain/zone';
import { expect, test } from './fixtures';
import { bookWasher, drawer, openBoard, restAs, showJobs } from './helpers';

const ZONE = 'America/Chicago';
test.use({ timezoneId: ZONE, viewport: { width: 1600, height: 900 } });

const badge = (page: Page) => page.getByRole('button', { name: /^Needs attention/ });
const entries = (page: Page) => page.locator('[data-attention-kind]');
const entryFor = (page: Page, kind: string, jobId: string) =>
  page.locator(`[data-attention-kind="${kind}"][data-attention-job-id="${jobId}"]`);

/**
 * The badge's count and the panel's entries agree (read together: the clock may add one in between), with
 * at least `minimum` of them.
 */
async function expectCountMatchesPanel(page: Page, minimum = 1): Promise<number> {
  let shown = -1;
  await expect
    .poll(async () => {
      const count = Number(await badge(page).getAttribute('data-count'));
      const listed = await entries(page).count();
      shown = count;
      return (
        count >= minimum &&
        count === listed &&
        (await badge(page).getAttribute('aria-label')) === `Needs attention: ${count}`
      );
    })
    .toBe(true);
  return shown;
}

test('the badge counts what the panel lists; an entry opens its job; cards carry the same marks', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await expect(badge(page)).toHaveAttribute('data-count', /^[1-9]\d*$/, { timeout: 10_000 });
  // The queue's offers waiting more than an hour are marked on their cards, with a word, not a colour alone.
  const waitingOffer = page.locator('[aria-label="Job queue"] [data-job-id="job-1002"]'); // Water heater, 70 min ago
  await expect(waitingOffer.locator('[data-attention-mark="offer_waiting"]')).toContainText('Offer waiting');

  await badge(page).click();
  const panel = page.getByRole('dialog', { name: 'Needs attention' });
  await expect(panel).toBeVisible();
  await expectCountMatchesPanel(page);
  // The demo's cases for any hour: yesterday's last visit nobody went On My Way for, a window today, offers.
  const sink = entries(page).filter({ hasText: 'Kitchen sink backing up' });
  await expect(sink).toHaveAttribute('data-attention-kind', 'late_start');
  await expect(sink).toContainText('Due to start yesterday at 4:00 PM; no On My Way yet');
  await expect(entries(page).filter({ hasText: 'Outdoor faucet leaking at the wall' })).toHaveAttribute(
    'data-attention-kind',
    'window_today',
  );
  await expect(entryFor(page, 'offer_waiting', 'job-1002')).toContainText('Water heater leaking at base');
  await page.screenshot({ path: test.info().outputPath('attention-panel.png') });

  const sinkJobId = (await sink.getAttribute('data-attention-job-id'))!;
  await sink.click();
  await expect(drawer(page, sinkJobId)).toBeVisible();
  await expect(drawer(page, sinkJobId)).toContainText('Kitchen sink backing up');
  await expect(panel).toBeHidden();

  // The jobs list marks the same job.
  await page.keyboard.press('Escape');
  await showJobs(page);
  await page.getByRole('textbox', { name: 'Search jobs' }).fill('Kitchen sink backing up');
  await expect(
    page.locator(`[role="row"][data-job-id="${sinkJobId}"] [data-attention-mark="late_start"]`),
  ).toContainText('Late start');
});

test('a visit turns into a late start as the clock passes, with no server, and leaves when its technician is On My Way', async ({
  page,
  serverUrl,
}) => {
  // The page's clock at 11:00 in Austin (today's if that has passed, else yesterday's): a working hour on
  // the board, never ahead of the server's clock.
  const realToday = zoneDay(Date.now(), ZONE);
  let day = realToday;
  if (instantAt(parseIsoDay(day), ZONE, 11) > Date.now()) day = addDays(realToday, -1);
  const eleven = instantAt(parseIsoDay(day), ZONE, 11);
  await page.clock.install({ time: eleven });
  await openBoard(page, serverUrl);

  // Dana's colleague books the washer (unscheduled) on Jake at 11:05; it reaches this console by sync.
  const appointment = await bookWasher(serverUrl, eleven + 5 * 60_000);
  const block = page.locator(`[data-appointment-id="${appointment.id}"]`);
  await expect(block).toBeVisible({ timeout: 10_000 });
  await badge(page).click();
  // Before the office's 11 AM (the page's clock is then yesterday's), the demo's own cases all lie ahead.
  await expectCountMatchesPanel(page, 0);
  await expect(entryFor(page, 'late_start', 'job-1010')).toHaveCount(0);
  const before = Number(await badge(page).getAttribute('data-count'));
  await page.keyboard.press('Escape');

  // 11:21: past 11:05 and its 15-minute grace. Nothing is asked of the server; the console's clock moves.
  await page.clock.fastForward('21:00');
  await expect(block.locator('[data-attention-mark="late_start"]')).toBeVisible();
  await expect(block.locator('[data-attention-mark="late_start"]')).toHaveAttribute(
    'aria-label',
    'Late start: Due to start at 11:05 AM; no On My Way yet',
  );
  await badge(page).click();
  await expect(entryFor(page, 'late_start', 'job-1010')).toContainText("Washer won't spin");
  const after = await expectCountMatchesPanel(page);
  expect(after).toBeGreaterThan(before);

  // Jake goes On My Way from his phone: the entry and the block's mark go.
  const jake = await restAs(serverUrl, 'tech2@demo.test');
  await jake('PATCH', `/v3/appointments/${appointment.id}`, { appointment: { status: 'enroute', eta_minutes: 120 } });
  await expect(entryFor(page, 'late_start', 'job-1010')).toHaveCount(0, { timeout: 10_000 });
  await expect(block.locator('[data-attention-mark]')).toHaveCount(0);
  await expectCountMatchesPanel(page, 0);
});
