import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { PresenceRoster } from '../../domain/protocol';
import { client, login as restLogin } from './restClient';
import { DEMO_PASSWORD, SyncClient } from './support/client';
import { newJobArgs, ORG_PROVIDER } from './support/data';
import { startInProcess, type InProcessServer } from './support/server';

/**
 * Fan-out between two server processes (here two servers in this process, each with its own SQLite file,
 * sharing one PostgreSQL database for socket.io's adapter): broadcasts and presence reach the consoles of
 * the other process. The shared store's tests are in multiprocess.test.ts.
 */

const ADMIN_URL = process.env.DISPATCH_TEST_DATABASE_URL;
if (!ADMIN_URL)
  console.log('fanout tests skipped: DISPATCH_TEST_DATABASE_URL is not set (no PostgreSQL to fan out through)');

let databaseUrl: string;
let dropDatabase: () => Promise<void>;
let a: InProcessServer;
let b: InProcessServer;
const opened: SyncClient[] = [];

async function temporaryDatabase(adminUrl: string) {
  const name = `dispatch_fanout_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

beforeAll(async () => {
  if (!ADMIN_URL) return;
  const database = await temporaryDatabase(ADMIN_URL);
  databaseUrl = database.url;
  dropDatabase = database.drop;
  [a, b] = await Promise.all([
    startInProcess({ server: { fanoutDatabaseUrl: databaseUrl } }),
    startInProcess({ server: { fanoutDatabaseUrl: databaseUrl } }),
  ]);
}, 120_000);

// A failed test must not leave its consoles in the rooms the next test reads.
afterEach(() => {
  for (const console_ of opened.splice(0)) console_.close();
});

afterAll(async () => {
  await Promise.all([a?.dispose(), b?.dispose()]);
  await dropDatabase?.();
});

async function connect(server: InProcessServer, email: string): Promise<SyncClient> {
  const connected = await SyncClient.login(server.url, email);
  opened.push(connected);
  return connected;
}

async function rosterWhere(
  watcher: SyncClient,
  predicate: (roster: PresenceRoster) => boolean,
  timeoutMs = 3_000,
): Promise<PresenceRoster> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const latest = watcher.rosters.at(-1);
    if (latest && predicate(latest)) return latest;
    if (Date.now() > until)
      throw new Error(`no matching roster within ${timeoutMs} ms; latest: ${JSON.stringify(latest ?? null)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const entryOf = (roster: PresenceRoster, userId: string) => roster.online.find((entry) => entry.userId === userId);

describe.skipIf(!ADMIN_URL)('fan-out between two server processes', () => {
  test('a console on A receives, within a second, a change pushed through B by socket and one made through B by REST', async () => {
    const onA = await connect(a, 'dispatcher@demo.test');
    const onB = await connect(b, 'dispatcher2@demo.test');

    const args = newJobArgs(ORG_PROVIDER);
    const pushedAt = Date.now();
    const answer = await onB.push([onB.command('job.create', args)]);
    expect(answer.results[0]).toMatchObject({ status: 'applied' });
    await onA.waitForBroadcast(
      (changes) => changes.some((change) => change.kind === 'job' && change.id === args.jobId),
      1_000,
    );
    expect(Date.now() - pushedAt).toBeLessThan(1_000);

    const enterprise = client(b.url, await restLogin(b.url, 'enterprise@demo.test', DEMO_PASSWORD));
    const sentAt = Date.now();
    const created = await enterprise.post('/v3/jobs', {
      job: {
        title: 'Fan-out offer',
        organization_id: ORG_PROVIDER,
        external_ids: [`fanout-${randomBytes(4).toString('hex')}`],
        address: { street_1: '5 Oak Ave', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
        customer: { first_name: 'Ana', last_name: 'Ruiz' },
      },
    });
    expect(created.status).toBe(201);
    const jobId = created.body.job.id as string;
    await onA.waitForBroadcast(
      (changes) => changes.some((change) => change.kind === 'job' && change.id === jobId),
      1_000,
    );
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    onA.close();
    onB.close();
  });

  test('a broadcast over NOTIFY’s 8 KB (the attachment table) reaches the other process whole', async () => {
    const onA = await connect(a, 'dispatcher@demo.test');
    const onB = await connect(b, 'dispatcher2@demo.test');
    const jobs = Array.from({ length: 40 }, () => newJobArgs(ORG_PROVIDER));
    const answer = await onB.push(jobs.map((args) => onB.command('job.create', args)));
    expect(answer.results.every((result) => result.status === 'applied')).toBe(true);
    const wanted = new Set(jobs.map((args) => args.jobId));
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline) {
      const seen = new Set(onA.allBroadcastChanges().map((change) => change.id));
      if ([...wanted].every((id) => seen.has(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const sent = JSON.stringify(onB.broadcasts.flat().filter((change) => wanted.has(change.id)));
    expect(sent.length).toBeGreaterThan(8_000);
    const received = onA.allBroadcastChanges().filter((change) => wanted.has(change.id));
    expect(JSON.stringify(received)).toBe(sent);
    onA.close();
    onB.close();
  });

  test('dispatchers on different processes see each other, what the other has open and drags, and who left', async () => {
    const dana = await connect(a, 'dispatcher@demo.test');
    const marcus = await connect(b, 'dispatcher2@demo.test');
    await rosterWhere(dana, (roster) => roster.online.length === 2);
    await rosterWhere(marcus, (roster) => roster.online.length === 2);

    expect(await marcus.emitRaw('presence', { viewing: 'job-17', moving: 'appt-3' })).toEqual({ ok: true });
    const seen = await rosterWhere(dana, (roster) => entryOf(roster, 'u-dispatcher2')?.moving[0] === 'appt-3');
    expect(entryOf(seen, 'u-dispatcher2')).toEqual({
      userId: 'u-dispatcher2',
      name: 'Marcus Lee',
      viewing: ['job-17'],
      moving: ['appt-3'],
    });
    expect(await dana.emitRaw('presence', { viewing: 'job-5', moving: null })).toEqual({ ok: true });
    await rosterWhere(marcus, (roster) => entryOf(roster, 'u-dispatcher')?.viewing[0] === 'job-5');

    // Both change at the same moment, each on its own process: both consoles end on the same roster.
    await Promise.all([
      marcus.emitRaw('presence', { viewing: 'job-18', moving: null }),
      dana.emitRaw('presence', { viewing: 'job-6', moving: null }),
    ]);
    const settled = (roster: PresenceRoster) =>
      entryOf(roster, 'u-dispatcher2')?.viewing[0] === 'job-18' &&
      entryOf(roster, 'u-dispatcher')?.viewing[0] === 'job-6';
    await rosterWhere(dana, settled);
    await rosterWhere(marcus, settled);

    marcus.close();
    const alone = await rosterWhere(dana, (roster) => roster.online.length === 1);
    expect(alone.online.map((entry) => entry.userId)).toEqual(['u-dispatcher']);
    dana.close();
  });
});
