import { createServer, type IncomingMessage, type Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  attentionItems,
  instantAt,
  parseIsoDay,
  DEFAULT_ATTENTION,
  deriveJobStatus,
  hoursLabel,
  isAvailable,
  missingSkills,
  unavailableSpans,
  zoneDay,
  type Appointment,
  type JobDisplayStatus,
} from '../../domain';
import { startServer, type RunningServer } from '../../server/app';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_TIME_ZONE, loadDemo, SEED_PARTS_JOB_ID } from '../../server/demo';
import { ApiClient } from '../../server/simulator/api';
import type { WireCompleteReason } from '../../server/rest/wire';
import { chooseCompleteReason, nextFieldStep, planTick, type WireAppointment } from '../../server/simulator/decisions';
import { seededRng } from '../../server/simulator/rng';
import { Simulator } from '../../server/simulator/simulator';
import { testStorage, type TestStorage } from './support/store';

const COOLAIR = 'org-coolair';
const NORTHSTAR = 'org-northstar';
const ACME = 'org-acme-warranty';
const ALL_STATUSES: JobDisplayStatus[] = [
  'offered',
  'unscheduled',
  'scheduled',
  'in_progress',
  'paused',
  'complete',
  'canceled',
  'rejected',
];

let server: RunningServer;
let storage: TestStorage;
let firstLoad: boolean;

/**
 * The office clock the demo is loaded at: yesterday at 2 PM in Austin, running on from there, so a working
 * afternoon is under way whatever the hour the tests run at (demo-day.test.ts reads the demo at other hours).
 */
const AFTERNOON = instantAt(parseIsoDay(addDays(zoneDay(Date.now(), DEMO_TIME_ZONE), -1)), DEMO_TIME_ZONE, 14);
const startedAt = Date.now();
const officeNow = () => AFTERNOON + (Date.now() - startedAt);

beforeAll(async () => {
  storage = await testStorage('demo');
  const { dataDir, databaseUrl } = storage;
  server = await startServer({ port: 0, dataDir, databaseUrl, log: pino({ level: 'silent' }), clock: officeNow });
  firstLoad = await loadDemo(server.context);
});

afterAll(async () => {
  await server?.close();
  await storage?.remove();
});

const jobsOf = async (organizationId: string, displayStatusIn?: JobDisplayStatus[]) =>
  (await server.context.store.listJobs({ organizationIds: [organizationId], displayStatusIn, limit: 1000, offset: 0 }))
    .items;

/** Hours and minutes on the demo's wall clock. */
function localMinutes(instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: DEMO_TIME_ZONE,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return part('hour') * 60 + part('minute');
}

