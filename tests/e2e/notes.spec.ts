// Notes in the console: written in the drawer (also offline), counted on the board's block, in the timeline,
// from a technician's phone through REST, and a completion's note next to its reason.
import type { WireAppointment, WireNote } from '../../server/rest/wire';
import { expect, test } from './fixtures';
import { Api, drawer, openBoard, openJobFromList, PASSWORD, showTomorrow, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

async function tokenOf(serverUrl: string, username: string): Promise<string> {
  const response = await fetch(`${serverUrl}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password: PASSWORD }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function send(serverUrl: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const notesOf = async (api: Api, jobId: string) =>
  (await api.get<{ notes: WireNote[] }>(`/v3/jobs/${jobId}/notes`)).notes;

test('a note added in the drawer is a list item under "Notes", counted on the block and in the timeline', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await showTomorrow(page);
  const api = await Api.signIn(serverUrl);
  const [appointment] = await api.appointments('job-1027'); // Water softener install, tomorrow.
  const block = page.locator(`[data-appointment-id="${appointment.id}"]`);
  await expect(block).toBeVisible();
  await expect(block).not.toHaveAttribute('aria-label', /note/);
  await block.click();
  const panel = drawer(page, 'job-1027');

  const heading = panel.getByRole('heading', { name: 'Notes' });
  await expect(heading).toBeVisible();
  // Above the activity.
  const activity = panel.getByRole('region', { name: 'Activity' });
  expect(
    await heading.evaluate(
      (notes, other) => !!(notes.compareDocumentPosition(other!) & Node.DOCUMENT_POSITION_FOLLOWING),
      await activity.elementHandle(),
    ),
  ).toBe(true);

  const add = panel.getByRole('button', { name: 'Add note' });
  await expect(add).toBeDisabled();
  await panel.getByRole('textbox', { name: 'New note' }).fill('Customer asked us to call before arriving.\nSide door.');
  await add.click();
  const items = panel.getByRole('list', { name: 'Notes' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Customer asked us to call before arriving.');
  await expect(items.first()).toContainText('Dispatcher');
  await expect(items.first().locator('[data-source="console"]')).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'New note' })).toHaveValue('');
  await expect(panel.locator('[data-activity="note"]')).toContainText('Side door.');
  await expect(block).toHaveAttribute('aria-label', /, 1 note\b/);
  await expect(block.locator('[data-note-count="1"]')).toBeVisible();
  await expect
    .poll(async () => (await notesOf(api, 'job-1027')).map((note) => note.text))
    .toEqual(['Customer asked us to call before arriving.\nSide door.']);

  // The technician writes from the phone: it reaches the drawer live, newest first, marked mobile.
  const technician = await tokenOf(serverUrl, `${appointment.user_id!.replace('u-', '')}@demo.test`);
  const posted = await send(serverUrl, technician, 'POST', `/v3/appointments/${appointment.id}/notes`, {
    note: { text: 'Softener is in the garage.' },
  });
  expect(posted.status).toBe(201);
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('Softener is in the garage.');
  await expect(items.first().locator('[data-source="mobile"]')).toBeVisible();
  await expect(block).toHaveAttribute('aria-label', /, 2 notes\b/);

  // A note about the visit itself.
  await panel.getByRole('combobox', { name: 'About' }).selectOption({ index: 1 });
  await panel.getByRole('textbox', { name: 'New note' }).fill('Bring the long hose.');
  await panel.getByRole('button', { name: 'Add note' }).click();
  await expect(items).toHaveCount(3);
  await expect(items.first()).toContainText('Bring the long hose.');
  await expect(items.first()).toContainText('About the visit');
  await expect(block).toHaveAttribute('aria-label', /, 3 notes\b/);
  await expect
    .poll(
      async () => (await notesOf(api, 'job-1027')).find((note) => note.text === 'Bring the long hose.')?.appointment_id,
    )
    .toBe(appointment.id);
  await page.screenshot({ path: test.info().outputPath('notes.png') });
});

test('a note written offline shows at once, then syncs on reconnect marked "written offline"', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await showTomorrow(page);
  const api = await Api.signIn(serverUrl);
  const [appointment] = await api.appointments('job-1027');
  const block = page.locator(`[data-appointment-id="${appointment.id}"]`);
  await block.click();
  const panel = drawer(page, 'job-1027');

  await page.context().setOffline(true);
  await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'offline', { timeout: 15_000 });
  await panel.getByRole('textbox', { name: 'New note' }).fill('Gate code 4411.');
  await panel.getByRole('button', { name: 'Add note' }).click();
  const item = panel.getByRole('list', { name: 'Notes' }).getByRole('listitem').first();
  await expect(item).toContainText('Gate code 4411.');
  await expect(item).toContainText('written offline');
  await expect(item.locator('[data-note-pending]')).toBeVisible();
  await expect(block).toHaveAttribute('aria-label', /, 1 note\b/);
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '1');
  expect(await notesOf(api, 'job-1027')).toEqual([]);

  await page.context().setOffline(false);
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await expect(item.locator('[data-note-pending]')).toHaveCount(0);
  await expect(item).toContainText('written offline');
  const [stored] = await notesOf(api, 'job-1027');
  expect(stored).toMatchObject({
    text: 'Gate code 4411.',
    offline: true,
    source: 'console',
    author_role: 'dispatcher',
  });
});

test("completing with a note shows it next to the reason on the appointment's card", async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);
  await openJobFromList(page, 'job-1020', 'Smart thermostat install');
  const panel = drawer(page, 'job-1020');
  await panel.getByRole('button', { name: 'Complete', exact: true }).click();
  const menu = page.getByRole('menu');
  await page
    .getByRole('dialog', { name: 'Complete', exact: true })
    .getByRole('textbox', { name: 'Note (optional)' })
    .fill('The technician noted that they were ordering parts.');
  await menu.getByRole('menuitem', { name: 'Waiting For Parts' }).click();
  await expect(panel).toHaveAttribute('data-drawer-status', 'paused');
  const [visit] = await api.appointments('job-1020');
  const card = panel.locator(`[data-drawer-appointment="${visit.id}"]`);
  await expect(card).toContainText('Waiting For Parts');
  await expect(card.locator('[data-completion-note]')).toContainText(
    'The technician noted that they were ordering parts.',
  );
  await expect
    .poll(async () => {
      const { notes } = await api.get<{ notes: WireNote[] }>(`/v3/appointments/${visit.id}/notes`);
      return notes.map((note) => note.text);
    })
    .toEqual(['The technician noted that they were ordering parts.']);
  expect(((await api.appointments('job-1020')) as WireAppointment[])[0].status).toBe('complete');
});

test("the customer's own notes show in the drawer's customer section", async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  const acme = await tokenOf(serverUrl, 'enterprise@demo.test');
  const { body: me } = await send(serverUrl, await tokenOf(serverUrl, 'dispatcher@demo.test'), 'GET', '/v3/users/me');
  const created = await send(serverUrl, acme, 'POST', '/v3/jobs', {
    job: {
      title: 'Ice maker leaking',
      organization_id: (me.user as { organization_id: string }).organization_id,
      address: { street_1: '9 Pecan St', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
      customer: { first_name: 'Rosa', last_name: 'Diaz', notes: 'Gate code 2580.\nFriendly dog.' },
    },
  });
  expect(created.status).toBe(201);
  const jobId = (created.body.job as { id: string }).id;
  await openJobFromList(page, jobId, 'Ice maker leaking');
  const customer = drawer(page, jobId).getByRole('region', { name: 'Customer', exact: true });
  await expect(customer.locator('[data-customer-notes]')).toContainText('Gate code 2580.');
  await expect(customer.locator('[data-customer-notes]')).toContainText('Friendly dog.');
});
