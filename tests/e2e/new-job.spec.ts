// Issue 11, "take a call": the New job dialog creates the provider's own jobs, for a new or an existing
// customer, Unscheduled or scheduled at once, also offline; wrong input answers inline.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { WireCustomer, WireJob } from '../../server/rest/wire';
import { expect, startServer, stopServer, test } from './fixtures';
import {
  Api,
  drawer,
  openBoard,
  openJobFromList,
  PASSWORD,
  settled,
  showJobs,
  showTomorrow,
  syncIndicator,
} from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

const newJobDialog = (page: Page) => page.getByRole('dialog', { name: 'New job' });
const queueCard = (page: Page, title: string) =>
  page.locator('[aria-label="Job queue"] [data-job-id]', { hasText: title });

/** The queue is virtualized and a new job is its newest: the queue's filter brings it on screen. */
async function findInQueue(page: Page, title: string) {
  await page.getByRole('textbox', { name: 'Filter the queue' }).fill(title);
  return queueCard(page, title);
}

async function openFromToolbar(page: Page) {
  await page.getByRole('toolbar', { name: 'Board' }).getByRole('button', { name: 'New job' }).click();
  await expect(newJobDialog(page)).toBeVisible();
}

/** A new customer and the job, in the dialog's labelled fields. */
async function fillNewCustomerJob(page: Page, title: string) {
  const dialog = newJobDialog(page);
  await dialog.getByRole('textbox', { name: 'First name' }).fill('Nina');
  await dialog.getByRole('textbox', { name: 'Last name' }).fill('Ross');
  await dialog.getByRole('textbox', { name: 'Phone', exact: true }).fill('(512) 555-0188');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('nina.ross@example.com');
  await dialog.getByRole('textbox', { name: 'Street' }).fill('77 Rainey St');
  await dialog.getByRole('textbox', { name: 'City' }).fill('Austin');
  await dialog.getByRole('textbox', { name: 'State' }).fill('TX');
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Puddle under the tank since this morning.');
}

async function jobsTitled(api: Api, title: string): Promise<WireJob[]> {
  const { jobs } = await api.get<{ jobs: WireJob[] }>('/v3/jobs?filter[status_eq]=unscheduled&limit=100');
  return jobs.filter((job) => job.title === title);
}

test('a job for a new customer: Save puts its card in the queue at once, and the server has it', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await openFromToolbar(page);
  await fillNewCustomerJob(page, 'Water heater dripping in garage');
  await newJobDialog(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(newJobDialog(page)).toBeHidden();

  const card = await findInQueue(page, 'Water heater dripping in garage');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'unscheduled');
  await expect(card).toContainText('Nina Ross');

  const api = await Api.signIn(serverUrl);
  await expect
    .poll(async () => (await jobsTitled(api, 'Water heater dripping in garage')).length, { timeout: 15_000 })
    .toBe(1);
  const [job] = await jobsTitled(api, 'Water heater dripping in garage');
  expect(job).toMatchObject({ source_id: null, display_status: 'unscheduled' });
  expect(job.customer).toMatchObject({
    first_name: 'Nina',
    last_name: 'Ross',
    email: 'nina.ross@example.com',
    phone_numbers: [{ number: 'tel:+1-512-555-0188', primary: true, type: 'mobile' }],
  });
  expect(job.address).toMatchObject({
    street_1: '77 Rainey St',
    city: 'Austin',
    state: 'TX',
    timezone: 'America/Chicago',
  });
});

test('an existing customer found by typing part of the phone number, from the jobs list', async ({
  page,
  serverUrl,
}) => {
  const api = await Api.signIn(serverUrl);
  const { customers } = await api.get<{ customers: WireCustomer[] }>('/v3/customers?limit=100');
  const customer = customers.find((candidate) => candidate.phone_numbers.length && candidate.home_address)!;
  const name = `${customer.first_name} ${customer.last_name}`;
  const lastDigits = customer.phone_numbers[0].number.replace(/\D/g, '').slice(-7); // e.g. 5550142

  await openBoard(page, serverUrl);
  await showJobs(page);
  await page.getByRole('button', { name: 'New job' }).click();
  const dialog = newJobDialog(page);
  await dialog
    .getByRole('combobox', { name: 'Find customer' })
    .fill(`${lastDigits.slice(0, 3)}-${lastDigits.slice(3)}`);
  await page
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
  await expect(dialog.getByLabel('Chosen customer')).toContainText(name);
  // The service address comes from the customer's.
  await expect(dialog.getByRole('textbox', { name: 'Street' })).toHaveValue(customer.home_address!.street_1);
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Annual furnace tune-up');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator('[role="row"][data-job-id]', { hasText: 'Annual furnace tune-up' });
  await expect(row).toBeVisible();
  await expect(row).toContainText(name);
  await expect.poll(async () => (await jobsTitled(api, 'Annual furnace tune-up')).length, { timeout: 15_000 }).toBe(1);
  const [job] = await jobsTitled(api, 'Annual furnace tune-up');
  expect(job.customer_id).toBe(customer.id);
  const after = await api.get<{ customers: WireCustomer[]; meta: { total: number } }>('/v3/customers?limit=1');
  expect(after.meta.total).toBe((await api.get<{ meta: { total: number } }>('/v3/customers?limit=1')).meta.total);
});

