// Organization settings (issue 11 §4): a dispatcher changes the office's time zone from the header's gear;
// every console of the organization, and the REST API, follow.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Api, newDispatcherPage } from './helpers';

const settingsDialog = (page: Page) => page.getByRole('dialog', { name: 'Organization settings' });
const officeZoneName = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Board' }).getByText(name, { exact: true });

test('the office zone changed in Organization settings moves both dispatchers and the API', async ({
  browser,
  serverUrl,
}) => {
  test.setTimeout(120_000);
  const dana = await newDispatcherPage(browser, serverUrl, 'dispatcher@demo.test');
  const marcus = await newDispatcherPage(browser, serverUrl, 'dispatcher2@demo.test');
  await expect(officeZoneName(dana, 'Central Time')).toBeVisible();
  await expect(officeZoneName(marcus, 'Central Time')).toBeVisible();

  // From the header; an out-of-range threshold is flagged inline and keeps the dialog open.
  await dana.getByRole('button', { name: 'Organization settings' }).click();
  const dialog = settingsDialog(dana);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Time zone' })).toHaveValue('America/Chicago — Central Time');
  const grace = dialog.getByRole('textbox', { name: 'Late start grace (minutes)' });
  await grace.fill('0');
  await expect(dialog.getByText('Enter whole minutes from 1 to 1440.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeVisible();
  await grace.fill('15');
  await expect(dialog.getByText('Enter whole minutes from 1 to 1440.')).toHaveCount(0);

  // The zone, searched by its city, labelled with its spoken name.
  await dialog.getByRole('combobox', { name: 'Time zone' }).fill('Kolkata');
  await dana.getByRole('option', { name: 'Asia/Kolkata — India Standard Time' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(officeZoneName(dana, 'India Standard Time')).toBeVisible();
  await expect(dana.getByRole('toolbar', { name: 'Board' }).locator('[data-office-zone]')).toHaveAttribute(
    'data-office-zone',
    'Asia/Kolkata',
  );
  await expect(officeZoneName(marcus, 'India Standard Time')).toBeVisible({ timeout: 20_000 });
  const api = await Api.signIn(serverUrl);
  await expect
    .poll(async () => (await api.get<{ organization: { time_zone: string } }>('/v3/organizations/me')).organization)
    .toMatchObject({ time_zone: 'Asia/Kolkata', attention: { late_start_grace_minutes: 15 } });

  // From the palette too; it opens on the saved zone, and Cancel closes it changing nothing.
  await marcus.keyboard.press('Control+K');
  await marcus.getByRole('textbox', { name: 'Search jobs and actions' }).fill('Organization settings');
  await marcus.keyboard.press('Enter');
  await expect(settingsDialog(marcus)).toBeVisible();
  await expect(settingsDialog(marcus).getByRole('combobox', { name: 'Time zone' })).toHaveValue(
    'Asia/Kolkata — India Standard Time',
  );
  await settingsDialog(marcus).getByRole('button', { name: 'Cancel' }).click();
  await expect(settingsDialog(marcus)).toBeHidden();
});
