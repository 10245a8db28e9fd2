import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Change, PushAnswer, WireCommand } from '../../domain/protocol';
import { login, SyncClient } from './support/client';
import { BASE_TIME, HOUR, newAppointmentArgs, newJobArgs } from './support/data';
import { ChildServer } from './support/server';

let server: ChildServer;
let token: string;
const clientId = 'crash-test-console-1';
let nextId = 0;

beforeAll(async () => {
  server = await ChildServer.start({ demo: true });
  token = (await login(server.url, 'dispatcher@demo.test')).access_token;
}, 120_000);

afterAll(async () => {
  await server?.dispose();
});

const command = (name: string, args: unknown): WireCommand => ({ id: ++nextId, name, args, createdAt: Date.now() });

/** One job with `count` appointments, then moves round-robin until the batch holds `total` commands. */
function outboxBatch(count: number, total: number) {
  const job = newJobArgs();
  const appointments = Array.from({ length: count }, (_, index) => newAppointmentArgs(job.jobId, index));
  const commands = [
    command('job.create', job),
    ...appointments.map((appointment) => command('appointment.create', appointment)),
  ];
  const finalStart = new Map<string, number>();
  for (let index = 0; commands.length < total; index++) {
    const appointment = appointments[index % count];
    const start = BASE_TIME + 2_000 * HOUR + commands.length * 60_000;
    commands.push(command('appointment.move', { appointmentId: appointment.id, start }));
    finalStart.set(appointment.id, start);
  }
  return { job, appointments, commands, finalStart };
}

async function connect(): Promise<SyncClient> {
  // The token key lives in the data folder: a token issued before the crash still opens a session.
  return SyncClient.connect(server.url, token, { clientId });
}

function expectState(changes: Change[], batch: ReturnType<typeof outboxBatch>) {
  const latest = new Map<string, { start: number; status: string }>();
  const creations = new Map<string, number>();
  for (const change of changes) {
    if (change.kind === 'appointment') latest.set(change.id, change.data as { start: number; status: string });
    const data = change.data as { kind?: string; appointmentId?: string };
    if (change.kind === 'activity' && data.kind === 'appointment.scheduled' && data.appointmentId) {
      creations.set(data.appointmentId, (creations.get(data.appointmentId) ?? 0) + 1);
    }
  }
  expect(changes.some((change) => change.kind === 'job' && change.id === batch.job.jobId)).toBe(true);
  for (const appointment of batch.appointments) {
    expect(latest.get(appointment.id), appointment.id).toMatchObject({
      status: 'scheduled',
      start: batch.finalStart.get(appointment.id),
    });
    expect(creations.get(appointment.id), `${appointment.id} created once`).toBe(1);
  }
}

describe('server killed with SIGKILL', () => {
  test('every acked command survives kill -9 and a resend returns the stored results', async () => {
    let client = await connect();
    const { serverId, head: headBefore } = client.hello;
    const batch = outboxBatch(20, 120);
    const rejected = command('appointment.move', { appointmentId: 'apt-does-not-exist', start: BASE_TIME });
    batch.commands.push(rejected);

    // Four pushes in flight at once, so group commit puts several of them in one transaction.
    const chunks = [0, 1, 2, 3].map((part) =>
      batch.commands.slice(part * 30, part === 3 ? undefined : (part + 1) * 30),
    );
    const acks = await Promise.all(chunks.map((chunk) => client.push(chunk)));
    await server.crash(); // immediately after the last ack: no graceful shutdown, no checkpoint
    client.close();
    const ack = { results: acks.flatMap((answer) => answer.results), lastProcessedId: acks[3].lastProcessedId };
    const applied = ack.results.filter((result) => result.status === 'applied');
    expect(applied).toHaveLength(batch.commands.length - 1);
    expect(ack.results.at(-1)).toMatchObject({ id: rejected.id, status: 'rejected', code: 'NOT_FOUND' });

    await server.restart();
    client = await connect();
    try {
      expect(client.hello.serverId).toBe(serverId);
      expect(client.hello.head).toBe(headBefore + applied.length);
      const { changes, head } = await client.pullAll(headBefore);
      expect(head).toBe(headBefore + applied.length);
      const seqs = new Set(changes.map((change) => change.seq));
      for (const result of applied)
        expect(seqs.has(result.seq!), `seq ${result.seq} of command ${result.id}`).toBe(true);
      expectState(changes, batch);

      const resent = await client.push(batch.commands);
      expect(resent).toEqual(ack);
      expect(await client.head()).toBe(head);

      // The outbox continues after the crash with the next id.
      const after = command('appointment.move', { appointmentId: batch.appointments[0].id, durationMinutes: 90 });
      expect((await client.push([after])).results[0]).toMatchObject({ id: after.id, status: 'applied', seq: head + 1 });
    } finally {
      client.close();
    }
  });

  test.each<[string, number | undefined]>([
    ['20 ms into', 20],
    ['right after the commit (ack lost) of', undefined],
  ])('kill -9 %s a 500-command push: the resent outbox applies each command exactly once', async (when, delayMs) => {
    let client = await connect();
    const headBefore = client.hello.head;
    const batch = outboxBatch(99, 500);
    expect(batch.commands).toHaveLength(500);
    // A second console sees the commit's broadcast: the moment the batch is durable.
    const watcher = delayMs === undefined ? await SyncClient.login(server.url, 'dispatcher2@demo.test') : undefined;
    const committed = watcher?.waitForBroadcast(
      (changes) => changes.some((change) => change.id === batch.job.jobId),
      15_000,
    );

    let inFlight: Promise<PushAnswer | Error>;
    if (committed) {
      // No ack asked for, so it is lost for certain. (Closing the socket instead would race the message
      // itself: one still in flight when the connection closes may never be read — the other case.)
      client.socket.emit('push', { clientId, commands: batch.commands });
      inFlight = Promise.resolve(new Error('no ack'));
    } else {
      inFlight = client.push(batch.commands, clientId, 10_000).catch((error: Error) => error);
    }
    await (committed ?? new Promise((resolve) => setTimeout(resolve, delayMs)));
    await server.crash();
    const lost = await inFlight;
    client.close();
    watcher?.close();

    await server.restart();
    client = await connect();
    try {
      // Whatever the crash kept is a prefix of the outbox; the client cannot know which, so it resends all.
      const kept = client.hello.head - headBefore;
      expect(kept).toBeGreaterThanOrEqual(delayMs === undefined ? 1 : 0);
      expect(kept).toBeLessThanOrEqual(batch.commands.length);
      const resent = await client.push(batch.commands);
      expect(resent.results.map((result) => result.status)).toEqual(Array(500).fill('applied'));
      expect(resent.lastProcessedId).toBe(batch.commands.at(-1)!.id);
      if (!(lost instanceof Error)) expect(resent).toEqual(lost);
      const seqs = resent.results.map((result) => result.seq!);
      expect(seqs).toEqual(seqs.map((_, index) => headBefore + 1 + index));

      const { changes, head } = await client.pullAll(headBefore);
      expect(head).toBe(headBefore + batch.commands.length);
      expectState(changes, batch);
      console.info(
        `crash: killed ${when} the push; ${kept} of 500 commands had committed; the ack ${lost instanceof Error ? 'was lost' : 'arrived'}`,
      );
    } finally {
      client.close();
    }
  });
});
