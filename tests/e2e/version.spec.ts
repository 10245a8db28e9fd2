// A console meeting a server of another protocol version: it says so in words and keeps its outbox.
import { expect, test } from './fixtures';
import { Api, openBoard, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** socket.io's event frame for `hello`, with the protocol version the server announces replaced. */
function announce(frame: string, protocol: number): string {
  if (!frame.startsWith('42["hello",')) return frame;
  const [event, hello] = JSON.parse(frame.slice(2)) as [string, Record<string, unknown>];
  return `42${JSON.stringify([event, { ...hello, protocol }])}`;
}

test('a server that speaks a newer protocol: the console asks for an update, sends nothing and keeps its changes', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  // From now on the server's hello names the next version, as a newer server's would; all else passes.
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    server.onMessage((frame) => socket.send(typeof frame === 'string' ? announce(frame, 2) : frame));
  });
  await page.reload();

  const banner = page.getByRole('alert', { name: 'Update needed' });
  await expect(banner).toContainText('This console needs an update to talk to your server.', { timeout: 20_000 });
  const indicator = syncIndicator(page);
  await expect(indicator).toHaveAttribute('data-sync-state', 'offline');
  await expect(indicator).toHaveAccessibleName(/^Sync: Update needed/);

  // Work goes on, into the outbox only.
  const card = page.locator('[aria-label="Job queue"] [data-job-id="job-1010"]');
  // Jake (u-tech2) repairs appliances and is free late in the morning: nothing to warn about.
  const area = page.locator('[data-tech-id="u-tech2"] [data-lane-area]');
  const box = (await area.boundingBox())!;
  await card.dragTo(area, { targetPosition: { x: Math.min(box.width / 2, 400), y: box.height / 2 } });
  await expect(page.locator('[data-tech-id="u-tech2"] [data-appointment-id][data-job-id="job-1010"]')).toHaveAttribute(
    'data-pending',
    'true',
  );
  await expect(indicator).toHaveAttribute('data-pending', '1');
  await page.waitForTimeout(1_000);
  await expect(indicator).toHaveAttribute('data-pending', '1');
  expect(await (await Api.signIn(serverUrl)).appointments('job-1010')).toEqual([]);
  await expect(banner).toBeVisible();
});
