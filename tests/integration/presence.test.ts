import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PresenceRoster } from '../../domain/protocol';
import { SyncClient } from './support/client';
import { startInProcess, type InProcessServer } from './support/server';

let server: InProcessServer;
const opened: SyncClient[] = [];

beforeAll(async () => {
  server = await startInProcess();
}, 120_000);

afterAll(async () => {
  for (const client of opened) client.socket.close();
  await server?.dispose();
});

async function connect(email: string): Promise<SyncClient> {
  const client = await SyncClient.login(server.url, email);
  opened.push(client);
  return client;
}

/** Resolves with the latest roster `client` received once it satisfies `predicate` (polling its record). */
async function rosterWhere(
  client: SyncClient,
  predicate: (roster: PresenceRoster) => boolean,
  timeoutMs = 3_000,
): Promise<PresenceRoster> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const latest = client.rosters.at(-1);
    if (latest && predicate(latest)) return latest;
    if (Date.now() > until)
      throw new Error(`no matching roster within ${timeoutMs} ms; latest: ${JSON.stringify(latest ?? null)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const names = (roster: PresenceRoster) => roster.online.map((entry) => entry.name);
const entryOf = (roster: PresenceRoster, userId: string) => roster.online.find((entry) => entry.userId === userId);

describe('presence', () => {
  test('dispatchers of one organization see each other and what the other has open; another organization sees nothing', async () => {
    const olivia = await connect('other@demo.test');
    const dana = await connect('dispatcher@demo.test');
    const marcus = await connect('dispatcher2@demo.test');

    const seenByDana = await rosterWhere(dana, (roster) => roster.online.length === 2);
    expect(names(seenByDana)).toEqual(['Dana Whitfield', 'Marcus Lee']);
    await rosterWhere(marcus, (roster) => roster.online.length === 2);

    expect(await marcus.emitRaw('presence', { viewing: 'job-17', moving: null })).toEqual({ ok: true });
    const viewing = await rosterWhere(dana, (roster) => entryOf(roster, 'u-dispatcher2')?.viewing[0] === 'job-17');
    expect(entryOf(viewing, 'u-dispatcher2')).toEqual({
      userId: 'u-dispatcher2',
      name: 'Marcus Lee',
      viewing: ['job-17'],
      moving: [],
    });
    expect(await marcus.emitRaw('presence', { viewing: 'job-17', moving: 'appt-3' })).toEqual({ ok: true });
    await rosterWhere(dana, (roster) => entryOf(roster, 'u-dispatcher2')?.moving[0] === 'appt-3');

    // Olivia, alone in Northstar, was sent nothing at all: no roster of CoolAir's, and none of her own.
    expect(await olivia.emitRaw('presence', { viewing: 'job-n1', moving: null })).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(olivia.rosters).toEqual([]);
    for (const roster of [...dana.rosters, ...marcus.rosters])
      expect(roster.online.map((entry) => entry.userId)).not.toContain('u-other');

    marcus.socket.close();
    dana.socket.close();
    olivia.socket.close();
  });

  test('a dispatcher who disconnects, cleanly or by a dropped connection, leaves the roster within seconds', async () => {
    const dana = await connect('dispatcher@demo.test');
    const marcus = await connect('dispatcher2@demo.test');
    await rosterWhere(dana, (roster) => roster.online.length === 2);
    marcus.socket.close();
    expect(names(await rosterWhere(dana, (roster) => roster.online.length === 1))).toEqual(['Dana Whitfield']);

    // The TCP connection torn down without a socket.io goodbye.
    const again = await connect('dispatcher2@demo.test');
    await rosterWhere(dana, (roster) => roster.online.length === 2);
    const engine = again.socket.io.engine as unknown as { transport: { ws?: { _socket?: { destroy(): void } } } };
    engine.transport.ws?._socket?.destroy();
    expect(names(await rosterWhere(dana, (roster) => roster.online.length === 1, 5_000))).toEqual(['Dana Whitfield']);
    dana.socket.close();
  });

  test('bad presence payloads are refused with INVALID_ARGS and change nothing; floods are rate limited', async () => {
    const dana = await connect('dispatcher@demo.test');
    const marcus = await connect('dispatcher2@demo.test');
    await rosterWhere(dana, (roster) => roster.online.length === 2);
    expect(await marcus.emitRaw('presence', { viewing: 'job-1', moving: null })).toEqual({ ok: true });
    await rosterWhere(dana, (roster) => entryOf(roster, 'u-dispatcher2')?.viewing[0] === 'job-1');
    const received = dana.rosters.length;

    for (const bad of [
      undefined,
      'job-1',
      { viewing: 42, moving: null },
      { viewing: 'job-2' },
      { viewing: 'job-2', moving: null, secret: true },
      { viewing: 'x'.repeat(65), moving: null },
      { viewing: '', moving: null },
    ]) {
      const answer = (await marcus.emitRaw('presence', bad)) as { error?: { code: string; message: string } };
      expect(answer.error?.code, JSON.stringify(bad)).toBe('INVALID_ARGS');
      expect(answer.error?.message.length).toBeGreaterThan(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dana.rosters.length).toBe(received);
    expect(entryOf(dana.rosters.at(-1)!, 'u-dispatcher2')?.viewing).toEqual(['job-1']);

    const answers = (await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        marcus.emitRaw('presence', { viewing: `job-${index % 2}`, moving: null }),
      ),
    )) as { ok?: true; error?: { code: string; retryAfterMs?: number } }[];
    const limited = answers.filter((answer) => answer.error?.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].error?.retryAfterMs).toBeGreaterThan(0);
    // The socket still works after the flood: push and pull are not affected.
    expect(await marcus.head()).toBeGreaterThan(0);
    marcus.socket.close();
    dana.socket.close();
  });

  test('enterprise users are not part of presence: their update is answered FORBIDDEN', async () => {
    const enterprise = await connect('enterprise@demo.test');
    const answer = (await enterprise.emitRaw('presence', { viewing: null, moving: null })) as {
      error?: { code: string };
    };
    expect(answer.error?.code).toBe('FORBIDDEN');
    enterprise.socket.close();
  });
});
