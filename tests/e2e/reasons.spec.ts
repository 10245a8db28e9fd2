// The seed's promises in the console: a job source's own complete reasons in the picker, and a canceled
// revisit that leaves a finished job Complete.
import type { WireCompleteReason, WireJob } from '../../server/rest/wire';
import { expect, test } from './fixtures';
import { Api, drawer, openBoard, openJobFromList, PASSWORD } from './helpers';

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

async function jobByTitle(api: Api, title: string): Promise<WireJob> {
  const { jobs } = await api.get<{ jobs: WireJob[] }>('/v3/jobs?limit=100');
  const job = jobs.find((candidate) => candidate.title === title);
  if (!job) throw new Error(`no demo job titled ${title}`);
  return job;
}

test("the picker offers the job source's own reasons as the source manages them, and only on its jobs", async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);
  const acme = await tokenOf(serverUrl, 'enterprise@demo.test');
  const created = await send(serverUrl, acme, 'POST', '/v3/complete_reasons', {
    complete_reason: { label: 'Claim sent to adjuster', effect: 'pause' },
  });
  expect(created.status).toBe(201);
  const reason = created.body.complete_reason as WireCompleteReason;

  // Acme's offer "Dryer not heating": the new reason is offered (it reached the console live), with the seed's
  // "Interrupted — emergency call", among the reasons that pause the job.
  const dryer = await jobByTitle(api, 'Dryer not heating');
  expect(dryer.source_id).not.toBeNull();
  await openJobFromList(page, dryer.id, dryer.title);
  const panel = drawer(page, dryer.id);
  await panel.getByRole('button', { name: 'Start', exact: true }).click();
  await panel.getByRole('button', { name: 'Complete', exact: true }).click();
  const menu = page.getByRole('menu');
  await expect(menu.locator('[data-reason-effect="pause"]', { hasText: 'Claim sent to adjuster' })).toBeVisible();
  await expect(menu.locator('[data-reason-effect="pause"]', { hasText: 'Interrupted — emergency call' })).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Claim sent to adjuster' }).click();
  await expect(panel).toHaveAttribute('data-drawer-status', 'paused');
  await expect.poll(() => api.jobStatus(dryer.id)).toBe('paused');
  await expect.poll(async () => (await api.appointments(dryer.id))[0]?.complete_reason_id).toBe(reason.id);
  await page.getByRole('button', { name: 'Close job' }).click();

  // The provider's own job offers the defaults only.
  const own = await jobByTitle(api, 'Water softener install');
  expect(own.source_id).toBeNull();
  await openJobFromList(page, own.id, own.title);
  await drawer(page, own.id).getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(menu.getByRole('menuitem', { name: 'Interrupted — emergency call' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Claim sent to adjuster' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Close job' }).click();

  // Acme deletes it: no longer offered on its other jobs, still named on the visit that used it.
  expect((await send(serverUrl, acme, 'DELETE', `/v3/complete_reasons/${reason.id}`)).status).toBe(200);
  // Another of Acme's jobs, booked tomorrow: Scheduled whatever the hour (today's may all be done).
  const leak = await jobByTitle(api, 'Refrigerant leak check');
  await openJobFromList(page, leak.id, leak.title);
  await drawer(page, leak.id).getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(menu.getByRole('menuitem', { name: 'Waiting For Parts' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Claim sent to adjuster' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Close job' }).click();
  await openJobFromList(page, dryer.id, dryer.title);
  await expect(drawer(page, dryer.id).getByText('Claim sent to adjuster').first()).toBeVisible();
});

test('a canceled revisit leaves a complete job Complete, and "Complete Job" is not offered', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);
  const dispatcher = await tokenOf(serverUrl, 'dispatcher@demo.test');
  const job = await jobByTitle(api, 'Capacitor failed — outdoor unit humming');
  expect(job.display_status).toBe('complete');
  await openJobFromList(page, job.id, job.title);
  const panel = drawer(page, job.id);
  await expect(panel).toHaveAttribute('data-drawer-status', 'complete');

  // A revisit is scheduled (by a colleague); the open drawer follows it.
  const revisit = await send(serverUrl, dispatcher, 'POST', '/v3/appointments', {
    appointment: { job_id: job.id, time: new Date(Date.now() + 26 * 3_600_000).toISOString(), user_id: 'u-tech1' },
  });
  expect(revisit.status).toBe(201);
  const revisitId = (revisit.body.appointment as { id: string }).id;
  await expect(panel).toHaveAttribute('data-drawer-status', 'scheduled');

  // The dispatcher cancels it: the job is Complete again, not Unscheduled.
  await panel.locator(`[data-action="cancel"][data-for-appointment="${revisitId}"]`).click();
  // The dialog says so before the dispatcher confirms.
  await expect(page.getByRole('dialog', { name: 'Cancel this appointment?' })).toContainText(
    'The job goes back to Complete.',
  );
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(panel).toHaveAttribute('data-drawer-status', 'complete');
  await expect(panel.locator('[data-action="complete-job"]')).toHaveCount(0);
  await expect.poll(() => api.jobStatus(job.id)).toBe('complete');
  await page.getByRole('button', { name: 'Close job' }).click();
  // The jobs list shows it among complete jobs.
  await expect(page.locator(`[role="row"][data-job-id="${job.id}"] [data-status="complete"]`).first()).toBeVisible();
});
