// Enter in a dropdown list picks what the dispatcher sees, and never submits the form around it with another
// choice (renderer/app/listDefaults.ts).
import { expect, test } from './fixtures';
import { Api, drawer, openBoard, openJobFromList, settled, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

test('a name typed and Enter picks its first match; a name matching nobody and Enter submits nothing', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);
  await page.getByRole('button', { name: "Schedule Washer won't spin" }).click();
  const form = page.getByRole('dialog', { name: 'Schedule appointment' });
  const technician = form.getByRole('combobox', { name: 'Technician' });
  await expect(technician).toBeFocused();
  // The form starts on the first technician: Enter must not book her while the dispatcher is choosing another.
  await expect(technician).toHaveValue('Aisha Johnson');

  await page.keyboard.press('Control+A');
  await page.keyboard.type('Jake');
  await expect(page.getByRole('option', { name: 'Jake Sullivan' })).toBeVisible();
  // No arrow: nothing is highlighted, and the list holds one match.
  await expect(page.locator('[data-combobox-selected]')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(technician).toHaveValue('Jake Sullivan');
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(form).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Schedule anyway?' })).toBeHidden();

  // A name nobody has: the list says so, and Enter neither picks nor submits.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Nobody');
  await expect(page.getByText('No technician by that name')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(technician).toHaveValue('Nobody');
  await expect(form).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Schedule anyway?' })).toBeHidden();
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0');
  expect(await api.appointments('job-1010')).toEqual([]);

  // Leaving the field shows the technician still chosen, and that is who the form books.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(technician).toHaveValue('Jake Sullivan');
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  // The suggested start depends on the hour the test runs: the form may ask first.
  const anyway = page.getByRole('dialog', { name: 'Schedule anyway?' });
  await expect.poll(async () => (await anyway.isVisible()) || !(await form.isVisible())).toBe(true);
  if (await anyway.isVisible()) {
    await settled(anyway);
    await anyway.getByRole('button', { name: 'Schedule anyway' }).click();
  }
  await expect(form).toBeHidden();
  await expect.poll(async () => (await api.appointments('job-1010')).map((a) => a.user_id)).toEqual(['u-tech2']);
});

test('Enter on the chosen reason keeps it: a required list is never emptied by picking again', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const offered = page.locator('[aria-label="Job queue"] [data-job-id][data-status="offered"]').first();
  await offered.locator('button[data-action="decline"]').click();
  const reason = page.getByRole('combobox', { name: 'Reason' });
  await expect(reason).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(reason).toHaveAttribute('aria-activedescendant', /./);
  await page.keyboard.press('Enter');
  const chosen = await reason.inputValue();
  expect(chosen).not.toBe('');
  // Open again: the chosen reason is highlighted; Enter on it keeps it.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-combobox-selected]')).toHaveText(chosen);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(reason).toHaveValue(chosen);
});

test('in New appointment, Enter picks no one until a name is typed, and keeps the technician chosen', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await openJobFromList(page, 'job-1020', 'Smart thermostat install');
  await drawer(page, 'job-1020').locator('[data-action="new-appointment"]').click();
  const form = page.getByRole('dialog', { name: 'New appointment' });
  const technician = form.getByRole('combobox', { name: 'Technician' });
  await technician.click();
  // The list open, nothing typed, nothing highlighted: Enter picks no one for the dispatcher, and does not book
  // the visit unassigned either.
  await expect(page.getByRole('option', { name: 'Jake Sullivan' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(technician).toHaveValue('');
  await expect(page.getByRole('listbox')).toBeVisible();
  await expect(form).toBeVisible();
  await page.keyboard.type('Jake');
  await page.keyboard.press('Enter');
  await expect(technician).toHaveValue('Jake Sullivan');
  // Open again from the keyboard: the chosen technician is highlighted, and Enter confirms him.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-combobox-selected]')).toHaveText('Jake Sullivan');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(technician).toHaveValue('Jake Sullivan');
});
