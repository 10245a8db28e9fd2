import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fullName, type Appointment } from '../../domain';
import type { WireCommand } from '../../domain/protocol';
import { SyncClient } from './support/client';
import { newAppointmentArgs, newJobArgs, snapshotOf, unscheduledJobs, ORG_PROVIDER } from './support/data';
import { startInProcess, type InProcessServer } from './support/server';

let server: InProcessServer;
let dispatcher: SyncClient;
let dispatcher2: SyncClient;

beforeAll(async () => {
  server = await startInProcess();
  dispatcher = await SyncClient.login(server.url, 'dispatcher@demo.test');
  dispatcher2 = await SyncClient.login(server.url, 'dispatcher2@demo.test');
}, 120_000);

afterAll(async () => {
  dispatcher?.close();
  dispatcher2?.close();
  await server?.dispose();
});

/** A provider job of the test's own, so each test starts from a known state. */
async function ownJob(client: SyncClient): Promise<string> {
  const args = newJobArgs();
  const answer = await client.push([client.command('job.create', args)]);
  expect(answer.results[0]).toMatchObject({ status: 'applied' });
  return args.jobId;
}

describe('socket sync between two consoles', () => {
  test('an appointment created by one dispatcher reaches the other as a broadcast with contiguous seqs', async () => {
    expect(dispatcher.organizationId).toBe(ORG_PROVIDER);
    expect(dispatcher2.organizationId).toBe(ORG_PROVIDER);
    const initial = await dispatcher2.pullAll();
    expect(initial.cursor).toBe(initial.head);
    const job = unscheduledJobs(snapshotOf(initial.changes))[0];
    expect(job, 'the demo has an accepted, unscheduled job').toBeDefined();
    const received = dispatcher2.broadcasts.length;

    const args = newAppointmentArgs(job.id, 0, 'u-tech1');
    const answer = await dispatcher.push([dispatcher.command('appointment.create', args)]);
    expect(answer.results).toEqual([{ id: dispatcher.lastId, status: 'applied', seq: initial.head + 1 }]);

    const batch = await dispatcher2.waitForBroadcast((changes) =>
      changes.some((change) => change.kind === 'appointment' && change.id === args.id),
    );
    const appointment = batch.find((change) => change.kind === 'appointment' && change.id === args.id)!
      .data as Appointment;
    expect(appointment).toMatchObject({
      id: args.id,
      jobId: job.id,
      technicianId: 'u-tech1',
      start: args.start,
      status: 'scheduled',
      version: initial.head + 1,
    });

    // Everything broadcast since the pull continues the pulled log without a gap or a repeat.
    const seqs = [
      ...new Set(
        dispatcher2.broadcasts
          .slice(received)
          .flat()
          .map((change) => change.seq),
      ),
    ];
    expect(seqs).toEqual(seqs.map((_, index) => initial.head + 1 + index));
    expect(seqs.at(-1)).toBe(answer.results[0].seq);
    // And it is exactly what a pull from the old cursor returns.
    const pulled = await dispatcher2.pullAll(initial.head);
    expect(pulled.changes).toEqual(dispatcher2.broadcasts.slice(received).flat());
    expect(pulled.changes.some((change) => change.kind === 'job' && change.id === job.id)).toBe(true);
  });

  test('a command sent twice with the same client id and command id applies once', async () => {
    const jobId = await ownJob(dispatcher);
    const headBefore = await dispatcher.head();
    const args = newAppointmentArgs(jobId, 1);
    const command = dispatcher.command('appointment.create', args);

    const first = await dispatcher.push([command]);
    expect(first.results[0]).toMatchObject({ id: command.id, status: 'applied', seq: headBefore + 1 });
    const headAfterFirst = await dispatcher.head();
    expect(headAfterFirst).toBe(headBefore + 1);

    const second = await dispatcher.push([command]);
    expect(second).toEqual(first);
    expect(await dispatcher.head()).toBe(headAfterFirst);

    // Lost acks make clients resend from several sockets at once: still one application.
    const twin = await SyncClient.login(server.url, 'dispatcher@demo.test', { clientId: dispatcher.clientId });
    try {
      const raced = await Promise.all([dispatcher.push([command]), twin.push([command]), dispatcher.push([command])]);
      for (const answer of raced) expect(answer).toEqual(first);
    } finally {
      twin.close();
    }
    // A batch that repeats an old command and adds a new one: the old gets its stored result, the new applies.
    const next = dispatcher.command('appointment.move', { appointmentId: args.id, start: args.start + 3_600_000 });
    const mixed = await dispatcher.push([command, next]);
    expect(mixed.results[0]).toEqual(first.results[0]);
    expect(mixed.results[1]).toMatchObject({ id: next.id, status: 'applied', seq: headAfterFirst + 1 });
    expect(mixed.lastProcessedId).toBe(next.id);

    const { changes, head } = await dispatcher.pullAll(headBefore);
    expect(head).toBe(headAfterFirst + 1);
    expect(
      changes.filter((change) => change.kind === 'appointment' && change.id === args.id).map((change) => change.seq),
    ).toEqual([headBefore + 1, headAfterFirst + 1]);
    const created = changes.filter(
      (change) =>
        change.kind === 'activity' &&
        (change.data as { kind: string; appointmentId?: string }).kind === 'appointment.scheduled' &&
        (change.data as { appointmentId?: string }).appointmentId === args.id,
    );
    expect(created).toHaveLength(1);
    const stored = await server.context.store.appointmentsOfJob(jobId);
    expect(stored.filter((appointment) => appointment.id === args.id)).toHaveLength(1);
  });

  test('an out-of-order command id is refused with OUT_OF_ORDER and consumes nothing', async () => {
    const client = await SyncClient.login(server.url, 'dispatcher@demo.test');
    try {
      const jobArgs = newJobArgs();
      const one = client.command('job.create', jobArgs);
      expect((await client.push([one])).lastProcessedId).toBe(1);
      const two = client.command('appointment.create', newAppointmentArgs(jobArgs.jobId, 2));
      const three = client.command('appointment.create', newAppointmentArgs(jobArgs.jobId, 3));
      const headBefore = await client.head();

      const early = await client.push([three]);
      expect(early.results).toEqual([
        { id: 3, status: 'rejected', code: 'OUT_OF_ORDER', message: expect.stringContaining('before command 2') },
      ]);
      expect(early.lastProcessedId).toBe(1);
      expect(await client.head()).toBe(headBefore);
      expect(await server.context.store.getCommandOutcome(client.clientId, 3)).toBeUndefined();
      expect(await server.context.store.getClient(client.clientId)).toMatchObject({ lastProcessedId: 1 });

      const inOrder = await client.push([two, three]);
      expect(inOrder.results.map((result) => [result.id, result.status])).toEqual([
        [2, 'applied'],
        [3, 'applied'],
      ]);
      expect(inOrder.results.map((result) => result.seq)).toEqual([headBefore + 1, headBefore + 2]);
      expect(inOrder.lastProcessedId).toBe(3);
      const live = await server.context.store.appointmentsOfJob(jobArgs.jobId);
      expect(live.map((appointment) => appointment.id).sort()).toEqual(
        [(two.args as { id: string }).id, (three.args as { id: string }).id].sort(),
      );
    } finally {
      client.close();
    }
  });

  test('a rejected command returns a readable message and still consumes its id', async () => {
    const jobId = await ownJob(dispatcher);
    const started = newAppointmentArgs(jobId, 4, 'u-tech3');
    const other = newAppointmentArgs(jobId, 5, 'u-tech4');
    const setup = await dispatcher.push([
      dispatcher.command('appointment.create', started),
      dispatcher.command('appointment.create', other),
      // The dispatcher as backup for a technician whose phone is offline.
      dispatcher.command('appointment.setStatus', { appointmentId: started.id, status: 'started' }),
    ]);
    expect(setup.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);
    const otherVersion = setup.results[1].seq!;

    const headBefore = await dispatcher.head();
    const move = dispatcher.command('appointment.move', {
      appointmentId: started.id,
      start: started.start + 7_200_000,
    });
    const refused = await dispatcher.push([move]);
    const technician = server.context.directory.user('u-tech3')!;
    expect(refused.results[0]).toMatchObject({ id: move.id, status: 'rejected', code: 'INVALID_TRANSITION' });
    expect(refused.results[0].message).toContain(fullName(technician));
    expect(refused.results[0].message).toMatch(
      /started this appointment at \d{1,2}:\d\d [AP]M; it can no longer be moved/,
    );
    expect(refused.lastProcessedId).toBe(move.id);
    expect(await dispatcher.head()).toBe(headBefore);

    // The rejected id is spent: the next id continues, no OUT_OF_ORDER.
    const reschedule = dispatcher.command('appointment.move', {
      appointmentId: other.id,
      expectedVersion: otherVersion,
      start: other.start + 1_800_000,
    });
    const rescheduled = await dispatcher.push([reschedule]);
    expect(rescheduled.results[0]).toMatchObject({ id: move.id + 1, status: 'applied', seq: headBefore + 1 });

    // dispatcher2 works from the version it saw before that move: stale.
    const stale = dispatcher2.command('appointment.move', {
      appointmentId: other.id,
      expectedVersion: otherVersion,
      technicianId: 'u-tech5',
    });
    const staleAnswer = await dispatcher2.push([stale]);
    expect(staleAnswer.results[0]).toMatchObject({ id: stale.id, status: 'rejected', code: 'STALE_VERSION' });
    expect(staleAnswer.results[0].message).toMatch(
      /changed this appointment at \d{1,2}:\d\d [AP]M after you last saw it; your change was not applied\./,
    );
    expect(staleAnswer.results[0].message).toContain(fullName(server.context.directory.user('u-dispatcher')!));
    expect(staleAnswer.lastProcessedId).toBe(stale.id);
    const next = dispatcher2.command('appointment.move', {
      appointmentId: other.id,
      expectedVersion: headBefore + 1,
      technicianId: 'u-tech5',
    });
    expect((await dispatcher2.push([next])).results[0]).toMatchObject({ id: stale.id + 1, status: 'applied' });

    // A resent rejected command gets the same refusal back, word for word.
    expect((await dispatcher.push([move])).results[0]).toEqual(refused.results[0]);
    expect((await dispatcher2.push([stale])).results[0]).toEqual(staleAnswer.results[0]);
    expect(await dispatcher.head()).toBe(headBefore + 2);
  });

  test('an unknown command and invalid arguments are refused with codes and consume their ids', async () => {
    const unknown: WireCommand = dispatcher.command('appointment.teleport', { appointmentId: 'x' });
    const invalid: WireCommand = dispatcher.command('appointment.move', { appointmentId: 'x' });
    const headBefore = await dispatcher.head();
    const answer = await dispatcher.push([unknown, invalid]);
    expect(answer.results).toEqual([
      {
        id: unknown.id,
        status: 'rejected',
        code: 'UNKNOWN_COMMAND',
        message: expect.stringContaining('appointment.teleport'),
      },
      {
        id: invalid.id,
        status: 'rejected',
        code: 'INVALID_ARGS',
        message: expect.stringContaining('nothing to change'),
      },
    ]);
    expect(answer.lastProcessedId).toBe(invalid.id);
    expect(await dispatcher.head()).toBe(headBefore);
  });
});
