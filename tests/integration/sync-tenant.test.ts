import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Job } from '../../domain';
import type { Change } from '../../domain/protocol';
import { HandshakeRefused, login, SyncClient } from './support/client';
import {
  newAppointmentArgs,
  newJobArgs,
  offeredJobs,
  snapshotOf,
  unscheduledJobs,
  ORG_ENTERPRISE,
  ORG_OTHER_PROVIDER,
  ORG_PROVIDER,
  type Snapshot,
} from './support/data';
import { startInProcess, type InProcessServer } from './support/server';

let server: InProcessServer;
let dispatcher: SyncClient;
let dispatcher2: SyncClient;
let other: SyncClient;
let enterprise: SyncClient;

beforeAll(async () => {
  server = await startInProcess();
  [dispatcher, dispatcher2, other, enterprise] = await Promise.all(
    ['dispatcher@demo.test', 'dispatcher2@demo.test', 'other@demo.test', 'enterprise@demo.test'].map((email) =>
      SyncClient.login(server.url, email),
    ),
  );
}, 120_000);

afterAll(async () => {
  for (const client of [dispatcher, dispatcher2, other, enterprise]) client?.close();
  await server?.dispose();
});

/** The organization an entity in a change belongs to, whatever its kind. */
function organizationOf(change: Change): string | undefined {
  return (change.data as { organizationId?: string }).organizationId;
}

/** Every job id a change refers to (a job row, or an appointment's / activity's / text's job). */
function jobOf(change: Change): string | undefined {
  return change.kind === 'job' ? change.id : (change.data as { jobId?: string }).jobId;
}

async function coolairSnapshot(): Promise<Snapshot> {
  return snapshotOf((await dispatcher.pullAll()).changes);
}

/** Waits until `client` has seen its own sentinel change: anything sent to it before has arrived (one socket is FIFO). */
async function flush(client: SyncClient, sentinel: () => Promise<string>): Promise<void> {
  const id = await sentinel();
  await client.waitForBroadcast((changes) => changes.some((change) => change.id === id));
}

async function northstarSentinel(): Promise<string> {
  const args = newJobArgs(ORG_OTHER_PROVIDER);
  const answer = await other.push([other.command('job.create', args)]);
  expect(answer.results[0]).toMatchObject({ status: 'applied' });
  return args.jobId;
}

