import { afterAll, beforeAll, expect, test } from 'vitest';
import { actorOf, signIn, tokenSource, type Session, type SessionStorage } from '../../../renderer/kit/session';
import type { SyncStatus } from '../../../renderer/sync/status';
import { describeSync, eventually, isSettled, openConsoleAs, startDemoServer, type DemoServer } from './harness';

/**
 * Issue 10, Medium 3, the console's side: with access tokens living 2 s, the server closes the socket at
 * each expiry; the console refreshes its token and reconnects on its own, its outbox survives, and the
 * dispatcher is never shown "offline" or an error.
 */

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ settings: { accessTokenTtlSeconds: 2 } });
});
afterAll(async () => demo?.stop());

test('the console renews its token across several expiries without the dispatcher noticing, keeping its outbox', async () => {
  const session = await signIn(demo.server.url, 'dispatcher@demo.test', 'demo1234');
  expect(session.lifetimeMs).toBe(2_000);
  let stored: Session | null = session;
  let saves = 0;
  const storage: SessionStorage = { load: () => stored, save: (next) => ((stored = next), saves++) };
  const client = await openConsoleAs(
    demo.server.url,
    { token: session.accessToken, actor: actorOf(session) },
    { getToken: tokenSource(session, storage) },
  );
  const seen: SyncStatus[] = [];
  const unsubscribe = client.status.subscribe(() => seen.push(client.status.get()));
  try {
    await eventually(
      async () => isSettled(client, await demo.server.context.store.headSeq('org-coolair')),
      () => describeSync(client),
    );
    seen.length = 0;
    const job = (await client.db.jobs.toArray()).find(
      (candidate) => candidate.lifecycle === 'open' && candidate.sourceId === null,
    )!;
    const ids: string[] = [];
    // Over three token lifetimes, a change every 400 ms: some are queued while the socket is being renewed.
    for (let n = 0; n < 15; n++) {
      ids.push(
        await client.commands.schedule(job.id, {
          technicianId: 'u-tech1',
          start: Date.UTC(2030, 0, 7 + n, 15),
          durationMinutes: 60,
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    await eventually(
      async () => (await client.db.outbox.count()) === 0 && client.engine()?.connected,
      () => describeSync(client),
    );
    for (const id of ids) expect((await demo.server.context.store.getAppointment(id))?.technicianId).toBe('u-tech1');
    expect(saves).toBeGreaterThanOrEqual(2);
    expect(stored?.accessToken).not.toBe(session.accessToken);
    expect(seen.filter((status) => status.state === 'offline' || status.error)).toEqual([]);
    expect(await client.db.conflicts.count()).toBe(0);
  } finally {
    unsubscribe();
    await client.close();
  }
});
