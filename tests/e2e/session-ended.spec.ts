// A session ended elsewhere (signed out on another device, a password change): the console returns to sign-in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startServer, stopServer, test, type RunningServer } from './fixtures';
import { openBoard } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

let server: RunningServer;
let dataDir: string;

// Access tokens of 8 s: the server closes the console's socket when its token expires, and the console
// reconnects with a refreshed one, so a refused refresh shows within seconds instead of hours.
test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dispatch-e2e-session-'));
  server = await startServer(dataDir, ['--demo', '--access-token-ttl', '8']);
});

test.afterAll(async () => {
  if (server) await stopServer(server.process);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a refresh the server refuses takes the console back to the sign-in page, saying why', async ({ page }) => {
  await openBoard(page, server.url);
  const refreshToken = await page.evaluate(
    () =>
      (JSON.parse(localStorage.getItem('dispatch.session') ?? 'null') as { refreshToken: string } | null)?.refreshToken,
  );
  expect(refreshToken).toBeTruthy();
  // The session ends elsewhere: its refresh token is revoked (as signing out on another device does).
  const revoked = await fetch(`${server.url}/v3/oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: refreshToken, token_type_hint: 'refresh_token' }),
  });
  expect(revoked.status).toBe(200);

  await expect(page.getByRole('button', { name: 'dispatcher@demo.test', exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByRole('alert').filter({ hasText: 'Your session has ended. Sign in again to continue.' }),
  ).toBeVisible();
  await expect(page.locator('[data-tech-id]')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('dispatch.session'))).toBeNull();

  // Signing in again works as before.
  await page.getByRole('button', { name: 'dispatcher@demo.test', exact: true }).click();
  await expect(page.locator('[data-tech-id]').first()).toBeVisible({ timeout: 20_000 });
});
