import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MAX_COALESCED_PULL, MAX_PULL } from '../../../domain/protocol';
import { countActivityLines, readJobActivity } from '../../../renderer/data/activityPacks';
import { readJobDetails } from '../../../renderer/data/views';
import { activityWindow } from '../../../renderer/sync/activityWindow';
import type { SyncClient } from '../../../renderer/sync/client';
import { DEMO_TIME_ZONE } from '../../../server/demoData/calendar';
import { SyncClient as RawSocket } from '../support/client';
import {
  confirmedState,
  describeSync,
  differences,
  eventually,
  isSettled,
  openConsoleAs,
  serverHead,
  serverState,
  sessionOf,
  startDemoServer,
  type DemoServer,
} from './harness';

/**
 * A console far behind the log (docs/ARCHITECTURE.md §3b): its catch-up holds every entity the server has,
 * but the activity only of jobs with a visit from yesterday through tomorrow (or none); the rest stays on
 * the server until a drawer asks for it. The demo's log is short, so `farBehind: 0` makes any catch-up far.
 */
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(async () => demo?.stop());

async function caughtUp(farBehind?: number): Promise<SyncClient> {
  const session = sessionOf(demo.server, 'dispatcher@demo.test');
  const client = await openConsoleAs(demo.server.url, session, {
    engine: farBehind === undefined ? {} : { farBehind },
  });
  const head = await serverHead(demo.server.url, session.token);
  await eventually(
    () => isSettled(client, head),
    () => describeSync(client),
  );
  const server = await serverState(demo.server.url, session.token);
  const local = await confirmedState(client);
  expect([
    ...differences('job', local.jobs, server.jobs),
    ...differences('appointment', local.appointments, server.appointments),
  ]).toEqual([]);
  return client;
}

test("far behind: every entity, the activity of today's jobs in full, the others' on the server until a drawer asks", async () => {
  const client = await caughtUp(0);
  try {
    const store = demo.server.context.store;
    const organization = await client.db.organizations.get('org-coolair');
    // A first sign-in, asked with the zone its hello said: the split is the office's days, at any hour.
    const window = activityWindow(Date.now(), organization);
    const appointments = await client.db.appointments.toArray();
    const kept: string[] = [];
    const left: string[] = [];
    for (const job of await client.db.jobs.toArray()) {
      const visits = appointments.filter((appointment) => appointment.jobId === job.id);
      const around = visits.some((visit) => visit.start >= window.from && visit.start < window.to);
      const onServer = (await store.activityOfJob(job.id)).map((event) => event.id).sort();
      const held = (await readJobActivity(client.db, job.id)).map((event) => event.id).sort();
      const gap = await client.db.activityGaps.get(job.id);
      if (around || !visits.length) {
        expect({ job: job.id, held, gap }).toEqual({ job: job.id, held: onServer, gap: undefined });
        kept.push(job.id);
      } else {
        expect({ job: job.id, held, gap }).toEqual({ job: job.id, held: [], gap: { jobId: job.id } });
        left.push(job.id);
      }
    }
    // The demo has both kinds: otherwise this test would prove nothing.
    expect(kept.length).toBeGreaterThan(0);
    expect(left.length).toBeGreaterThan(0);

    // The drawer of a job outside the window says so, asks, and then shows every line.
    const jobId = left[0];
    const actor = sessionOf(demo.server, 'dispatcher@demo.test').actor;
    expect((await readJobDetails(client.db, actor, jobId)).activityOnServer).toBe(true);
    client.loadActivity(jobId);
    const details = await eventually(async () => {
      const read = await readJobDetails(client.db, actor, jobId);
      return !read.activityOnServer && read;
    }, `the activity of ${jobId}`);
    expect(details.activity.map((event) => event.id).sort()).toEqual(
      (await store.activityOfJob(jobId)).map((event) => event.id).sort(),
    );
    expect(details.activity.length).toBeGreaterThan(0);
  } finally {
    await client.close();
  }
});

