// A console far behind the log shows how far its catch-up has come, then goes online.
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type PushAnswer } from '../../domain/protocol';
import type { WireTokenAnswer } from '../../server/rest/wire';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startServer, stopServer, test } from './fixtures';
import { drawer, openJobFromList, PASSWORD, signIn, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** Jobs another console creates before this one signs in: three changes each (job, customer, activity). */
const JOBS = 10_000;
const BATCH = 500;
/**
 * How long the progress test holds each of the console's pull requests: longer than the shell waits for the
 * organization's time zone before drawing on the default one (OfficeClockProvider, 5 s), so the board is on
 * screen, empty, while the first catch-up is still on its way (CI once had it all written before then).
 */
const PULL_HELD_MS = 8_000;

/** A job with its one visit ten days ahead: outside the window whose activity a far catch-up keeps. */
const NEXT_WEEK_JOB = 'catch-up-next-week';
const NEXT_WEEK_TITLE = 'Boiler service in ten days';

/**
 * Fills the log through a second dispatcher's socket, as another console would: these 10,002 commits on top
 * of the demo's put a new console more than 10,000 seqs behind, where it counts as far behind.
 */
async function createJobs(serverUrl: string): Promise<void> {
  const response = await fetch(`${serverUrl}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: 'dispatcher2@demo.test', password: PASSWORD }),
  });
  const { access_token: token } = (await response.json()) as WireTokenAnswer;
  const socket = io(serverUrl, { auth: { token, protocol: PROTOCOL_VERSION }, transports: ['websocket'] });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('hello', () => resolve());
      socket.once('connect_error', reject);
    });
    for (let first = 1; first <= JOBS; first += BATCH) {
      const commands = Array.from({ length: BATCH }, (_, index) => {
        const id = first + index;
        return {
          id,
          name: 'job.create',
          createdAt: Date.now(),
          args: {
            jobId: `catch-up-job-${id}`,
            organizationId: 'org-coolair',
            title: `Filter change ${id}`,
            address: { street1: `${id} Elm Street`, city: 'Springfield', state: 'TX' },
            customer: { id: `catch-up-customer-${id}`, firstName: `Pat ${id}` },
          },
        };
      });
      const answer = (await socket
        .timeout(60_000)
        .emitWithAck('push', { clientId: 'e2e-catch-up-seed', commands })) as PushAnswer;
      expect(answer.results.every((result) => result.status === 'applied')).toBe(true);
    }
    const tenDays = Date.now() + 10 * 24 * 3_600_000;
    const answer = (await socket.timeout(60_000).emitWithAck('push', {
      clientId: 'e2e-catch-up-seed',
      commands: [
        {
          id: JOBS + 1,
          name: 'job.create',
          createdAt: Date.now(),
          args: {
            jobId: NEXT_WEEK_JOB,
            organizationId: 'org-coolair',
            title: NEXT_WEEK_TITLE,
            address: { street1: '1 Birch Street', city: 'Springfield', state: 'TX' },
            customer: { id: 'catch-up-next-week-customer', firstName: 'Robin' },
          },
        },
        {
          id: JOBS + 2,
          name: 'appointment.create',
          createdAt: Date.now(),
          args: {
            id: `${NEXT_WEEK_JOB}-a1`,
            jobId: NEXT_WEEK_JOB,
            technicianId: 'u-tech1',
            start: tenDays,
            durationMinutes: 60,
          },
        },
      ],
    })) as PushAnswer;
    expect(answer.results.map((result) => result.status)).toEqual(['applied', 'applied']);
  } finally {
    socket.disconnect();
  }
}

test('a console signing in far behind the log shows "Catching up… N %" in the sync status until it is online', async ({
  page,
  serverUrl,
}) => {
  test.setTimeout(180_000);
  await createJobs(serverUrl);
  // Far behind, the console pulls in one or two large pages, and on a quick machine the catch-up could be
  // over before the indicator was looked at (CI saw that). Each pull request is held for a while, as a slow
  // network would, so the status has a catch-up to show; everything else passes at once.
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((frame) => {
      const send = () => server.send(frame);
      if (typeof frame === 'string' && /^42\d*\["pull",/.test(frame)) setTimeout(send, PULL_HELD_MS);
      else send();
    });
  });
  // Every percent the indicator shows, as it shows it (a page of 20,000 rows is written in ~20 chunks).
  await page.addInitScript(() => {
    const shown: number[] = [];
    (window as unknown as { catchUpShown: number[] }).catchUpShown = shown;
    const record = (element: Element) => {
      const value = element.getAttribute('data-catch-up');
      if (value !== null && shown.at(-1) !== Number(value)) shown.push(Number(value));
    };
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'attributes') record(mutation.target as Element);
        for (const node of mutation.addedNodes)
          if (node instanceof Element) node.querySelectorAll('[data-catch-up]').forEach(record);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-catch-up'] });
  });
  await signIn(page, serverUrl, 'dispatcher@demo.test');
  // A first sign-in holds nothing of the office, not even the time zone its board's "today" is cut on: the
  // shell waits a few seconds for the first pull and says meanwhile how far it has come.
  const opening = page.getByRole('status').filter({ hasText: 'Opening your office' });
  await expect(opening).toBeVisible();
  await expect(opening).toContainText(/Catching up… \d{1,2} %/);
  await expect(opening.getByRole('progressbar', { name: 'Opening your office' })).toHaveAttribute(
    'aria-valuenow',
    /^\d{1,2}$/,
  );
  const indicator = syncIndicator(page);
  const progress = indicator.getByText(/^Catching up… \d{1,2} %$/);
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(indicator).toHaveAttribute('data-sync-state', 'syncing');
  // Until the first catch-up is in, the board has no technicians, and says why (not "none in your organization").
  const loading = page.getByText('Loading technicians and jobs from the server…');
  await expect(loading).toBeVisible();
  await expect(page.getByText('No technicians in your organization yet.')).toHaveCount(0);
  await expect(page.getByText('Loading jobs from the server…')).toHaveCount(3); // Offered, Unscheduled, Paused
  await expect(page.getByText('No offers waiting.')).toHaveCount(0);
  await expect(indicator).toHaveAttribute('data-sync-state', 'online', { timeout: 120_000 });
  await expect(progress).toHaveCount(0);
  await expect(loading).toHaveCount(0);
  await expect(page.locator('[data-tech-id]').first()).toBeVisible();
  // Far behind, the log came in one large page; the progress still moved with its rows as they were written,
  // from 0 % (of what was left, not of the whole log), never backwards, well past the middle before the end.
  const shown = await page.evaluate(() => (window as unknown as { catchUpShown: number[] }).catchUpShown);
  expect(shown[0]).toBe(0);
  expect(shown.length).toBeGreaterThanOrEqual(4);
  expect([...shown].sort((a, b) => a - b)).toEqual(shown);
  expect(shown.at(-1)).toBeGreaterThan(50);
});

test('a first sign-in that cannot reach the sync server says so, then opens the board, which fills in once it can', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-e2e-first-sign-in-'));
  let server = await startServer(dataDir);
  const port = Number(new URL(server.url).port);
  try {
    // The sign-in is answered, and the server goes away before the console's first connection.
    await page.route('**/v3/oauth/token', async (route) => {
      const response = await route.fetch();
      await stopServer(server.process);
      await route.fulfill({ response });
    });
    await signIn(page, server.url, 'dispatcher@demo.test');
    const opening = page.getByRole('status').filter({ hasText: 'Opening your office' });
    await expect(opening).toContainText(
      'The server cannot be reached yet. The board opens in a moment and fills in once it is.',
      { timeout: 15_000 },
    );
    // After the shell's wait, the board (on the default zone), saying why it is empty.
    await expect(opening).toHaveCount(0, { timeout: 15_000 });
    await expect(
      page.getByText('Nothing synced yet: this fills in once the console reaches the server.').first(),
    ).toBeVisible();
    await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'offline');

    server = await startServer(dataDir, ['--demo'], port);
    await expect(page.locator('[data-tech-id]').first()).toBeVisible({ timeout: 60_000 });
    await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'online', { timeout: 30_000 });
  } finally {
    await stopServer(server.process);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("far behind, a job's activity outside the days around today stays on the server until its drawer opens online", async ({
  page,
  serverUrl,
}) => {
  test.setTimeout(180_000);
  await createJobs(serverUrl);
  await signIn(page, serverUrl, 'dispatcher@demo.test');
  const indicator = syncIndicator(page);
  await expect(indicator).toHaveAttribute('data-sync-state', 'online', { timeout: 120_000 });

  // The jobs list of 10,000 jobs first (it takes a while on a loaded machine), then offline.
  await page
    .locator('label')
    .filter({ hasText: /^Jobs$/ })
    .click();
  await expect(page.getByRole('grid', { name: 'Jobs' })).toBeVisible({ timeout: 30_000 });
  // Offline, the drawer says what it lacks.
  await page.context().setOffline(true);
  await expect(indicator).toHaveAttribute('data-sync-state', 'offline', { timeout: 15_000 });
  await openJobFromList(page, NEXT_WEEK_JOB, NEXT_WEEK_TITLE);
  const panel = drawer(page, NEXT_WEEK_JOB);
  const onServer = panel.getByText('Earlier activity is on the server; it loads when the console is online.');
  await expect(onServer).toBeVisible();
  await expect(panel.getByTestId('activity-timeline')).toHaveCount(0);

  // Online again, the drawer fetches every line and the notice goes.
  await page.context().setOffline(false);
  await expect(onServer).toHaveCount(0, { timeout: 30_000 });
  const lines = panel.getByTestId('activity-timeline').locator('[data-activity]');
  // Created, its visit scheduled, the job scheduled.
  await expect(lines).toHaveCount(3);
  await expect(panel.getByText(`Job created: ${NEXT_WEEK_TITLE}`)).toBeVisible();
});
