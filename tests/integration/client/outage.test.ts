import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Appointment } from '../../../domain';
import { readJobView } from '../../../renderer/data/jobState';
import { readMeta } from '../../../renderer/data/outbox';
import type { SyncClient } from '../../../renderer/sync/client';
import type { WireAppointment } from '../../../server/rest/wire';
import { ChildServer } from '../support/server';
import { FaultyProxy } from './faultyProxy';
import {
  confirmedState,
  createOwnJob,
  describeSync,
  differences,
  eventually,
  isSettled,
  openConsoleAs,
  serverAppointments,
  serverHead,
  serverState,
  storedOutcomes,
  token,
  type Session,
} from './harness';
import { compareWithServer, queueOfflineWork, type PlanResult } from './plans';

/**
 * Outages of the real server as a child process: stopped, or killed with SIGKILL mid-push, then started
 * again on the same port and data folder. Every command must be applied exactly once.
 */
let server: ChildServer;
let session: Session;

beforeAll(async () => {
  server = await ChildServer.start({ demo: true });
  session = await token(server.url, 'dispatcher@demo.test');
}, 120_000);

afterAll(async () => {
  await server?.dispose();
});

const head = () => serverHead(server.url, session.token);

async function waitSettled(client: SyncClient, timeoutMs = 60_000): Promise<number> {
  let target = await head();
  await eventually(
    async () => {
      target = await head();
      return isSettled(client, target);
    },
    async () => `the console to settle: ${await describeSync(client)}, server head ${target}`,
    timeoutMs,
  );
  return target;
}

/** Every command of `client` so far has one stored outcome on the server, and all of them are applied. */
async function expectAllApplied(client: SyncClient, commands: number) {
  const meta = await readMeta(client.db);
  const stored = await storedOutcomes(server, meta.clientId);
  expect(stored.lastProcessedId).toBe(commands);
  expect(stored.results).toHaveLength(commands);
  expect(stored.results.filter((result) => result.status !== 'applied')).toEqual([]);
  expect(await client.db.outbox.count()).toBe(0);
  expect(await client.db.conflicts.toArray()).toEqual([]);
}

async function expectServerMatches(plan: PlanResult) {
  const jobIds = new Set([...plan.expected.values()].map((appointment) => appointment.jobId));
  const listed = new Map<string, WireAppointment[]>();
  for (const jobId of jobIds) listed.set(jobId, await serverAppointments(server.url, session.token, jobId));
  expect(compareWithServer(plan.expected, listed)).toEqual([]);
}

async function expectSameAsServer(client: SyncClient) {
  const [mine, theirs] = await Promise.all([confirmedState(client), serverState(server.url, session.token)]);
  expect([
    ...differences('job', mine.jobs, theirs.jobs),
    ...differences('appointment', mine.appointments, theirs.appointments),
  ]).toEqual([]);
}

function scheduledAppointments(appointments: Appointment[], openJobs: Set<string>, count: number): Appointment[] {
  return appointments
    .filter((appointment) => appointment.status === 'scheduled' && openJobs.has(appointment.jobId))
    .slice(0, count);
}

