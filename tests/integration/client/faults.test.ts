import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readMeta } from '../../../renderer/data/outbox';
import type { SyncClient } from '../../../renderer/sync/client';
import { MAX_COALESCED_PULL, type Change } from '../../../domain/protocol';
import { SyncClient as RawSocket } from '../support/client';
import { FaultyProxy } from './faultyProxy';
import {
  confirmedState,
  createOwnJob,
  describeSync,
  differences,
  eventually,
  FUTURE,
  HOUR,
  isSettled,
  MINUTE,
  openConsoleAs,
  rest,
  serverState,
  sessionOf,
  startDemoServer,
  storedOutcomes,
  type DemoServer,
  type Session,
} from './harness';
import { queueOfflineWork } from './plans';

/** Network faults between one console and the real server (in this process), through a faulty proxy. */
let demo: DemoServer;
let dispatcher: Session;
let proxy: FaultyProxy;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  demo = await startDemoServer();
  dispatcher = sessionOf(demo.server, 'dispatcher@demo.test');
});

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

afterAll(async () => demo?.stop());

const head = () => demo.server.context.store.headSeq('org-coolair');

async function consoleThroughProxy(overrides: Parameters<typeof openConsoleAs>[2] = {}): Promise<SyncClient> {
  proxy = await FaultyProxy.start(demo.server.url);
  cleanups.push(() => proxy.close());
  const client = await openConsoleAs(proxy.url, dispatcher, overrides);
  cleanups.push(() => client.close());
  await waitSettled(client);
  return client;
}

async function waitSettled(client: SyncClient, timeoutMs = 30_000): Promise<void> {
  await eventually(
    async () => isSettled(client, await head()),
    async () => `the console to settle: ${await describeSync(client)}, server head ${await head()}`,
    timeoutMs,
  );
}

async function expectSameAsServer(client: SyncClient) {
  const [mine, theirs] = await Promise.all([confirmedState(client), serverState(demo.server.url, dispatcher.token)]);
  expect(mine.jobs.size).toBe(theirs.jobs.size);
  expect([
    ...differences('job', mine.jobs, theirs.jobs),
    ...differences('appointment', mine.appointments, theirs.appointments),
  ]).toEqual([]);
}

/**
 * Marcus, on another console, moving one of three scheduled appointments (by index) through the REST API;
 * each call returns the broadcast its commit produced, as an observer socket received it.
 */
async function anotherDispatcher(client: SyncClient): Promise<(index: number) => Promise<Change[]>> {
  const observer = await RawSocket.connect(demo.server.url, dispatcher.token);
  cleanups.push(async () => observer.close());
  const marcus = sessionOf(demo.server, 'dispatcher2@demo.test');
  const movable = (await client.db.appointments.toArray())
    .filter((appointment) => appointment.status === 'scheduled')
    .slice(0, 3);
  expect(movable).toHaveLength(3);
  let moves = 0;
  return async (index) => {
    const time = new Date(FUTURE + ++moves * HOUR).toISOString();
    const answer = await rest(demo.server.url, marcus.token, 'PATCH', `/appointments/${movable[index].id}`, {
      appointment: { time },
    });
    expect(answer.status).toBe(200);
    const seq = await head();
    return observer.waitForBroadcast((changes) => changes.some((change) => change.seq === seq));
  };
}