test('near the head (the default threshold, 10,000 seqs; the demo has fewer) every activity line is held', async () => {
  const client = await caughtUp();
  try {
    expect(await client.db.activityGaps.count()).toBe(0);
    const session = sessionOf(demo.server, 'dispatcher@demo.test');
    const socket = await RawSocket.connect(demo.server.url, session.token);
    try {
      const all = await socket.pullAll(0, MAX_PULL);
      expect(await countActivityLines(client.db)).toBe(
        all.changes.filter((change) => change.kind === 'activity').length,
      );
    } finally {
      socket.close();
    }
  } finally {
    await client.close();
  }
});

test('the server offers large coalesced pages and job activity in its hello, and refuses what it must', async () => {
  const session = sessionOf(demo.server, 'dispatcher@demo.test');
  const socket = await RawSocket.connect(demo.server.url, session.token);
  try {
    expect(socket.hello).toMatchObject({
      // The office's zone: a first sign-in asks its first far page with the office's days.
      timeZone: DEMO_TIME_ZONE,
      coalescedPull: true,
      maxCoalescedPull: MAX_COALESCED_PULL,
      jobActivity: true,
    });
    // A large page only when coalesced: an uncoalesced one is as before.
    const large = await socket.pullRaw({ cursor: 0, limit: MAX_COALESCED_PULL, coalesce: true });
    expect(large).toMatchObject({ more: false });
    expect(await socket.pullRaw({ cursor: 0, limit: MAX_PULL + 1 })).toMatchObject({
      error: { code: 'INVALID_ARGS' },
    });
    expect(
      await socket.pullRaw({ cursor: 0, coalesce: true, activityAround: { from: 2, to: 1 } } as never),
    ).toMatchObject({ error: { code: 'INVALID_ARGS' } });
    expect(await socket.emitRaw('jobActivity', { jobId: 'job-nobody-has' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await socket.emitRaw('jobActivity', { job: 'x' })).toMatchObject({ error: { code: 'INVALID_ARGS' } });
    const line = (await socket.pull(0, MAX_PULL)).changes.find((change) => change.kind === 'activity')!;
    const { jobId } = line.data as { jobId: string };
    const answer = (await socket.emitRaw('jobActivity', { jobId })) as { activity: { id: string }[] };
    expect(answer.activity.map((event) => event.id)).toEqual(
      (await demo.server.context.store.activityOfJob(jobId)).map((event) => event.id),
    );
  } finally {
    socket.close();
  }
});

test('with activityAround the server leaves out the activity of jobs whose visits are all outside, and names them', async () => {
  const session = sessionOf(demo.server, 'dispatcher@demo.test');
  const socket = await RawSocket.connect(demo.server.url, session.token);
  try {
    const store = demo.server.context.store;
    const around = activityWindow(Date.now(), { timeZone: 'America/Chicago' });
    const page = await socket.pullRaw({ cursor: 0, limit: MAX_COALESCED_PULL, coalesce: true, activityAround: around });
    const all = await socket.pullRaw({ cursor: 0, limit: MAX_COALESCED_PULL, coalesce: true });
    if ('error' in page || 'reset' in page || 'error' in all || 'reset' in all) throw new Error('no page');
    expect(page.cursor).toBe(all.cursor);
    const left = new Set(page.activityLeft);
    expect(left.size).toBeGreaterThan(0);
    const jobOf = (change: { data: unknown }) => (change.data as { jobId: string }).jobId;
    const activityJobs = new Set(all.changes.filter((change) => change.kind === 'activity').map(jobOf));
    for (const jobId of activityJobs) {
      const visits = await store.appointmentsOfJob(jobId);
      const outside =
        visits.length > 0 && visits.every((visit) => visit.start < around.from || visit.start >= around.to);
      expect({ jobId, left: left.has(jobId) }).toEqual({ jobId, left: outside });
    }
    // Everything else is the same page: only the left jobs' activity lines are missing.
    const kept = all.changes.filter((change) => change.kind !== 'activity' || !left.has(jobOf(change)));
    expect(page.changes).toEqual(kept);
  } finally {
    socket.close();
  }
});
