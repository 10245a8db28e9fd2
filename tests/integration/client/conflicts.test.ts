import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Appointment } from '../../../domain';
import type { Conflict } from '../../../renderer/data/db';
import { readJobView } from '../../../renderer/data/jobState';
import type { SyncClient } from '../../../renderer/sync/client';
import { FaultyProxy } from './faultyProxy';
import {
  createOffer,
  createOwnJob,
  describeSync,
  eventually,
  FUTURE,
  HOUR,
  isSettled,
  openConsoleAs,
  rest,
  sessionOf,
  startDemoServer,
  token,
  type DemoServer,
  type Session,
} from './harness';

/**
 * Races the sync design settles on the server's side (docs/ARCHITECTURE.md §3): two dispatchers moving one
 * appointment, a technician's field status against a dispatcher's offline edit, an offer withdrawn while
 * a dispatcher accepted it offline. Each console works through its own proxy so it can go offline alone.
 */
let demo: DemoServer;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  demo = await startDemoServer();
});

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

afterAll(async () => demo?.stop());

const head = () => demo.server.context.store.headSeq('org-coolair');

interface OfflineConsole {
  session: Session;
  client: SyncClient;
  proxy: FaultyProxy;
  conflicts: Conflict[];
  goOffline(): Promise<void>;
  goOnline(): void;
  settled(): Promise<void>;
}

async function offlineCapableConsole(session: Session): Promise<OfflineConsole> {
  const proxy = await FaultyProxy.start(demo.server.url);
  cleanups.push(() => proxy.close());
  const conflicts: Conflict[] = [];
  const client = await openConsoleAs(proxy.url, session, { onRejected: (conflict) => conflicts.push(conflict) });
  cleanups.push(() => client.close());
  const settled = async () => {
    await eventually(
      async () => isSettled(client, await head()),
      async () => `${session.actor.name}'s console to settle: ${await describeSync(client)}, head ${await head()}`,
    );
  };
  await settled();
  return {
    session,
    client,
    proxy,
    conflicts,
    settled,
    async goOffline() {
      proxy.down();
      await eventually(async () => !client.engine()?.connected, 'the console to go offline');
    },
    goOnline: () => proxy.up(),
  };
}

/** A new job of the provider's own with one scheduled appointment, confirmed on the server. */
async function scheduledAppointment(session: Session, technicianId = 'u-tech1'): Promise<Appointment> {
  const jobId = await createOwnJob(demo.server.url, session.token, 'Race job');
  const answer = await rest<{ appointment: { id: string } }>(demo.server.url, session.token, 'POST', '/appointments', {
    appointment: { job_id: jobId, time: new Date(FUTURE).toISOString(), duration: 3600, user_id: technicianId },
  });
  expect(answer.status).toBe(201);
  return (await demo.server.context.store.getAppointment(answer.body.appointment.id))!;
}

/**
 * Dana's and Marcus's consoles, both settled with a new scheduled appointment of Dana's on their boards; then
 * Dana goes offline. The start of every race between the two.
 */
async function danaOfflineWithMarcusOnline() {
  const dana = await offlineCapableConsole(sessionOf(demo.server, 'dispatcher@demo.test'));
  const marcus = await offlineCapableConsole(sessionOf(demo.server, 'dispatcher2@demo.test'));
  const appointment = await scheduledAppointment(sessionOf(demo.server, 'dispatcher@demo.test'));
  await dana.settled();
  await marcus.settled();
  await dana.goOffline();
  return { dana, marcus, appointment };
}

/** "3:04 PM" in the demo's time zone, as a dispatcher reads it. */
const clock = (instant: number) =>
  new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZone: 'America/Chicago',
  }).format(instant);

