import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import type { WireAppointment, WireJob, WireTokenAnswer } from '../../server/rest/wire';

export const PASSWORD = 'demo1234';

/**
 * A dialog fully drawn: Mantine's entry transition ("pop": a fade and a scale from 90 %) done. A button clicked
 * mid-transition on a loaded machine can have moved by the time the click arrives, and the click is lost.
 */
export async function settled(dialog: Locator): Promise<void> {
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveCSS('opacity', '1');
}

/** Answers "Schedule anyway?" (a step the board asks about before committing it) once it is fully open. */
export async function scheduleAnyway(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Schedule anyway?' });
  await settled(dialog);
  await dialog.getByRole('button', { name: 'Schedule anyway' }).click();
  await expect(dialog).toBeHidden();
}

/** Signs in with one of the demo login buttons. */
export async function signIn(page: Page, serverUrl: string, email: string): Promise<void> {
  await page.goto(serverUrl);
  await page.getByRole('button', { name: email, exact: true }).click();
}

/** A dispatcher on the board, lanes drawn. */
export async function openBoard(page: Page, serverUrl: string, email = 'dispatcher@demo.test'): Promise<void> {
  await signIn(page, serverUrl, email);
  await expect(page.locator('[data-tech-id]').first()).toBeVisible({ timeout: 20_000 });
  await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'online', { timeout: 20_000 });
}

export async function newDispatcherPage(browser: Browser, serverUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  await openBoard(page, serverUrl, email);
  return page;
}

export const syncIndicator = (page: Page) => page.locator('[data-sync-state]');

/**
 * The board on tomorrow. The demo books the jobs specs act on there (job-1016, -1020, -1022, -1027), so
 * they are Scheduled whatever the hour: today's visits follow the office clock (server/demoData/day.ts).
 */
export async function showTomorrow(page: Page): Promise<void> {
  const date = page.getByRole('button', { name: 'Board date' });
  const today = (await date.textContent())!;
  // The lanes re-read after the date changes: until then they still hold today's blocks (a test that took the
  // first block right after the date changed once got one of today's).
  const todays = await page
    .locator('[data-tech-id] [data-appointment-id]')
    .evaluateAll((blocks) => blocks.map((block) => block.getAttribute('data-appointment-id')));
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(date).not.toHaveText(today);
  for (const id of todays) await expect(page.locator(`[data-tech-id] [data-appointment-id="${id}"]`)).toHaveCount(0);
}

export async function showJobs(page: Page): Promise<void> {
  await page
    .locator('label')
    .filter({ hasText: /^Jobs$/ })
    .click();
  await expect(page.getByRole('grid', { name: 'Jobs' })).toBeVisible();
}

/** Opens a job's drawer from the jobs list (searching narrows the virtualized list to it). */
export async function openJobFromList(page: Page, jobId: string, title: string): Promise<void> {
  await showJobs(page);
  await page.getByRole('textbox', { name: 'Search jobs' }).fill(title);
  // The search applies a moment after typing, and the rows move when it does: click once the list shows
  // only what matches, or the click can land on a row that has just taken the job's place.
  await expect(page.locator('[role="row"][data-job-id]').filter({ hasNotText: title })).toHaveCount(0);
  await page.locator(`[role="row"][data-job-id="${jobId}"]`).click();
  await expect(page.locator(`[data-job-drawer="${jobId}"]`)).toBeVisible();
}

export const drawer = (page: Page, jobId: string) => page.locator(`[data-job-drawer="${jobId}"]`);

/**
 * The block the first match of `blocks` is now, held by its appointment id. A locator is resolved again at each
 * use, and lanes below the screen keep hydrating after the paint, so `.first()` read once for its job and then
 * clicked could be another block by then (a drawer of another job opened: seen in CI).
 */
export async function pinnedBlock(page: Page, blocks: Locator): Promise<{ block: Locator; jobId: string }> {
  const appointmentId = await blocks.first().getAttribute('data-appointment-id');
  const block = page.locator(`[data-tech-id] [data-appointment-id="${appointmentId}"]`);
  return { block, jobId: (await block.getAttribute('data-job-id'))! };
}

/** A small REST client for checking what the server holds. */
export class Api {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(baseUrl: string, username = 'dispatcher@demo.test'): Promise<Api> {
    const response = await fetch(`${baseUrl}/v3/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username, password: PASSWORD }),
    });
    expect(response.ok).toBe(true);
    const body = (await response.json()) as WireTokenAnswer;
    return new Api(baseUrl, body.access_token);
  }

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async appointments(jobId: string): Promise<WireAppointment[]> {
    return (
      await this.get<{ appointments: WireAppointment[] }>(
        `/v3/appointments?filter[job_id_eq]=${encodeURIComponent(jobId)}`,
      )
    ).appointments;
  }

  async jobStatus(jobId: string): Promise<string> {
    return (await this.get<{ job: WireJob }>(`/v3/jobs/${jobId}`)).job.display_status;
  }
}

/** A signed-in REST caller, as a technician's app or an integration would be. */
export async function restAs(serverUrl: string, username: string) {
  const response = await fetch(`${serverUrl}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password: PASSWORD }),
  });
  expect(response.ok).toBe(true);
  const { access_token: token } = (await response.json()) as WireTokenAnswer;
  return async (method: string, path: string, body: unknown): Promise<{ appointment: WireAppointment }> => {
    const answer = await fetch(`${serverUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as { appointment: WireAppointment };
  };
}

/**
 * The demo's unscheduled washer (job-1010, "Washer won't spin") booked for an hour at `at` on a technician (Jake
 * by default) by Dana's colleague through the REST API: a change that reaches the console by sync, as another
 * dispatcher's would.
 */
export async function bookWasher(serverUrl: string, at: number, technicianId = 'u-tech2'): Promise<WireAppointment> {
  const colleague = await restAs(serverUrl, 'dispatcher2@demo.test');
  const { appointment } = await colleague('POST', '/v3/appointments', {
    appointment: { job_id: 'job-1010', time: new Date(at).toISOString(), duration: 3600, user_id: technicianId },
  });
  return appointment;
}
