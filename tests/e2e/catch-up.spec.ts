// A console far behind the log shows how far its catch-up has come, then goes online.
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type PushAnswer } from '../../domain/protocol';
import type { WireTokenAnswer } from '../../server/rest/wire';
import { expect, test } from './fixtures';
import { PASSWORD, signIn, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** Jobs another console creates before this one signs in: three changes each (job, customer, activity). */
const JOBS = 8_000;
const BATCH = 500;

/** Fills the log through a second dispatcher's socket, as another console would. */
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
  await signIn(page, serverUrl, 'dispatcher@demo.test');
  const indicator = syncIndicator(page);
  const progress = indicator.getByText(/^Catching up… \d{1,2} %$/);
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(indicator).toHaveAttribute('data-sync-state', 'syncing');
  await expect(indicator).toHaveAttribute('data-sync-state', 'online', { timeout: 120_000 });
  await expect(progress).toHaveCount(0);
});