test('Save and schedule, from the palette, goes on to the scheduling dialog and puts a block on the lane', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search jobs and actions' }).fill('New job');
  await page.keyboard.press('Enter');
  await expect(newJobDialog(page)).toBeVisible();
  await fillNewCustomerJob(page, 'Garbage disposal jammed');
  await newJobDialog(page).getByRole('button', { name: 'Save and schedule' }).click();

  const schedule = page.getByRole('dialog', { name: 'Schedule appointment' });
  await expect(schedule).toBeVisible();
  await expect(schedule).toContainText('Garbage disposal jammed');
  await expect(schedule).toContainText('Nina Ross');
  await schedule.getByRole('button', { name: 'Schedule', exact: true }).click();
  // The suggested slot depends on the clock (outside the technician's hours on a weekend morning): when
  // the board warns first, the dispatcher schedules anyway.
  const anyway = page.getByRole('dialog', { name: 'Schedule anyway?' });
  await expect
    .poll(async () => (await anyway.isVisible()) || !(await schedule.isVisible()), { timeout: 10_000 })
    .toBe(true);
  if (await anyway.isVisible()) {
    await settled(anyway);
    await anyway.getByRole('button', { name: 'Schedule anyway' }).click();
  }
  await expect(schedule).toBeHidden();

  // Found by its name (the customer's, first): in the evening the slot sits at the axis's end, too narrow for text.
  const block = page.locator('[data-tech-id] [data-appointment-id][aria-label^="Nina Ross,"]');
  await expect(queueCard(page, 'Garbage disposal jammed')).toHaveCount(0);
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  // The suggested slot follows the clock: today's next quarter hour, or tomorrow morning once today's hours are over.
  if (!(await block.count())) await showTomorrow(page);
  await expect(block).toBeVisible();
  await expect(block).toHaveAttribute('data-status', 'scheduled');
  const api = await Api.signIn(serverUrl);
  const jobId = (await block.getAttribute('data-job-id'))!;
  expect(await api.jobStatus(jobId)).toBe('scheduled');
});

test('required fields and a wrong phone or email answer inline, and nothing is created', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await openFromToolbar(page);
  const dialog = newJobDialog(page);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveAccessibleDescription('Give the job a title.');
  await expect(dialog.getByRole('textbox', { name: 'First name' })).toHaveAccessibleDescription(
    "Enter the customer's first name, or a company name.",
  );
  await expect(dialog.getByRole('textbox', { name: 'Street' })).toHaveAccessibleDescription(
    'Enter the street address.',
  );
  await expect(dialog.getByRole('textbox', { name: 'City' })).toHaveAccessibleDescription('Enter the city.');
  // The first field in error takes the focus.
  await expect(dialog.getByRole('textbox', { name: 'First name' })).toBeFocused();

  await dialog.getByRole('textbox', { name: 'Company name' }).fill('Driskill Hotel');
  await expect(dialog.getByRole('textbox', { name: 'First name' })).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('textbox', { name: 'Phone', exact: true }).fill('555-CALL-NOW');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('front desk@driskill');
  await dialog.getByRole('textbox', { name: 'Street' }).fill('604 Brazos St');
  await dialog.getByRole('textbox', { name: 'City' }).fill('Austin');
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Ice machine leaking');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Phone', exact: true })).toHaveAccessibleDescription(
    /Not a phone number/,
  );
  await expect(dialog.getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(/Not an email address/);
  await expect(dialog).toBeVisible();
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0');

  // Fixed, a company-only customer is saved.
  await dialog.getByRole('textbox', { name: 'Phone', exact: true }).fill('512-555-0177');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('frontdesk@driskill.example');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(await findInQueue(page, 'Ice machine leaking')).toContainText('Driskill Hotel');
});

