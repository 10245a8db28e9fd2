// Accessibility (issue 15): the jobs list, the command palette and every dialog of the console, audited by
// axe-core (tests/e2e/a11y.ts) in light and in dark, the whole page each time (what is behind a dialog is still
// on screen). A dialog that opens anywhere is audited over the jobs list; one that opens only from the board
// (scheduling, a queue card's decline, the technician panel) over the board. The board's own views have theirs.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible } from './a11y';
import { drawer, openBoard, openJobFromList, settled, showJobs, signIn } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** The audit, and the page's frame the issue asks for: one banner, one main, one level-one heading (the view's). */
async function audit(page: Page, view: string): Promise<void> {
  await expectAccessible(page, view);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
}

async function fromPalette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search jobs and actions' }).fill(command);
  await page.keyboard.press('Enter');
}

/** Closes the dialog with Escape, so the next one opens on a calm page. */
async function dismiss(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test.describe('a dispatcher', () => {
  test.beforeEach(async ({ page, serverUrl }) => {
    // Several audits a test on a shared machine: each takes seconds.
    test.setTimeout(120_000);
    await openBoard(page, serverUrl);
  });

  test('the jobs list', async ({ page }) => {
    await showJobs(page);
    await expect(page.locator('[role="row"][data-job-id]').first()).toBeVisible();
    await audit(page, 'jobs list');
  });

  test('the command palette', async ({ page }) => {
    await showJobs(page);
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Search jobs and actions' });
    await expect(search).toBeFocused();
    await audit(page, 'palette');
    // With a query, job results and their status chips.
    await search.fill('wa');
    await expect(page.locator('.mantine-Spotlight-action').first()).toBeVisible();
    await audit(page, 'palette with results');
  });

  test('the schedule dialog and "Schedule anyway?"', async ({ page }) => {
    await page.getByRole('button', { name: "Schedule Washer won't spin" }).click();
    const form = page.getByRole('dialog', { name: 'Schedule appointment' });
    await settled(form);
    await audit(page, 'schedule dialog');
    // Luis does not repair appliances: the form asks first.
    await form.getByRole('combobox', { name: 'Technician' }).fill('Luis');
    await page.getByRole('option', { name: 'Luis Herrera' }).click();
    await form.getByRole('button', { name: 'Schedule', exact: true }).click();
    const anyway = page.getByRole('dialog', { name: 'Schedule anyway?' });
    await settled(anyway);
    await expect(anyway.locator('[data-warning-code="MISSING_SKILLS"]')).toBeVisible();
    await audit(page, 'schedule anyway dialog');
  });

  test('the decline dialog', async ({ page }) => {
    const offer = page.locator('[aria-label="Job queue"] [data-job-id][data-status="offered"]').first();
    await offer.locator('button[data-action="decline"]').click();
    const dialog = page.getByRole('dialog', { name: /^Decline / });
    await expect(dialog).toContainText('Decline this offer?');
    await settled(dialog);
    await expect(dialog.getByRole('combobox', { name: 'Reason' })).toBeFocused();
    await audit(page, 'decline dialog');
  });

  test('the new job dialog', async ({ page }) => {
    await showJobs(page);
    await page.getByRole('button', { name: 'New job' }).click();
    const dialog = page.getByRole('dialog', { name: 'New job' });
    await settled(dialog);
    await audit(page, 'new job dialog');
    // Its inline errors too.
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveAttribute('aria-invalid', 'true');
    await audit(page, 'new job dialog with errors');
  });

  test('the technician panel', async ({ page }) => {
    await page.getByRole('button', { name: 'Technician panel: Jake Sullivan' }).click();
    const panel = page.getByRole('dialog', { name: 'Jake Sullivan: hours and skills' });
    await settled(panel);
    await expect(panel.getByRole('group', { name: 'Weekly hours' })).toBeVisible();
    await audit(page, 'technician panel');
  });

  test('organization settings and keyboard shortcuts', async ({ page }) => {
    await showJobs(page);
    await page.getByRole('button', { name: 'Organization settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Organization settings' });
    await settled(settings);
    await expect(settings.getByRole('textbox', { name: 'Late start grace (minutes)' })).toBeVisible();
    await audit(page, 'organization settings');
    await dismiss(page, settings);

    await fromPalette(page, 'Keyboard shortcuts');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await settled(shortcuts);
    await audit(page, 'keyboard shortcuts');
    await dismiss(page, shortcuts);

    await fromPalette(page, 'Show conflicts');
    const conflicts = page.getByRole('dialog', { name: 'Conflicts' });
    await settled(conflicts);
    await audit(page, 'conflicts');
  });

  test('jump to date and the account menu', async ({ page }) => {
    await showJobs(page);
    await fromPalette(page, 'Jump to date');
    const jump = page.getByRole('dialog', { name: 'Jump to date' });
    await settled(jump);
    await audit(page, 'jump to date');
    await dismiss(page, jump);

    await page.getByRole('button', { name: 'Account' }).click();
    const menu = page.getByRole('menu');
    await settled(menu);
    await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
    await audit(page, 'account menu');
  });

  test("the drawer's dialogs: details, customer, new appointment, cancel", async ({ page }) => {
    await openJobFromList(page, 'job-1020', 'Smart thermostat install');
    const job = drawer(page, 'job-1020');

    await job.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: 'Edit job details' });
    await settled(details);
    await audit(page, 'edit job details');
    await dismiss(page, details);

    await job.getByRole('button', { name: 'Edit customer' }).click();
    const customer = page.getByRole('dialog', { name: 'Edit customer' });
    await settled(customer);
    await audit(page, 'edit customer');
    await dismiss(page, customer);

    await job.locator('[data-action="new-appointment"]').click();
    const visit = page.getByRole('dialog', { name: 'New appointment' });
    await settled(visit);
    await audit(page, 'new appointment');
    await dismiss(page, visit);

    await job.locator('[data-action="cancel-job"]').click();
    const cancelJob = page.getByRole('dialog', { name: 'Cancel this job?' });
    await settled(cancelJob);
    await audit(page, 'cancel job');
    await dismiss(page, cancelJob);

    await job.locator('[data-action="cancel"][data-for-appointment]').first().click();
    const cancelVisit = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await settled(cancelVisit);
    await audit(page, 'cancel appointment');
    await dismiss(page, cancelVisit);
  });

  test("the drawer's On My Way form", async ({ page }) => {
    await openJobFromList(page, 'job-1020', 'Smart thermostat install');
    await drawer(page, 'job-1020').locator('[data-action="enroute"]').first().click();
    const eta = page.getByRole('dialog').filter({ has: page.getByRole('textbox', { name: 'ETA (minutes)' }) });
    await settled(eta);
    await audit(page, 'on my way ETA');
  });

  test("the drawer's complete reasons", async ({ page }) => {
    await openJobFromList(page, 'job-1020', 'Smart thermostat install');
    const panel = drawer(page, 'job-1020');
    await panel.getByRole('button', { name: 'Start', exact: true }).click();
    await panel.getByRole('button', { name: 'Complete', exact: true }).click();
    // A small dialog named by its button: the note, then the reasons as a menu (a menu may hold items only).
    const picker = page.getByRole('dialog', { name: 'Complete', exact: true });
    await expect(picker.getByRole('textbox', { name: 'Note (optional)' })).toBeFocused();
    await expect(picker.getByRole('menu').getByRole('menuitem').first()).toBeVisible();
    await settled(picker);
    await audit(page, 'complete reasons');
    // From the keyboard: Tab into the reasons, the arrow keys between them, Escape back to the button.
    await page.keyboard.press('Tab');
    const items = picker.getByRole('menuitem');
    await expect(items.first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(items.nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(items.last()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(items.first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(picker).toBeHidden();
    await expect(panel.getByRole('button', { name: 'Complete', exact: true })).toBeFocused();
  });
});

test.describe('an enterprise', () => {
  test('its jobs list, "Offer a job" and "Withdraw this offer?"', async ({ page, serverUrl }) => {
    test.setTimeout(120_000);
    await signIn(page, serverUrl, 'enterprise@demo.test');
    await expect(page.getByRole('grid', { name: 'Jobs' })).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('[role="row"][data-job-id]').first()).toBeVisible();
    await audit(page, 'enterprise jobs list');

    await page.getByRole('button', { name: 'Offer a job' }).click();
    const offer = page.getByRole('dialog', { name: 'Offer a job' });
    await settled(offer);
    await audit(page, 'offer a job');
    await dismiss(page, offer);

    await page
      .getByRole('button', { name: /^Withdraw offer: / })
      .first()
      .click();
    const withdraw = page.getByRole('dialog', { name: 'Withdraw this offer?' });
    await settled(withdraw);
    await audit(page, 'withdraw offer');
  });
});
