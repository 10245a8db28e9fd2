// The live region: what other dispatchers and the field change is told politely, once, in domain words.
import { expect, test } from './fixtures';
import { bookWasher, openBoard, restAs } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

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
  const appointment = await bookWasher(serverUrl, Date.now() + 3_600_000);
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
