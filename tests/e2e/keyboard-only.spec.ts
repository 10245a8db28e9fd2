// The whole day from the keyboard alone: no click, no mouse, no locator.focus(). The DOM is only read.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Api, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, { back = false, max = 400 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** What a sighted keyboard user needs: the focused element shows a focus ring. */
async function expectFocusVisible(page: Page, selector: string): Promise<void> {
  const focus = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return null;
    const style = getComputedStyle(element);
    return {
      visible: element.matches(':focus-visible'),
      outline: style.outlineStyle,
      input: element.classList.contains('mantine-Input-input'),
    };
  });
  expect(focus).not.toBeNull();
  expect(await page.evaluate((s) => !!document.activeElement?.matches(s), selector)).toBe(true);
  expect(focus!.visible).toBe(true);
  // Mantine's inputs show focus by their border colour instead of an outline.
  if (!focus!.input) expect(focus!.outline).not.toBe('none');
}

/**
 * ArrowDown, then Enter on the option it highlights, in a Mantine Select. As a dispatcher does: Enter once the
 * highlight shows. Enter picks what is highlighted (renderer/app/listDefaults.ts), whatever Mantine's own option
 * index, which it moves on 0-ms timers, holds at that moment.
 */
async function arrowDownAndPick(page: Page): Promise<void> {
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[role="combobox"][aria-expanded="true"]')).toHaveAttribute('aria-activedescendant', /./);
  await page.keyboard.press('Enter');
}

/** "9:15" for an instant, on the office's clock, as block labels show it. */
const clock = (ms: number) =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hour: 'numeric', minute: '2-digit' })
    .format(ms)
    .replace(/\s?[AP]M$/, '');

/**
 * A step outside a technician's hours asks first; the keyboard answers "Schedule anyway" when it does. Whether it
 * asks depends on the hour the test runs at, so this waits until the dialog shows or `wentThrough` (what the board
 * shows at once when nothing is asked) holds: a dialog slow to open on a loaded machine is still answered.
 */
async function answerScheduleAnyway(page: Page, wentThrough: () => Promise<boolean>): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Schedule anyway?' });
  await expect.poll(async () => (await dialog.isVisible()) || (await wentThrough())).toBe(true);
  if (!(await dialog.isVisible())) return;
  // Focus starts on "Put it back"; the confirming button is next.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Schedule anyway' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}