describe('conflicts', () => {
  test('two dispatchers move the same appointment offline: one wins, the other gets STALE_VERSION naming who, and can apply again', async () => {
    const { dana, marcus, appointment } = await danaOfflineWithMarcusOnline();
    await marcus.goOffline();
    const danasTime = FUTURE + 2 * HOUR;
    const marcusTime = FUTURE + 5 * HOUR;
    await dana.client.commands.move(appointment.id, { start: danasTime });
    await marcus.client.commands.move(appointment.id, { start: marcusTime });
    // Offline, each sees their own move (optimistic, pending).
    const optimistic = await readJobView(marcus.client.db, appointment.jobId, marcus.session.actor);
    expect(optimistic.appointments.find((candidate) => candidate.id === appointment.id)?.start).toBe(marcusTime);
    expect(optimistic.pendingAppointmentIds.has(appointment.id)).toBe(true);

    dana.goOnline();
    await dana.settled();
    marcus.goOnline();
    await marcus.settled();

    expect((await demo.server.context.store.getAppointment(appointment.id))?.start).toBe(danasTime);
    expect(dana.conflicts).toEqual([]);
    const stored = await marcus.client.db.conflicts.toArray();
    expect(stored).toHaveLength(1);
    expect(marcus.conflicts).toEqual(stored);
    const [conflict] = stored;
    expect(conflict).toMatchObject({ code: 'STALE_VERSION', name: 'appointment.move', jobId: appointment.jobId });
    expect(conflict.message).toMatch(
      /^Dana Whitfield changed this appointment at \d{1,2}:\d\d [AP]M after you last saw it; your change was not applied\.$/,
    );
    // Marcus's optimistic move is gone: his console shows Dana's time, with nothing pending.
    const view = await readJobView(marcus.client.db, appointment.jobId, marcus.session.actor);
    expect(view.appointments.find((candidate) => candidate.id === appointment.id)?.start).toBe(danasTime);
    expect(view.pendingAppointmentIds.size).toBe(0);
    expect((await marcus.client.db.appointments.get(appointment.id))?.start).toBe(danasTime);

    // "Apply again" runs the same move on the fresh state (the version Marcus now sees) and wins.
    await marcus.client.commands.applyAgain(conflict.key!);
    expect(await marcus.client.db.conflicts.count()).toBe(0);
    await marcus.settled();
    await dana.settled();
    expect(marcus.conflicts).toHaveLength(1);
    expect((await demo.server.context.store.getAppointment(appointment.id))?.start).toBe(marcusTime);
    expect((await dana.client.db.appointments.get(appointment.id))?.start).toBe(marcusTime);
  });

  test("a dispatcher's two offline moves of one appointment, another dispatcher's move in between: both refused, the other's time stands", async () => {
    const { dana, marcus, appointment } = await danaOfflineWithMarcusOnline();
    const danasFirst = FUTURE + 2 * HOUR;
    const danasSecond = FUTURE + 3 * HOUR;
    const marcusTime = FUTURE + 5 * HOUR;
    await dana.client.commands.move(appointment.id, { start: danasFirst });
    await dana.client.commands.move(appointment.id, { start: danasSecond });
    // Both carry the version Dana saw confirmed: the second is made on it too, not on her pending first.
    const queued = await dana.client.db.outbox.orderBy('id').toArray();
    expect(queued.map((entry) => entry.args)).toEqual([
      expect.objectContaining({ expectedVersion: appointment.version, start: danasFirst }),
      expect.objectContaining({ expectedVersion: appointment.version, start: danasSecond }),
    ]);
    const optimistic = await readJobView(dana.client.db, appointment.jobId, dana.session.actor);
    expect(optimistic.appointments.find((candidate) => candidate.id === appointment.id)?.start).toBe(danasSecond);

    // Marcus, online, moves it meanwhile.
    await marcus.client.commands.move(appointment.id, { start: marcusTime });
    await marcus.settled();
    expect((await demo.server.context.store.getAppointment(appointment.id))?.start).toBe(marcusTime);

    dana.goOnline();
    await dana.settled();
    await marcus.settled();

    // Neither of Dana's moves overwrote Marcus's: both are in her conflicts list, saying who changed it.
    const stored = await dana.client.db.conflicts.orderBy('commandId').toArray();
    expect(stored.map((conflict) => [conflict.commandId, conflict.name, conflict.code])).toEqual([
      [queued[0].id, 'appointment.move', 'STALE_VERSION'],
      [queued[1].id, 'appointment.move', 'STALE_VERSION'],
    ]);
    for (const conflict of stored) {
      expect(conflict.message).toMatch(
        /^Marcus Lee changed this appointment at \d{1,2}:\d\d [AP]M after you last saw it; your change was not applied\.$/,
      );
    }
    expect(dana.conflicts).toEqual(stored);
    expect(marcus.conflicts).toEqual([]);
    // The server and both consoles end with Marcus's time, nothing pending.
    expect((await demo.server.context.store.getAppointment(appointment.id))?.start).toBe(marcusTime);
    expect((await dana.client.db.appointments.get(appointment.id))?.start).toBe(marcusTime);
    expect((await marcus.client.db.appointments.get(appointment.id))?.start).toBe(marcusTime);
    const view = await readJobView(dana.client.db, appointment.jobId, dana.session.actor);
    expect(view.appointments.find((candidate) => candidate.id === appointment.id)?.start).toBe(marcusTime);
    expect(view.pendingAppointmentIds.size).toBe(0);
    expect(await dana.client.db.outbox.count()).toBe(0);
  });

  test("a dispatcher's two offline moves of one appointment with nobody else in between: both apply, the second's time stands", async () => {
    const { dana, marcus, appointment } = await danaOfflineWithMarcusOnline();
    const danasFirst = FUTURE + 2 * HOUR;
    const danasSecond = FUTURE + 3 * HOUR;
    await dana.client.commands.move(appointment.id, { start: danasFirst });
    await dana.client.commands.move(appointment.id, { start: danasSecond, durationMinutes: 90 });
    const headBefore = await head();

    dana.goOnline();
    await dana.settled();
    await marcus.settled();

    expect(dana.conflicts).toEqual([]);
    expect(await dana.client.db.conflicts.count()).toBe(0);
    expect(await head()).toBe(headBefore + 2);
    const onServer = await demo.server.context.store.getAppointment(appointment.id);
    expect(onServer).toMatchObject({ start: danasSecond, durationMinutes: 90 });
    expect(await dana.client.db.appointments.get(appointment.id)).toEqual(onServer);
    expect(await marcus.client.db.appointments.get(appointment.id)).toEqual(onServer);
    expect(await dana.client.db.outbox.count()).toBe(0);
  });

  test("a technician's start beats an offline dispatcher's move: the move is refused naming who started it and when", async () => {
    const dispatcher = sessionOf(demo.server, 'dispatcher@demo.test');
    const dana = await offlineCapableConsole(dispatcher);
    const appointment = await scheduledAppointment(dispatcher, 'u-tech3');
    await dana.settled();
    await dana.goOffline();
    await dana.client.commands.move(appointment.id, { start: FUTURE + 3 * HOUR });

    const technician = await token(demo.server.url, 'tech3@demo.test');
    const started = await rest<{ appointment: { status: string; started_at: string } }>(
      demo.server.url,
      technician.token,
      'PATCH',
      `/appointments/${appointment.id}`,
      {
        appointment: { status: 'started' },
      },
    );
    expect(started.status).toBe(200);
    expect(started.body.appointment.status).toBe('started');
    const startedAt = Date.parse(started.body.appointment.started_at);

    dana.goOnline();
    await dana.settled();
    const conflicts = await dana.client.db.conflicts.toArray();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].code).toBe('INVALID_TRANSITION');
    expect(conflicts[0].message).toBe(
      `Chris Park started this appointment at ${clock(startedAt)}; it can no longer be moved.`,
    );
    expect(dana.conflicts).toHaveLength(1);
    // The field status is what the dispatcher now sees, at the technician's time, not her move.
    const onServer = await demo.server.context.store.getAppointment(appointment.id);
    expect(onServer).toMatchObject({ status: 'started', start: appointment.start });
    expect(await dana.client.db.appointments.get(appointment.id)).toEqual(onServer);
  });

  test('an offer withdrawn while a dispatcher accepted and scheduled it offline: both parts are rejected together', async () => {
    const enterprise = await token(demo.server.url, 'enterprise@demo.test');
    const offerId = await createOffer(demo.server.url, enterprise.token, 'Withdrawn while accepted offline');
    const dana = await offlineCapableConsole(sessionOf(demo.server, 'dispatcher@demo.test'));
    expect((await dana.client.db.jobs.get(offerId))?.lifecycle).toBe('offered');
    await dana.goOffline();
    const appointmentId = await dana.client.commands.acceptAndSchedule(offerId, {
      technicianId: 'u-tech2',
      start: FUTURE + HOUR,
      durationMinutes: 60,
    });
    const optimistic = await readJobView(dana.client.db, offerId, dana.session.actor);
    expect(optimistic.job?.lifecycle).toBe('open');
    expect(optimistic.appointments.map((appointment) => appointment.id)).toEqual([appointmentId]);

    const withdrawn = await rest(demo.server.url, enterprise.token, 'PATCH', `/jobs/${offerId}`, {
      job: { status: 'canceled' },
    });
    expect(withdrawn.status).toBe(200);

    dana.goOnline();
    await dana.settled();
    const conflicts = await dana.client.db.conflicts.toArray();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      name: 'job.accept',
      code: 'INVALID_TRANSITION',
      message: 'This offer can no longer be accepted: the enterprise withdrew the offer.',
    });
    expect(await demo.server.context.store.getAppointment(appointmentId)).toBeUndefined();
    expect(await demo.server.context.store.appointmentsOfJob(offerId)).toEqual([]);
    const view = await readJobView(dana.client.db, offerId, dana.session.actor);
    expect(view.job).toMatchObject({ lifecycle: 'canceled', withdrawn: true });
    expect(view.appointments).toEqual([]);
    expect(view.pendingJob).toBe(false);
  });
});