describe('the demo network', () => {
  it('loads once; a second load changes nothing', async () => {
    expect(firstLoad).toBe(true);
    const { store } = server.context;
    const before = {
      seq: await store.headSeq(COOLAIR),
      jobs: (await jobsOf(COOLAIR)).length,
      users: server.context.directory.usersOf(COOLAIR).length,
    };
    expect(await loadDemo(server.context)).toBe(false);
    expect({
      seq: await store.headSeq(COOLAIR),
      jobs: (await jobsOf(COOLAIR)).length,
      users: server.context.directory.usersOf(COOLAIR).length,
    }).toEqual(before);
  });

  it('gives CoolAir 40–60 jobs, with every display status on its board', async () => {
    const jobs = await jobsOf(COOLAIR);
    expect(jobs.length).toBeGreaterThanOrEqual(40);
    expect(jobs.length).toBeLessThanOrEqual(60);
    for (const status of ALL_STATUSES) {
      expect((await jobsOf(COOLAIR, [status])).length, status).toBeGreaterThan(0);
    }
    expect((await jobsOf(COOLAIR, ['offered'])).length).toBeGreaterThanOrEqual(4);
    expect(jobs.filter((job) => job.withdrawn)).toHaveLength(1);
    expect(jobs.some((job) => job.sourceId === null)).toBe(true);
    expect(jobs.some((job) => job.timeWindows.length > 0 && job.lifecycle === 'offered')).toBe(true);
  });

  it("contains the seed's example, which derives Scheduled", async () => {
    const { store, directory } = server.context;
    const job = await store.getJob(SEED_PARTS_JOB_ID);
    const appointments = await store.appointmentsOfJob(SEED_PARTS_JOB_ID);
    expect(appointments.map((appointment) => [appointment.status, appointment.completeReasonId])).toEqual([
      ['complete', 'cr-waiting-for-parts'],
      ['scheduled', undefined],
    ]);
    const reasonOf = (id: string) => directory.completeReasons().find((reason) => reason.id === id);
    expect(deriveJobStatus(job!, appointments, reasonOf)).toBe('scheduled');
    expect((await jobsOf(COOLAIR, ['scheduled'])).map((candidate) => candidate.id)).toContain(SEED_PARTS_JOB_ID);
  });

  it('has one technician On My Way (customer texted) and one on site', async () => {
    const { store } = server.context;
    const live = (
      await store.listAppointments({
        organizationIds: [COOLAIR],
        statusIn: ['enroute', 'started'],
        limit: 100,
        offset: 0,
      })
    ).items;
    const enroute = live.filter((appointment) => appointment.status === 'enroute');
    expect(enroute.length).toBeGreaterThanOrEqual(1);
    expect(enroute[0].etaMinutes).toBeGreaterThan(0);
    expect(live.some((appointment) => appointment.status === 'started')).toBe(true);
    const texts = await store.notificationsOfJob(enroute[0].jobId);
    expect(texts[0]?.body).toMatch(/on the way/);
  });

  it('books the board during working hours, on every technician, without double-booking', async () => {
    const booked = (
      await server.context.store.listAppointments({
        organizationIds: [COOLAIR],
        statusIn: ['scheduled', 'enroute', 'started'],
        limit: 1000,
        offset: 0,
      })
    ).items;
    for (const appointment of booked) {
      const start = localMinutes(appointment.start);
      expect(start, appointment.id).toBeGreaterThanOrEqual(8 * 60);
      expect(start + appointment.durationMinutes, appointment.id).toBeLessThanOrEqual(18 * 60);
    }
    const byTechnician = new Map<string, Appointment[]>();
    for (const appointment of booked)
      byTechnician.set(appointment.technicianId!, [
        ...(byTechnician.get(appointment.technicianId!) ?? []),
        appointment,
      ]);
    expect([...byTechnician.keys()].sort()).toEqual(
      Array.from({ length: 8 }, (_, index) => `u-tech${index + 1}`).sort(),
    );
    for (const [technicianId, appointments] of byTechnician) {
      const sorted = appointments.sort((a, b) => a.start - b.start);
      for (let index = 1; index < sorted.length; index++) {
        expect(sorted[index].start, `${technicianId} ${sorted[index].id}`).toBeGreaterThanOrEqual(
          sorted[index - 1].start + sorted[index - 1].durationMinutes * 60_000,
        );
      }
    }
  });

  it('gives technicians working hours, time off and skills that every booked visit respects', async () => {
    const { store, directory } = server.context;
    const booked = (
      await store.listAppointments({
        organizationIds: [COOLAIR],
        statusIn: ['scheduled', 'enroute', 'started'],
        limit: 1000,
        offset: 0,
      })
    ).items;
    const misfits: string[] = [];
    for (const appointment of booked) {
      const technician = directory.user(appointment.technicianId!)!;
      const job = (await store.getJob(appointment.jobId))!;
      const end = appointment.start + appointment.durationMinutes * 60_000;
      const verdict = isAvailable(technician, appointment.start, end, DEMO_TIME_ZONE);
      if (!verdict.available) misfits.push(`${appointment.id} ${technician.id}: ${verdict.message}`);
      const missing = missingSkills(technician, job);
      if (missing.length) misfits.push(`${appointment.id} ${technician.id}: lacks ${missing.join(', ')}`);
    }
    expect(misfits).toEqual([]);
    const technicians = directory.usersOf(COOLAIR).filter((user) => user.roles.includes('technician'));
    expect(technicians.every((user) => user.availability && user.skills?.length)).toBe(true);
    const today = zoneDay(officeNow(), DEMO_TIME_ZONE);
    const label = (id: string, day = today) => hoursLabel(directory.user(id)!, day, DEMO_TIME_ZONE);
    expect(label('u-tech6', addDays(today, 2))).toBe('off today');
    expect(label('u-tech3')).toBe('7:00 AM–4:00 PM');
    expect(unavailableSpans(directory.user('u-tech7')!, today, DEMO_TIME_ZONE)).toContainEqual(
      expect.objectContaining({ kind: 'time_off', reason: 'Dentist appointment' }),
    );
    expect(directory.user('u-tech1')!.skills).toContain('EPA 608');
  });

  it('gives the attention panel real items at any hour: a late start, a window today, offers waiting', async () => {
    const { store, directory } = server.context;
    const reasonOf = (id: string) => directory.completeReasons().find((reason) => reason.id === id);
    const summaries = await Promise.all(
      (await jobsOf(COOLAIR)).map(async (job) => {
        const appointments = await store.appointmentsOfJob(job.id);
        return { job, appointments, status: deriveJobStatus(job, appointments, reasonOf) };
      }),
    );
    const items = attentionItems(summaries, officeNow(), DEFAULT_ATTENTION, DEMO_TIME_ZONE);
    const titleOf = (jobId: string) => summaries.find((summary) => summary.job.id === jobId)?.job.title;
    const byKind = (kind: string) => items.filter((item) => item.kind === kind).map((item) => titleOf(item.jobId));
    expect(byKind('late_start')).toContain('Kitchen sink backing up');
    expect(byKind('window_today')).toContain('Outdoor faucet leaking at the wall');
    expect(byKind('offer_waiting').length).toBeGreaterThanOrEqual(2);
  });

  it('records who did what, from where, backdated', async () => {
    const activity = await server.context.store.activityOfJob(SEED_PARTS_JOB_ID);
    expect(activity.map((event) => event.source)).toEqual(expect.arrayContaining(['integration', 'console', 'mobile']));
    expect(activity.every((event) => !event.offline && event.occurredAt <= event.receivedAt)).toBe(true);
    expect(activity.map((event) => event.actorName)).toEqual(
      expect.arrayContaining(['Priya Raman', 'Dana Whitfield', 'Aisha Johnson']),
    );
  });

  it("gives Northstar its own jobs, which CoolAir's never include", async () => {
    const northstar = await jobsOf(NORTHSTAR);
    expect(northstar.length).toBeGreaterThanOrEqual(3);
    const coolair = new Set((await jobsOf(COOLAIR)).map((job) => job.id));
    expect(northstar.some((job) => coolair.has(job.id))).toBe(false);
    const acmeSent = (await server.context.store.listJobs({ sourceId: ACME, limit: 1000, offset: 0 })).items;
    expect(new Set(acmeSent.map((job) => job.organizationId))).toEqual(new Set([COOLAIR, NORTHSTAR]));
  });

  it('gives its customers ids that cannot be guessed, one per household and provider', async () => {
    const customers = (await server.context.store.listCustomers([COOLAIR, NORTHSTAR], undefined, 1000, 0)).items;
    expect(customers.length).toBeGreaterThan(10);
    for (const customer of customers)
      expect(customer.id).toMatch(/^cust-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("gives some customers their own doorstep notes (a gate code, a dog), as the drawer's customer section shows", async () => {
    const customers = (await server.context.store.listCustomers([COOLAIR], undefined, 1000, 0)).items;
    const noted = customers.filter((customer) => customer.notes);
    expect(noted.length).toBeGreaterThan(2);
    expect(noted.length).toBeLessThan(customers.length);
    expect(noted.map((customer) => customer.notes)).toContainEqual(expect.stringMatching(/gate code/i));
  });

  it('has every demo login in the directory with its role', async () => {
    const { directory } = server.context;
    const expected: Record<string, [string, string]> = {
      'dispatcher@demo.test': ['dispatcher', COOLAIR],
      'dispatcher2@demo.test': ['dispatcher', COOLAIR],
      'enterprise@demo.test': ['enterprise', ACME],
      'other@demo.test': ['dispatcher', NORTHSTAR],
      'other-tech1@demo.test': ['technician', NORTHSTAR],
      ...Object.fromEntries(
        Array.from({ length: 8 }, (_, index) => [`tech${index + 1}@demo.test`, ['technician', COOLAIR]]),
      ),
    };
    expect(DEMO_LOGINS.map((login) => login.email).sort()).toEqual(Object.keys(expected).sort());
    for (const [email, [role, organizationId]] of Object.entries(expected)) {
      const user = directory.storedUserByEmail(email);
      expect(user, email).toMatchObject({ roles: [role], organizationId });
    }
    expect(directory.user('u-tech3')).toMatchObject({
      firstName: 'Chris',
      lastName: 'Park',
      phoneNumber: expect.stringMatching(/^tel:\+1-/),
    });
    expect(directory.completeReasons().map((reason) => reason.id)).toEqual(
      expect.arrayContaining(['cr-repaired', 'cr-waiting-for-parts', 'cr-acme-authorization']),
    );
  });

  it('accepts the demo password', async () => {
    const user = server.context.directory.storedUserByEmail('dispatcher@demo.test')!;
    expect(await server.context.passwords.verify(DEMO_PASSWORD, user.passwordHash)).toBe(true);
    expect(await server.context.passwords.verify('wrong-password', user.passwordHash)).toBe(false);
  });
});

describe('the simulator', () => {
  const appointment = (id: string, status: WireAppointment['status'], time: string): WireAppointment => ({
    id,
    job_id: `job-${id}`,
    time,
    duration: 3600,
    user_id: 'u-tech1',
    status,
  });
  const reasons: WireCompleteReason[] = [
    { id: 'cr-repaired', label: 'Repaired (job completed)', effect: 'complete', source_id: null, archived: false },
    { id: 'cr-waiting-for-parts', label: 'Waiting For Parts', effect: 'pause', source_id: null, archived: false },
    {
      id: 'cr-acme-authorization',
      label: 'Awaiting Warranty Authorization',
      effect: 'pause',
      source_id: ACME,
      archived: false,
    },
  ];
  const now = Date.parse('2026-03-10T15:00:00Z');

  it('replays the same decisions from the same seed', () => {
    const run = (seed: number) => {
      const rng = seededRng(seed);
      return Array.from({ length: 20 }, () => planTick(rng, 8));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    expect(run(42).some((plan) => plan.kind === 'offer')).toBe(true);
  });

  it('finishes the visit on site, then arrives, then heads to the earliest visit due', () => {
    const rng = seededRng(1);
    const scheduled = [
      appointment('b', 'scheduled', '2026-03-10T19:00:00Z'),
      appointment('a', 'scheduled', '2026-03-10T16:00:00Z'),
    ];
    const onMyWay = nextFieldStep(scheduled, reasons, rng, now)!;
    expect(onMyWay.appointment.id).toBe('a');
    expect(onMyWay.patch).toEqual({ status: 'enroute', eta_minutes: expect.any(Number) });
    expect(onMyWay.label).toBe(`On My Way (ETA ${onMyWay.patch.eta_minutes} min)`);
    expect(
      nextFieldStep([...scheduled, appointment('c', 'enroute', '2026-03-10T18:00:00Z')], reasons, rng, now),
    ).toMatchObject({ appointment: { id: 'c' }, patch: { status: 'started' } });
    const complete = nextFieldStep(
      [...scheduled, appointment('d', 'started', '2026-03-10T20:00:00Z')],
      reasons,
      rng,
      now,
    )!;
    expect(complete.appointment.id).toBe('d');
    expect(['cr-repaired', 'cr-waiting-for-parts']).toContain(complete.patch.complete_reason_id);
    expect(nextFieldStep([appointment('e', 'scheduled', '2026-03-14T16:00:00Z')], reasons, rng, now)).toBeUndefined();
  });

  it('mostly completes jobs, sometimes pauses them, and never uses a source-specific reason', () => {
    const rng = seededRng(9);
    const picks = Array.from({ length: 400 }, () => chooseCompleteReason(reasons, rng)!.id);
    expect(picks).not.toContain('cr-acme-authorization');
    const completing = picks.filter((id) => id === 'cr-repaired').length;
    expect(completing).toBeGreaterThan(250);
    expect(completing).toBeLessThan(400);
  });

  it('logs in again on 401 and resends the write with the same Idempotency-Key', async () => {
    const seen: { url: string; authorization?: string; key?: string }[] = [];
    let logins = 0;
    const fake: Server = createServer(async (request: IncomingMessage, response) => {
      for await (const _chunk of request);
      seen.push({
        url: request.url!,
        authorization: request.headers.authorization,
        key: request.headers['idempotency-key'] as string | undefined,
      });
      response.setHeader('content-type', 'application/json');
      if (request.url === '/v3/oauth/token') {
        logins++;
        response.end(
          JSON.stringify({
            access_token: `token-${logins}`,
            user: { id: 'u-tech1', organization_id: COOLAIR, roles: ['technician'] },
          }),
        );
      } else if (request.headers.authorization !== 'Bearer token-2') {
        response.statusCode = 401;
        response.end(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Sign in again.' } }));
      } else {
        response.end(JSON.stringify({ appointment: { id: 'a1', status: 'enroute' } }));
      }
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = fake.address() as { port: number };
      const client = new ApiClient(
        `http://127.0.0.1:${port}`,
        'tech1@demo.test',
        DEMO_PASSWORD,
        new AbortController().signal,
      );
      await expect(client.patch('/v3/appointments/a1', { appointment: { status: 'enroute' } })).resolves.toMatchObject({
        appointment: { status: 'enroute' },
      });
      expect(logins).toBe(2);
      const writes = seen.filter((request) => request.url === '/v3/appointments/a1');
      expect(writes.map((request) => request.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
      expect(writes[0].key).toMatch(/^[0-9a-f-]{36}$/);
      expect(writes[1].key).toBe(writes[0].key);
    } finally {
      await new Promise((resolve) => fake.close(resolve));
    }
  });

  it('drives the demo server through the REST API and survives refusals', async () => {
    const lines: string[] = [];
    const simulator = new Simulator({
      baseUrl: server.url,
      password: DEMO_PASSWORD,
      enterpriseEmail: 'enterprise@demo.test',
      // tech9 does not exist: its login is refused, printed, and the run goes on.
      technicianEmails: [...Array.from({ length: 8 }, (_, index) => `tech${index + 1}@demo.test`), 'tech9@demo.test'],
      providerId: COOLAIR,
      rng: seededRng(2024),
      signal: new AbortController().signal,
      print: (line) => lines.push(line),
    });
    const offeredBefore = (await jobsOf(COOLAIR, ['offered'])).length;
    for (let tick = 0; tick < 60; tick++) await simulator.tick();
    expect(lines.length).toBe(60);
    expect(lines.some((line) => /^tech\d \S+ \S+ → On My Way \(ETA \d+ min\) for job /.test(line))).toBe(true);
    expect(lines.some((line) => /→ Complete: /.test(line))).toBe(true);
    expect(lines.some((line) => /^enterprise → offered job /.test(line))).toBe(true);
    expect(lines.some((line) => /^tech9 ✗ .*401 UNAUTHENTICATED/.test(line))).toBe(true);
    expect(lines.filter((line) => line.includes('✗')).every((line) => line.startsWith('tech9'))).toBe(true);
    expect((await jobsOf(COOLAIR, ['offered'])).length).toBeGreaterThan(offeredBefore);
  });
});