test('offline, a new job is in the queue at once, marked not yet synced, and reaches the server on reconnect', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-e2e-newjob-'));
  let server = await startServer(dataDir);
  const port = Number(new URL(server.url).port);
  try {
    await openBoard(page, server.url);
    await stopServer(server.process);
    await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'offline', { timeout: 15_000 });

    await openFromToolbar(page);
    await fillNewCustomerJob(page, 'No hot water');
    await newJobDialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    const card = await findInQueue(page, 'No hot water');
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('data-pending', 'true');
    await expect(card).toContainText('Nina Ross');
    await expect(syncIndicator(page)).toHaveAttribute('data-pending', '1');

    server = await startServer(dataDir, ['--demo'], port);
    await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect(card).not.toHaveAttribute('data-pending', 'true');
    const api = await Api.signIn(server.url);
    const [job] = await jobsTitled(api, 'No hot water');
    expect(job).toMatchObject({ source_id: null, display_status: 'unscheduled' });
  } finally {
    await stopServer(server.process);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("a job's details are edited from the drawer: title, service type, description, a preferred time", async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await openJobFromList(page, 'job-1020', 'Smart thermostat install');
  await drawer(page, 'job-1020').getByRole('button', { name: 'Edit details' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit job details' });
  await expect(editor.getByRole('textbox', { name: 'Title' })).toHaveValue('Smart thermostat install');

  // Required fields answer inline here too.
  await editor.getByRole('textbox', { name: 'Title' }).fill('');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(editor.getByRole('textbox', { name: 'Title' })).toHaveAccessibleDescription('Give the job a title.');

  await editor.getByRole('textbox', { name: 'Title' }).fill('Smart thermostat install, two zones');
  await editor
    .getByRole('textbox', { name: 'Description' })
    .fill('Second thermostat upstairs; customer supplies both.');
  await editor.getByRole('button', { name: 'Add a preferred time' }).click();
  await editor.getByLabel('Preferred time 1 from').fill('2031-03-04T09:00');
  await editor.getByLabel('Preferred time 1 until').fill('2031-03-04T12:00');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(editor).toBeHidden();

  const shown = drawer(page, 'job-1020');
  await expect(page.getByRole('heading', { level: 2, name: 'Smart thermostat install, two zones' })).toBeVisible();
  await expect(shown).toContainText('Second thermostat upstairs');
  await expect(shown.getByRole('region', { name: "Customer's suggested times" })).toContainText('Mar 4');

  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  const api = await Api.signIn(serverUrl);
  const { job } = await api.get<{ job: WireJob }>('/v3/jobs/job-1020');
  expect(job).toMatchObject({
    title: 'Smart thermostat install, two zones',
    description: 'Second thermostat upstairs; customer supplies both.',
  });
  // 9:00 to 12:00 in Austin (CST, UTC−6).
  expect(job.time_windows).toEqual([{ start_time: '2031-03-04T15:00:00.000Z', end_time: '2031-03-04T18:00:00.000Z' }]);
});

test("a customer's phone, email and notes are corrected from the drawer (customer.update); a wrong phone answers inline", async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await openJobFromList(page, 'job-1020', 'Smart thermostat install');
  await drawer(page, 'job-1020').getByRole('button', { name: 'Edit customer' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit customer' });

  await editor.getByRole('textbox', { name: 'Phone', exact: true }).fill('call me maybe');
  await editor.getByRole('button', { name: 'Save customer' }).click();
  await expect(editor.getByRole('textbox', { name: 'Phone', exact: true })).toHaveAccessibleDescription(
    /Not a phone number/,
  );

  await editor.getByRole('textbox', { name: 'Phone', exact: true }).fill('(512) 555-0188');
  await editor.getByRole('textbox', { name: 'Email' }).fill('new.address@example.com');
  await editor.getByRole('textbox', { name: 'Customer notes' }).fill('Side gate sticks; lift it.');
  await editor.getByRole('button', { name: 'Save customer' }).click();
  await expect(editor).toBeHidden();

  const shown = drawer(page, 'job-1020');
  await expect(shown).toContainText('new.address@example.com');
  await expect(shown).toContainText('Side gate sticks; lift it.');
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  const api = await Api.signIn(serverUrl);
  const { job } = await api.get<{ job: WireJob }>('/v3/jobs/job-1020');
  const customer = job.customer as WireCustomer;
  expect(customer).toMatchObject({ email: 'new.address@example.com', notes: 'Side gate sticks; lift it.' });
  expect(customer.phone_numbers[0]).toMatchObject({ number: 'tel:+1-512-555-0188', primary: true });
});

test('a details edit made on a title another dispatcher changed meanwhile is refused, not written over', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await openJobFromList(page, 'job-1020', 'Smart thermostat install');
  await drawer(page, 'job-1020').getByRole('button', { name: 'Edit details' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit job details' });
  await editor.getByRole('textbox', { name: 'Title' }).fill('Thermostat install (Dana)');

  // Marcus renames the job while Dana's form is open.
  const token = (
    (await (
      await fetch(`${serverUrl}/v3/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', username: 'dispatcher2@demo.test', password: PASSWORD }),
      })
    ).json()) as { access_token: string }
  ).access_token;
  const renamed = await fetch(`${serverUrl}/v3/jobs/job-1020`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ job: { title: 'Thermostat install (Marcus)' } }),
  });
  expect(renamed.status).toBe(200);

  // His change reaches Dana's console (the drawer follows it; her open form keeps what she typed).
  await expect(page.getByRole('heading', { level: 2, name: 'Thermostat install (Marcus)' })).toBeVisible();
  await expect(editor.getByRole('textbox', { name: 'Title' })).toHaveValue('Thermostat install (Dana)');

  // Her save is refused at once, saying who changed what, and the form stays open with her text.
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText("Marcus Lee changed the job's title after you last saw it")).toBeVisible();
  await expect(editor).toBeVisible();
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0');
  const api = await Api.signIn(serverUrl);
  expect((await api.get<{ job: WireJob }>('/v3/jobs/job-1020')).job.title).toBe('Thermostat install (Marcus)');
});