describe('tenant isolation', () => {
  test('another provider never receives org-coolair changes and cannot act on its jobs', async () => {
    expect(other.hello).toMatchObject({ organizationId: ORG_OTHER_PROVIDER, role: 'dispatcher', userId: 'u-other' });
    const coolair = await coolairSnapshot();
    const coolairIds = new Set([...coolair.jobs.keys(), ...coolair.appointments.keys()]);

    const pulled = await other.pullAll();
    expect(pulled.changes.length).toBeGreaterThan(0);
    for (const change of pulled.changes) {
      expect(organizationOf(change), `${change.kind} ${change.id}`).not.toBe(ORG_PROVIDER);
      expect(
        coolairIds.has(change.id) || coolairIds.has(jobOf(change) ?? ''),
        `${change.kind} ${change.id} of org-coolair`,
      ).toBe(false);
    }

    const offer = offeredJobs(coolair)[0];
    const appointment = [...coolair.appointments.values()].find((candidate) => candidate.status === 'scheduled')!;
    expect(offer, 'the demo has an offered job for org-coolair').toBeDefined();
    expect(appointment, 'the demo has a scheduled appointment in org-coolair').toBeDefined();
    const coolairHead = await dispatcher.head();
    const answer = await other.push([
      other.command('job.accept', { jobId: offer.id }),
      other.command('job.decline', { jobId: offer.id, reasonId: 'too-far' }),
      other.command('appointment.move', { appointmentId: appointment.id, start: appointment.start + 3_600_000 }),
      other.command('appointment.create', newAppointmentArgs(appointment.jobId, 0, null)),
      other.command('job.cancel', { jobId: appointment.jobId }),
    ]);
    for (const result of answer.results)
      expect(result, JSON.stringify(result)).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
    expect(answer.results[0].message).toMatch(/does not exist or is not yours/);
    expect(await dispatcher.head()).toBe(coolairHead);
    expect((await coolairSnapshot()).jobs.get(offer.id)?.lifecycle).toBe('offered');

    // Live traffic in org-coolair is not broadcast to org-northstar.
    const received = other.broadcasts.length;
    const job = unscheduledJobs(coolair)[0];
    const args = newAppointmentArgs(job.id, 7);
    expect((await dispatcher.push([dispatcher.command('appointment.create', args)])).results[0]).toMatchObject({
      status: 'applied',
    });
    await dispatcher2.waitForBroadcast((changes) => changes.some((change) => change.id === args.id));
    await flush(other, northstarSentinel);
    for (const change of other.broadcasts.slice(received).flat()) {
      expect(organizationOf(change), `${change.kind} ${change.id}`).toBe(ORG_OTHER_PROVIDER);
    }
  });

  test('a technician-only login is refused at the socket handshake with a readable message', async () => {
    for (const email of ['tech1@demo.test', 'other-tech1@demo.test']) {
      const { access_token, user } = await login(server.url, email);
      expect(user.roles).toEqual(['technician']);
      const refusal = await SyncClient.connect(server.url, access_token).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(HandshakeRefused);
      const { data, message } = refusal as HandshakeRefused;
      expect(data?.code).toBe('FORBIDDEN');
      expect(data?.message).toMatch(/Technicians sign in on the mobile app/);
      expect(message).toBe(data?.message);
    }
    const forged = await SyncClient.connect(server.url, 'not-a-token').catch((error: HandshakeRefused) => error);
    expect(forged).toBeInstanceOf(HandshakeRefused);
    expect((forged as HandshakeRefused).data).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/sign in again/),
    });
  });

  test("the enterprise sees the jobs it sent, to any provider, and none of the provider's own", async () => {
    expect(enterprise.hello).toMatchObject({
      organizationId: ORG_ENTERPRISE,
      role: 'enterprise',
      userId: 'u-enterprise',
    });
    const coolair = await coolairSnapshot();
    const northstar = snapshotOf((await other.pullAll()).changes);
    const pulled = await enterprise.pullAll();
    const seen = snapshotOf(pulled.changes);

    const sent = (snapshot: Snapshot) => [...snapshot.jobs.values()].filter((job) => job.sourceId === ORG_ENTERPRISE);
    const own = [...coolair.jobs.values()].filter((job) => job.sourceId === null);
    expect(sent(coolair).length, 'Acme sent jobs to org-coolair').toBeGreaterThan(0);
    expect(own.length, 'org-coolair has jobs of its own').toBeGreaterThan(0);
    for (const job of [...sent(coolair), ...sent(northstar)])
      expect(seen.jobs.has(job.id), `Acme job ${job.id}`).toBe(true);
    for (const job of seen.jobs.values()) expect(job.sourceId).toBe(ORG_ENTERPRISE);
    const ownIds = new Set(own.map((job) => job.id));
    for (const change of pulled.changes) {
      expect(ownIds.has(jobOf(change) ?? ''), `${change.kind} ${change.id} of a job org-coolair created itself`).toBe(
        false,
      );
      expect(change.kind).not.toBe('notification');
      const jobId = jobOf(change);
      if (jobId && change.kind !== 'job')
        expect(seen.jobs.get(jobId)?.sourceId, `${change.kind} ${change.id}`).toBe(ORG_ENTERPRISE);
    }

    // Live: accepting Acme's offer reaches Acme; scheduling a job of org-coolair's own does not.
    const offer = offeredJobs(coolair).find((job) => job.sourceId === ORG_ENTERPRISE) as Job;
    expect(offer, 'an Acme offer waits in org-coolair').toBeDefined();
    const ownJob = unscheduledJobs(coolair).find((job) => job.sourceId === null) ?? own[0];
    const received = enterprise.broadcasts.length;
    const ownAppointment = newAppointmentArgs(ownJob.id, 8);
    const acmeAppointment = newAppointmentArgs(offer.id, 9);
    const answer = await dispatcher.push([
      dispatcher.command('appointment.create', ownAppointment),
      dispatcher.command('job.accept', {
        jobId: offer.id,
        appointment: {
          id: acmeAppointment.id,
          technicianId: acmeAppointment.technicianId,
          start: acmeAppointment.start,
        },
      }),
    ]);
    expect(answer.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const batch = await enterprise.waitForBroadcast((changes) =>
      changes.some((change) => change.kind === 'job' && change.id === offer.id),
    );
    expect(batch.find((change) => change.kind === 'job')?.data).toMatchObject({
      id: offer.id,
      lifecycle: 'open',
      sourceId: ORG_ENTERPRISE,
    });
    expect(batch.some((change) => change.kind === 'appointment' && change.id === acmeAppointment.id)).toBe(true);
    for (const change of enterprise.broadcasts.slice(received).flat()) {
      expect(jobOf(change), `${change.kind} ${change.id}`).not.toBe(ownJob.id);
      expect(change.kind).not.toBe('notification');
    }

    // The enterprise may not move appointments: not Acme's (FORBIDDEN), not the provider's own (NOT_FOUND).
    const heads = [await dispatcher.head(), await enterprise.head()];
    const moves = await enterprise.push([
      enterprise.command('appointment.move', {
        appointmentId: acmeAppointment.id,
        start: acmeAppointment.start + 3_600_000,
      }),
      enterprise.command('appointment.move', {
        appointmentId: ownAppointment.id,
        start: ownAppointment.start + 3_600_000,
      }),
    ]);
    expect(moves.results[0]).toMatchObject({
      status: 'rejected',
      code: 'FORBIDDEN',
      message: 'Enterprise users cannot move appointments.',
    });
    expect(moves.results[1]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
    expect([await dispatcher.head(), await enterprise.head()]).toEqual(heads);
  });
});