describe('faults between console and server', () => {
  test('an ack lost after the server applied the commands: the console reconnects, resends, gets the stored results, each applied once', async () => {
    const jobId = await createOwnJob(demo.server.url, dispatcher.token, 'Lost ack');
    const client = await consoleThroughProxy();
    const headBefore = await head();
    proxy.down();
    await eventually(async () => !client.engine()?.connected, 'the console to go offline');
    const plan = await queueOfflineWork(client, [jobId], [], 5);
    const { clientId } = await readMeta(client.db);

    const cut = proxy.cutOnServerBytes('"results"');
    proxy.up();
    await cut;
    // The server committed all five before answering; the answer never reached the console.
    expect((await storedOutcomes(demo, clientId)).lastProcessedId).toBe(5);
    expect((await client.db.outbox.toArray()).filter((entry) => entry.ackedSeq !== undefined)).toEqual([]);

    await waitSettled(client);
    expect(proxy.count('push')).toBeGreaterThanOrEqual(2);
    expect(proxy.connections).toBeGreaterThanOrEqual(2);
    expect((await head()) - headBefore).toBe(5);
    const stored = await storedOutcomes(demo, clientId);
    expect(stored.results.map((result) => [result.id, result.status])).toEqual(
      [1, 2, 3, 4, 5].map((id) => [id, 'applied']),
    );
    expect(await client.db.conflicts.count()).toBe(0);
    const [id, want] = [...plan.expected][0];
    expect(await demo.server.context.store.getAppointment(id)).toMatchObject({
      start: want.start,
      technicianId: want.technicianId,
      status: want.status,
    });
    expect((await demo.server.context.store.appointmentsOfJob(jobId)).length).toBe(1);
    await expectSameAsServer(client);
  });

  test('a resend whose outcome the server pruned (OUTCOME_EXPIRED): dropped without a conflict, the console pulls and later commands go through', async () => {
    const jobIds = [
      await createOwnJob(demo.server.url, dispatcher.token, 'Expired outcome'),
      await createOwnJob(demo.server.url, dispatcher.token, 'After expiry'),
    ];
    const client = await consoleThroughProxy();
    const headBefore = await head();
    proxy.down();
    await eventually(async () => !client.engine()?.connected, 'the console to go offline');
    await queueOfflineWork(client, [jobIds[0]], [], 3);
    const { clientId } = await readMeta(client.db);

    const cut = proxy.cutOnServerBytes('"results"');
    proxy.up();
    await cut;
    // The answer was lost, and before the console is back the server prunes those outcomes (the 30-day rule's statement).
    proxy.down();
    expect((await storedOutcomes(demo, clientId)).lastProcessedId).toBe(3);
    await demo.server.context.pipeline.write((tx) => tx.pruneCommandOutcomesBefore(Date.now() + 1));
    expect((await storedOutcomes(demo, clientId)).results).toEqual([]);
    expect(await client.db.outbox.count()).toBe(3);
    const [pushesBefore, pullsBefore] = [proxy.count('push'), proxy.count('pull')];
    proxy.up();

    await waitSettled(client);
    expect(proxy.count('push')).toBeGreaterThan(pushesBefore);
    expect(proxy.count('pull')).toBeGreaterThan(pullsBefore);
    // Answered OUTCOME_EXPIRED, not run again: nothing new in the log, no conflict, and the pull shows their effect.
    expect(await head()).toBe(headBefore + 3);
    expect(await storedOutcomes(demo, clientId)).toEqual({ lastProcessedId: 3, results: [] });
    expect(await client.db.conflicts.count()).toBe(0);
    await expectSameAsServer(client);

    const later = await client.commands.schedule(jobIds[1], {
      technicianId: 'u-tech1',
      start: FUTURE + 40 * HOUR,
      durationMinutes: 60,
    });
    await eventually(
      async () => (await client.db.outbox.count()) === 0 && (await head()) === headBefore + 4,
      'the later command to be applied',
    );
    expect((await storedOutcomes(demo, clientId)).results).toMatchObject([
      { id: 4, status: 'applied', seq: headBefore + 4 },
    ]);
    expect(await demo.server.context.store.getAppointment(later)).toMatchObject({
      jobId: jobIds[1],
      start: FUTURE + 40 * HOUR,
    });
    expect(await client.db.conflicts.count()).toBe(0);
    await waitSettled(client);
    await expectSameAsServer(client);
  });

  test('duplicated and reordered change deliveries leave the confirmed state equal to the server, and a gap forces a pull', async () => {
    const client = await consoleThroughProxy();
    const engine = client.engine()!;
    // From now on only what the test hands to engine.receive reaches the engine, as if the socket delivered it.
    proxy.dropBroadcasts = true;
    const otherMoves = await anotherDispatcher(client);
    const cursor = async () => (await readMeta(client.db)).cursor;
    const pulls = () => proxy.count('pull');

    // In order, once: applied straight away, no pull needed.
    const first = await otherMoves(0);
    const pullsAtStart = pulls();
    engine.receive(first);
    await eventually(async () => (await cursor()) === first[0].seq, 'the first batch to apply');
    await expectSameAsServer(client);

    // Duplicates of applied batches (whole, and a part of one) change nothing and cost no pull.
    engine.receive(first);
    engine.receive(first.slice(0, 1));
    engine.receive(first);
    await engine.settled();
    expect(await cursor()).toBe(first[0].seq);
    expect(pulls()).toBe(pullsAtStart);

    // A later batch before an earlier one.
    const second = await otherMoves(1);
    const third = await otherMoves(2);
    engine.receive(third);
    engine.receive(second);
    await eventually(async () => (await cursor()) === third[0].seq, 'the reordered batches to be applied');
    await engine.settled();
    await expectSameAsServer(client);

    // A gap: the fourth batch is never delivered, the fifth is. The engine must pull to fill it.
    await otherMoves(0);
    const fifth = await otherMoves(1);
    const pullsBeforeGap = pulls();
    engine.receive(fifth);
    await eventually(async () => (await cursor()) === fifth[0].seq, 'the gap to be filled by a pull');
    expect(pulls()).toBeGreaterThan(pullsBeforeGap);
    await engine.settled();
    await expectSameAsServer(client);

    // Everything again, out of order: all duplicates now.
    const pullsAtEnd = pulls();
    for (const batch of [fifth, first, third, second]) engine.receive(batch);
    await engine.settled();
    expect(await cursor()).toBe(fifth[0].seq);
    expect(pulls()).toBe(pullsAtEnd);
    expect(proxy.droppedBroadcasts).toBeGreaterThanOrEqual(5);
    await expectSameAsServer(client);
  });

  test('a reconnect while a pull is being applied: what the console missed while disconnected is still pulled', async () => {
    const client = await consoleThroughProxy();
    const engine = client.engine()!;
    proxy.dropBroadcasts = true;
    const otherMoves = await anotherDispatcher(client);

    // Two changes the console does not get; the second one's delivery shows the gap, and it pulls.
    await otherMoves(0);
    const second = await otherMoves(1);
    // The pull's answer has to wait for the database (another window's transaction holds it), and
    // meanwhile the connection drops, a change is made, and the console reconnects.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holding: Promise<unknown> | undefined;
    proxy.onClientEvent = (event) => {
      if (event === 'pull' && !holding)
        holding = client.db.transaction('rw', client.db.meta, () => Dexie.waitFor(gate, 30_000));
    };
    engine.receive(second);
    await eventually(async () => holding !== undefined, 'the console to pull');
    proxy.onClientEvent = undefined;
    proxy.dropBroadcasts = false;
    proxy.down();
    await eventually(async () => !engine.connected, 'the console to lose its connection');
    const missed = await otherMoves(2);
    const connectionsBefore = proxy.connections;
    proxy.up();
    await eventually(async () => engine.connected && proxy.connections > connectionsBefore, 'the console to reconnect');
    release();
    await holding;

    // The change made while it was away came by no broadcast; only the pull on reconnecting brings it.
    await eventually(
      async () => (await readMeta(client.db)).cursor === missed[0].seq,
      async () => `the reconnect's pull (${await describeSync(client)})`,
      5_000,
    );
    await expectSameAsServer(client);
  });

  test('a pull page that never arrives is asked for again at half the size, until the console has caught up', async () => {
    // A slow link, or a machine too busy to take in a large page before the deadline: here the page is cut off
    // on its way, twice. Far behind (farBehind 0), the console asks for the largest pages the server offers.
    proxy = await FaultyProxy.start(demo.server.url);
    cleanups.push(() => proxy.close());
    const limits: number[] = [];
    proxy.onClientEvent = (event, frame) => {
      if (event === 'pull')
        limits.push((JSON.parse(frame.replace(/^42\d*/, '')) as [string, { limit: number }])[1].limit);
    };
    const cut = proxy.cutOnServerBytes('"more":', 2);
    const client = await openConsoleAs(proxy.url, dispatcher, { engine: { farBehind: 0 } });
    cleanups.push(() => client.close());
    await cut;
    await waitSettled(client);
    expect(limits.slice(0, 3)).toEqual([MAX_COALESCED_PULL, MAX_COALESCED_PULL / 2, MAX_COALESCED_PULL / 4]);
    const server = await serverState(demo.server.url, dispatcher.token);
    const local = await confirmedState(client);
    expect(differences('job', local.jobs, server.jobs)).toEqual([]);
    expect(differences('appointment', local.appointments, server.appointments)).toEqual([]);
  });

  test('a replaced server (another database) resets the confirmed copy but keeps and resends every unsent command', async () => {
    // The new server signs its own tokens: the console signs in again there (getToken is asked on every connect).
    let bearer = dispatcher.token;
    const client = await consoleThroughProxy({ getToken: async () => bearer });
    const before = await readMeta(client.db);
    proxy.down();
    await eventually(async () => !client.engine()?.connected, 'the console to go offline');
    const jobs = await client.db.jobs.where('lifecycle').equals('open').toArray();
    const live = new Set(
      (await client.db.appointments.toArray())
        .filter((appointment) => ['scheduled', 'enroute', 'started'].includes(appointment.status))
        .map((appointment) => appointment.jobId),
    );
    const unscheduled = jobs.filter((job) => !live.has(job.id) && job.sourceId === null).map((job) => job.id);
    expect(unscheduled.length).toBeGreaterThanOrEqual(1);
    // Nothing here carries a version: the new server's versions are its own.
    const plan = await queueOfflineWork(client, unscheduled.slice(0, 1), [], 3);
    expect(await client.db.outbox.count()).toBe(3);

    // The same address now answers from a new, empty database that loaded the demo again.
    const replacement = await startDemoServer();
    cleanups.push(() => replacement.stop());
    bearer = sessionOf(replacement.server, 'dispatcher@demo.test').token;
    proxy.retarget(replacement.server.url);
    proxy.up();
    const replacementHead = () => replacement.server.context.store.headSeq('org-coolair');
    await eventually(
      async () => isSettled(client, await replacementHead()),
      async () => `the console to settle on the new server: ${await describeSync(client)}`,
    );

    const after = await readMeta(client.db);
    expect(after.serverId).toBe(replacement.server.context.store.databaseId);
    expect(after.serverId).not.toBe(before.serverId);
    // The old client id meant nothing to the new server: the outbox was renumbered from 1 under a new one.
    expect(after.clientId).not.toBe(before.clientId);
    expect(await storedOutcomes(replacement, after.clientId)).toMatchObject({ lastProcessedId: 3 });
    expect((await storedOutcomes(replacement, after.clientId)).results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect(await client.db.conflicts.count()).toBe(0);
    for (const [id, want] of plan.expected) {
      expect(await replacement.server.context.store.getAppointment(id)).toMatchObject({
        start: want.start,
        technicianId: want.technicianId,
        status: want.status,
      });
    }
    const [mine, theirs] = await Promise.all([confirmedState(client), serverState(replacement.server.url, bearer)]);
    expect([
      ...differences('job', mine.jobs, theirs.jobs),
      ...differences('appointment', mine.appointments, theirs.appointments),
    ]).toEqual([]);
  });

  test('a 5,000-command outage is flushed completely', async () => {
    const COMMANDS = 5_000;
    const JOBS = 250;
    // Jobs of the provider's own, made on the server directly (through its pipeline) to save time.
    const jobIds: string[] = [];
    for (let index = 0; index < JOBS; index++) {
      const jobId = `outage-job-${index}`;
      const outcome = await demo.server.context.pipeline.submit(dispatcher.actor, 'job.create', {
        jobId,
        organizationId: 'org-coolair',
        title: `Outage job ${index}`,
        address: { street1: `${index} Outage Road`, city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
        customer: { id: `outage-customer-${index}`, firstName: 'Oscar', lastName: `Outage ${index}` },
      });
      expect(outcome.status).toBe('applied');
      jobIds.push(jobId);
    }
    const client = await consoleThroughProxy();
    const headBefore = await head();
    proxy.down();
    await eventually(async () => !client.engine()?.connected, 'the console to go offline');
    await writeOutboxDirectly(client, jobIds, COMMANDS);
    expect(await client.db.outbox.count()).toBe(COMMANDS);

    const started = performance.now();
    proxy.up();
    await waitSettled(client, 120_000);
    const elapsed = performance.now() - started;
    console.log(
      `[sync] ${COMMANDS} commands queued during an outage flushed and confirmed in ${(elapsed / 1000).toFixed(2)} s (${Math.round(COMMANDS / (elapsed / 1000))} commands/s; fake-indexeddb, server in the same process)`,
    );

    expect((await head()) - headBefore).toBe(COMMANDS);
    const stored = await storedOutcomes(demo, (await readMeta(client.db)).clientId);
    expect(stored.lastProcessedId).toBe(COMMANDS);
    expect(stored.results.filter((result) => result.status !== 'applied')).toEqual([]);
    expect(await client.db.conflicts.count()).toBe(0);
    await expectSameAsServer(client);
  }, 180_000);
});

/**
 * The outbox a long outage leaves: for each job one new appointment and then moves of it, exactly the
 * entries `commands.schedule` and `commands.move` write (a move after a pending command on the same
 * appointment carries no expectedVersion). Written in one bulk step because 5,000 validated enqueues on
 * fake-indexeddb take a minute; what this test measures is the flush.
 */
async function writeOutboxDirectly(client: SyncClient, jobIds: string[], count: number): Promise<void> {
  const { db } = client;
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const meta = await readMeta(db);
    const perJob = Math.ceil(count / jobIds.length);
    const entries = [];
    for (let index = 0; index < count; index++) {
      const jobIndex = Math.floor(index / perJob);
      const jobId = jobIds[jobIndex];
      const appointmentId = `apt-outage-${jobIndex}`;
      const id = meta.nextCommandId + index;
      const createdAt = Date.now() - (count - index) * 10;
      if (index % perJob === 0) {
        const args = {
          id: appointmentId,
          jobId,
          technicianId: `u-tech${(jobIndex % 8) + 1}`,
          start: FUTURE + jobIndex * HOUR,
          durationMinutes: 60,
        };
        entries.push({
          id,
          name: 'appointment.create',
          args,
          createdAt,
          offline: true,
          jobId,
          appointmentIds: [appointmentId],
        });
      } else {
        const args = { appointmentId, start: FUTURE + jobIndex * HOUR + (index % perJob) * 5 * MINUTE };
        entries.push({ id, name: 'appointment.move', args, createdAt, offline: true, jobId, appointmentIds: [] });
      }
    }
    await db.outbox.bulkAdd(entries);
    await db.meta.put({ ...meta, nextCommandId: meta.nextCommandId + count });
  });
}