describe('server outage', () => {
  test('200 commands made while the server is down survive a console restart and are applied exactly once when it returns', async () => {
    const first = await openConsoleAs(server.url, session);
    const databaseName = first.db.name;
    let second: SyncClient | undefined;
    try {
      const headBefore = await waitSettled(first);
      await server.crash();
      await eventually(async () => !first.engine()?.connected, 'the console to notice the outage');

      const jobs = await first.db.jobs.toArray();
      const openJobs = new Set(jobs.filter((job) => job.lifecycle === 'open').map((job) => job.id));
      const appointments = await first.db.appointments.toArray();
      const live = new Set(
        appointments
          .filter((appointment) => ['scheduled', 'enroute', 'started'].includes(appointment.status))
          .map((appointment) => appointment.jobId),
      );
      const unscheduled = [...openJobs].filter((jobId) => !live.has(jobId));
      expect(unscheduled.length).toBeGreaterThanOrEqual(3);
      const plan = await queueOfflineWork(first, unscheduled, scheduledAppointments(appointments, openJobs, 8), 200);
      expect(plan.commands).toBe(200);
      expect(await first.db.outbox.count()).toBe(200);
      expect((await first.db.outbox.toArray()).every((entry) => entry.offline)).toBe(true);
      await first.close();

      // A new Dexie instance on the same IndexedDB database: the outbox and what it shows are still there.
      second = await openConsoleAs(server.url, session, { databaseName });
      expect(await second.db.outbox.count()).toBe(200);
      expect((await readMeta(second.db)).nextCommandId).toBe(201);
      const [someId, someExpected] = [...plan.expected][plan.expected.size - 1];
      const view = await readJobView(second.db, someExpected.jobId, session.actor);
      expect(view.appointments.find((appointment) => appointment.id === someId)).toMatchObject({
        start: someExpected.start,
        status: someExpected.status,
      });

      await server.restart();
      const headAfter = await waitSettled(second);
      // One commit (one seq) per applied command: nothing was applied twice, nothing else was written.
      expect(headAfter - headBefore).toBe(200);
      await expectAllApplied(second, 200);
      await expectServerMatches(plan);
      await expectSameAsServer(second);
    } finally {
      await first.close().catch(() => undefined);
      await second?.close();
    }
  }, 120_000);

  test('the server killed with kill -9 while pushes are in flight: everything converges and each command is applied once', async () => {
    const COMMANDS = 600;
    const jobIds: string[] = [];
    for (let index = 0; index < 40; index++)
      jobIds.push(await createOwnJob(server.url, session.token, `Kill -9 job ${index}`));
    const proxy = await FaultyProxy.start(server.url);
    const client = await openConsoleAs(proxy.url, session, { engine: { pushBatch: 50 } });
    try {
      const headBefore = await waitSettled(client);
      proxy.down();
      await eventually(async () => !client.engine()?.connected, 'the console to go offline');
      const plan = await queueOfflineWork(client, jobIds, [], COMMANDS);
      expect(await client.db.outbox.count()).toBe(COMMANDS);

      // Three batches are applied and acked; 2 ms after the fourth push passes, the server is killed —
      // before, while or just after it commits that batch, its ack perhaps never sent.
      let pushes = 0;
      let killed: Promise<void> | undefined;
      proxy.onClientEvent = (event) => {
        if (event === 'push' && ++pushes === 4)
          killed = new Promise((resolve) => setTimeout(() => void server.crash().then(resolve), 2));
      };
      proxy.up();
      await eventually(async () => killed !== undefined, 'the fourth push to go out', 30_000);
      await killed;
      proxy.onClientEvent = undefined;
      // Killed in the middle: the server had processed some of the outbox, not all of it.
      const processed = (await storedOutcomes(server, (await readMeta(client.db)).clientId)).lastProcessedId;
      expect(processed).toBeGreaterThan(0);
      expect(processed).toBeLessThan(COMMANDS);

      await server.restart();
      const headAfter = await waitSettled(client);
      expect(headAfter - headBefore).toBe(COMMANDS);
      await expectAllApplied(client, COMMANDS);
      await expectServerMatches(plan);
      await expectSameAsServer(client);
    } finally {
      proxy.onClientEvent = undefined;
      await client.close();
      await proxy.close();
      if (!server.running) await server.restart();
    }
  }, 120_000);

  test('a console that crashed between writing its outbox and sending it sends on reopening, applied exactly once', async () => {
    const jobId = await createOwnJob(server.url, session.token, 'Crash before send');
    const proxy = await FaultyProxy.start(server.url);
    const crashed = await openConsoleAs(proxy.url, session);
    const databaseName = crashed.db.name;
    let reopened: SyncClient | undefined;
    try {
      const headBefore = await waitSettled(crashed);
      proxy.down();
      await eventually(async () => !crashed.engine()?.connected, 'the console to go offline');
      const plan = await queueOfflineWork(crashed, [jobId], [], 3);
      expect(await crashed.db.outbox.count()).toBe(3);
      // The window dies: its database is closed under it, nothing is flushed or stopped in order.
      const engine = crashed.engine()!;
      crashed.db.close();
      await engine.stop();
      expect(proxy.count('push')).toBe(0);

      reopened = await openConsoleAs(proxy.url, session, { databaseName });
      expect(await reopened.db.outbox.count()).toBe(3);
      proxy.up();
      const headAfter = await waitSettled(reopened);
      expect(headAfter - headBefore).toBe(3);
      await expectAllApplied(reopened, 3);
      await expectServerMatches(plan);
    } finally {
      await reopened?.close();
      await proxy.close();
    }
  }, 60_000);
});