test('the whole day works from the keyboard alone', async ({ page, serverUrl }) => {
  test.setTimeout(90_000);
  const api = await Api.signIn(serverUrl);

  // Sign in: type email and password, Enter.
  await page.goto(serverUrl);
  await tabTo(page, 'input[type="email"]');
  await page.keyboard.type('dispatcher@demo.test');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo1234');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-tech-id]').first()).toBeVisible({ timeout: 20_000 });
  await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'online', { timeout: 20_000 });

  // On to tomorrow, whose visits are all ahead (today's follow the hour: in the evening none is left to move).
  const date = await page.getByRole('button', { name: 'Board date' }).textContent();
  await tabTo(page, 'button[aria-label="Next day"]');
  await expectFocusVisible(page, 'button');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Board date' })).not.toHaveText(date!);

  // Through the lanes to a block that can move.
  await tabTo(page, '[data-tech-id] [data-appointment-id][data-movable="true"][data-appointment-status="scheduled"]');
  await expectFocusVisible(page, '[data-appointment-id]');
  const appointmentId = (await page.evaluate(() => (document.activeElement as HTMLElement).dataset.appointmentId))!;
  const jobId = (await page.evaluate(() => (document.activeElement as HTMLElement).dataset.jobId))!;
  const block = page.locator(`[data-appointment-id="${appointmentId}"]`);
  // The block's own visit (a job may have more: the seed's parts job has its first one completed).
  const visitNow = async () => (await api.appointments(jobId)).find((a) => a.id === appointmentId)!;
  const visit = await visitNow();
  const start = Date.parse(visit.time);

  // Enter opens the job; Escape closes it and focus is back on the block.
  await page.keyboard.press('Enter');
  const jobDrawer = page.locator(`[data-job-drawer="${jobId}"]`);
  await expect(jobDrawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(jobDrawer).toBeHidden();
  await expect(block).toBeFocused();
  await expectFocusVisible(page, `[data-appointment-id="${appointmentId}"]`);

  // ArrowRight: 15 minutes later, on screen and on the server.
  // "9:15–10:45 AM", or "11:15 AM–12:15 PM" across noon.
  const moved = new RegExp(`${clock(start + 15 * 60_000)}( [AP]M)?–`);
  const labelled = (label: RegExp) => async () => label.test((await block.getAttribute('aria-label')) ?? '');
  await page.keyboard.press('ArrowRight');
  await answerScheduleAnyway(page, labelled(moved));
  await expect.poll(async () => Date.parse((await visitNow()).time)).toBe(start + 15 * 60_000);
  await expect(block).toHaveAttribute('aria-label', moved);
  await expect(block).toBeFocused();

  // Shift+ArrowRight: 15 minutes longer.
  const longer = new RegExp(
    `${clock(start + 15 * 60_000)}( [AP]M)?–${clock(start + 30 * 60_000 + visit.duration * 1000)}`,
  );
  await page.keyboard.press('Shift+ArrowRight');
  await answerScheduleAnyway(page, labelled(longer));
  await expect.poll(async () => (await visitNow()).duration).toBe(visit.duration + 15 * 60);
  await expect(block).toHaveAttribute('aria-label', longer);
  await expect(block).toBeFocused();

  // Its status from the drawer: On My Way, with an ETA typed in the form that opens.
  await page.keyboard.press('Enter');
  await expect(jobDrawer).toBeVisible();
  await tabTo(page, `[data-action="enroute"][data-for-appointment="${appointmentId}"]`);
  await expectFocusVisible(page, '[data-action="enroute"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'ETA (minutes)' })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await visitNow()).status).toBe('enroute');
  await expect(jobDrawer).toContainText('On My Way');
  // The ETA form gone first: an Escape while it is still closing is its, and the drawer stays open.
  await expect(page.getByRole('textbox', { name: 'ETA (minutes)' })).toBeHidden();
  await expect(jobDrawer).toHaveAttribute('data-drawer-status', 'in_progress');
  await page.keyboard.press('Escape');
  await expect(jobDrawer).toBeHidden();
  await expect(block).toBeFocused();
  await expect(block).toHaveAttribute('data-appointment-status', 'enroute');

  // A queued job onto a technician at a time: S on its card, the form filled from the keyboard.
  const queued = '[aria-label="Job queue"] [data-job-id][data-status="unscheduled"]';
  await tabTo(page, queued);
  const queuedId = (await page.evaluate(() => (document.activeElement as HTMLElement).dataset.jobId))!;
  await page.keyboard.press('s');
  const form = page.getByRole('dialog', { name: 'Schedule appointment' });
  await expect(form).toBeVisible();
  // The technician: typed and picked from the list.
  await expect(form.getByRole('combobox', { name: 'Technician' })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Jake');
  // As the dispatcher does: the arrow once the list shows the match.
  await expect(page.getByRole('option', { name: 'Jake Sullivan' })).toBeVisible();
  await arrowDownAndPick(page);
  await expect(form.getByRole('combobox', { name: 'Technician' })).toHaveValue('Jake Sullivan');
  // The start: the picker opens on its day; hours, minutes and AM/PM are typed, then confirmed.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await tabTo(page, '.mantine-TimePicker-field[role="spinbutton"]');
  await page.keyboard.type('1030a');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const startButton = form.getByRole('button', { name: 'Start' });
  await expect(startButton).toBeFocused();
  await expect(startButton).toHaveText(/10:30 AM/);
  await expectFocusVisible(page, 'button');
  await tabTo(page, '[role="dialog"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await answerScheduleAnyway(page, async () => !(await form.isVisible()));
  await expect(form).toBeHidden();
  const scheduled = page.locator(`[data-tech-id="u-tech2"] [data-appointment-id][data-job-id="${queuedId}"]`);
  await expect(scheduled).toBeVisible();
  await expect(scheduled).toHaveAttribute('aria-label', /10:30/);
  await expect.poll(async () => (await api.appointments(queuedId)).map((a) => a.user_id)).toEqual(['u-tech2']);
  expect(clock(Date.parse((await api.appointments(queuedId))[0].time))).toBe('10:30');
  await expect.poll(() => api.jobStatus(queuedId)).toBe('scheduled');

  // Offers in the queue: accept one, decline another with a reason.
  const offered = '[aria-label="Job queue"] [data-job-id][data-status="offered"]';
  const offers = await page
    .locator(offered)
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-job-id')!));
  expect(offers.length).toBeGreaterThanOrEqual(2);
  const [acceptId, declineId] = offers;
  await tabTo(page, `${offered.replace('[data-job-id]', `[data-job-id="${acceptId}"]`)} button[aria-label^="Accept"]`, {
    back: true,
  });
  await expectFocusVisible(page, 'button');
  await page.keyboard.press('Enter');
  await expect.poll(() => api.jobStatus(acceptId)).toBe('unscheduled');
  await expect(page.locator(`[aria-label="Job queue"] [data-job-id="${acceptId}"]`)).toHaveAttribute(
    'data-status',
    'unscheduled',
  );

  const declineButton = `[aria-label="Job queue"] [data-job-id="${declineId}"] button[data-action="decline"]`;
  await tabTo(page, declineButton);
  await page.keyboard.press('Enter');
  const reason = page.getByRole('combobox', { name: 'Reason' });
  await expect(reason).toBeFocused();
  await arrowDownAndPick(page);
  await expect(reason).not.toHaveValue('');
  await tabTo(page, 'button[type="submit"]');
  await expect(page.getByRole('button', { name: 'Decline offer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => api.jobStatus(declineId)).toBe('rejected');
  await expect(page.locator(`[aria-label="Job queue"] [data-job-id="${declineId}"]`)).toHaveCount(0);
});
