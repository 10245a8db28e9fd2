// The live region: what other dispatchers and the field change is told politely, once, in domain words.
import type { WireAppointment, WireTokenAnswer } from '../../server/rest/wire';
import { expect, test } from './fixtures';
import { openBoard, PASSWORD } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** A signed-in REST caller, as a technician's app or another dispatcher's integration would be. */
async function restAs(serverUrl: string, username: string) {
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

test("a technician's status change is announced once by the console's one polite live region", async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const region = page.locator('[data-live-announcer]');
  await expect(region).toHaveCount(1);
  await expect(region).toHaveAttribute('role', 'status');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  // Signing in pulled the whole demo: a catch-up is not announced.
  await expect(region).toHaveAttribute('data-announcements', '0');
  await expect(region).toHaveText('');

  // Another dispatcher books the washer on Jake.
  const colleague = await restAs(serverUrl, 'dispatcher2@demo.test');
  const { appointment } = await colleague('POST', '/v3/appointments', {
    appointment: {
      job_id: 'job-1010',
      time: new Date(Date.now() + 3_600_000).toISOString(),
      duration: 3600,
      user_id: 'u-tech2',
    },
  });
  await expect(region).toHaveAttribute('data-announcements', '1', { timeout: 10_000 });
  await expect(region).toContainText("Washer won't spin");

  // Jake goes On My Way from his phone: one sentence, naming him, what he did and the job.
  const jake = await restAs(serverUrl, 'tech2@demo.test');
  await jake('PATCH', `/v3/appointments/${appointment.id}`, { appointment: { status: 'enroute', eta_minutes: 30 } });
  await expect(region).toHaveText(/^Jake \S+, Washer won't spin: On My Way, ETA 30 min/, { timeout: 10_000 });
  await expect(region).toHaveAttribute('data-announcements', '2');
  // Only once: nothing more is told after the window closes.
  await page.waitForTimeout(3_000);
  await expect(region).toHaveAttribute('data-announcements', '2');
});
