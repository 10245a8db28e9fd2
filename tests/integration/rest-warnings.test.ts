import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOrganization, writeUser } from '../../server/referenceData';
import { client, login, ORGS, USERS, startRestServer, type Client, type RestServer } from './restClient';

/**
 * Scheduling warnings over REST, against the real server and SQLite: placing a visit that double-books a
 * technician, falls outside their hours or time off, or needs skills they lack is never refused (a
 * dispatcher may overrule the data), but the answer says what is wrong (`warnings: [{code, message}]`)
 * and the job's activity records it.
 */

/** Tuesday 6 May 2031 on the office clock (Central Daylight Time, UTC−5). */
const tuesday = (hour: number, minute = 0) => new Date(Date.UTC(2031, 4, 6, hour + 5, minute)).toISOString();
/** Wednesday 7 May 2031, the technician's day off. */
const wednesday = (hour: number) => new Date(Date.UTC(2031, 4, 7, hour + 5)).toISOString();

let rest: RestServer;
let dispatcher: Client;
let enterprise: Client;
const tom = USERS.technician.id;
const tina = USERS.otherTechnician.id;

beforeAll(async () => {
  rest = await startRestServer();
  const { pipeline, directory } = rest.server.context;
  await pipeline.write(async (tx) => {
    const provider = directory.organization(ORGS.provider)!;
    await writeOrganization(tx, directory, { ...provider, timeZone: 'America/Chicago' });
    // Tom: weekdays 8–5, HVAC, the whole Wednesday off; Tina: plumbing only, no hours set (any time).
    await writeUser(tx, directory, {
      ...directory.storedUser(tom)!,
      availability: {
        weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
        timeOff: [{ start: Date.parse(wednesday(0)), end: Date.parse(wednesday(24)), reason: 'Vacation' }],
      },
      skills: ['hvac'],
    });
    await writeUser(tx, directory, { ...directory.storedUser(tina)!, skills: ['plumbing'] });
  });
  dispatcher = client(rest.url, await login(rest.url, USERS.dispatcher.email));
  enterprise = client(rest.url, await login(rest.url, USERS.enterprise.email));
});

afterAll(async () => {
  await rest?.stop();
});

/** An HVAC job the provider has accepted, not yet scheduled. */
async function acceptedJob(title: string): Promise<string> {
  const created = await enterprise.post('/v3/jobs', {
    job: {
      title,
      service_type: 'hvac',
      organization_id: ORGS.provider,
      address: { street_1: '12 Elm St', city: 'Austin', state: 'TX' },
      customer: { first_name: 'Maria', last_name: 'Lopez' },
    },
  });
  expect(created.status).toBe(201);
  const accepted = await dispatcher.post(`/v3/jobs/${created.body.job.id}/accept`, {});
  expect(accepted.status).toBe(200);
  return created.body.job.id;
}

async function overruled(jobId: string): Promise<string[]> {
  const activity = (await dispatcher.get(`/v3/jobs/${jobId}/activity`)).body.activity as {
    kind: string;
    summary: string;
  }[];
  return activity.filter((event) => event.kind === 'appointment.overruled').map((event) => event.summary);
}

describe('REST writes answer scheduling warnings and record them, never refusing for them', () => {
  let firstVisit: string;

  it('a visit that fits answers no warnings and records nothing more', async () => {
    const jobId = await acceptedJob('Furnace tune-up');
    const answer = await dispatcher.post('/v3/appointments', {
      appointment: { job_id: jobId, time: tuesday(9), duration: 7200, user_id: tom },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.warnings).toEqual([]);
    expect(await overruled(jobId)).toEqual([]);
    firstVisit = answer.body.appointment.id;
  });

  it('double-booking is written, answered and recorded', async () => {
    const jobId = await acceptedJob('AC not cooling');
    const answer = await dispatcher.post('/v3/appointments', {
      appointment: { job_id: jobId, time: tuesday(10), duration: 3600, user_id: tom },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.appointment).toMatchObject({ user_id: tom, status: 'scheduled' });
    expect(answer.body.warnings).toEqual([
      { code: 'DOUBLE_BOOKED', message: 'Tom Tester2 is already booked 9:00 AM–11:00 AM.' },
    ]);
    expect(await overruled(jobId)).toEqual(['Scheduled anyway: double-booked Tom Tester2 at 10:00 AM']);
    const read = await dispatcher.get(`/v3/appointments/${answer.body.appointment.id}`);
    expect(read.body.appointment.time).toBe(tuesday(10));
  });

  it('moving outside working hours, and to a technician without the skills, through PATCH', async () => {
    const jobId = await acceptedJob('Heat pump noise');
    const created = await dispatcher.post('/v3/appointments', {
      appointment: { job_id: jobId, time: tuesday(13), duration: 3600, user_id: tom },
    });
    expect(created.body.warnings).toEqual([]);
    const id = created.body.appointment.id;
    const late = await dispatcher.patch(`/v3/appointments/${id}`, { appointment: { time: tuesday(18) } });
    expect(late.status).toBe(200);
    expect(late.body.warnings).toEqual([
      { code: 'OUTSIDE_HOURS', message: "6:00 PM–7:00 PM is outside Tom Tester2's working hours (8:00 AM–5:00 PM)." },
    ]);
    const reassigned = await dispatcher.patch(`/v3/appointments/${id}`, { appointment: { user_id: tina } });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.appointment).toMatchObject({ user_id: tina, time: tuesday(18) });
    expect(reassigned.body.warnings).toEqual([{ code: 'MISSING_SKILLS', message: 'Tina Tester3 lacks HVAC.' }]);
    // Back to Tom at a free hour: nothing to warn about, nothing more recorded.
    const fine = await dispatcher.patch(`/v3/appointments/${id}`, { appointment: { time: tuesday(15), user_id: tom } });
    expect(fine.body.warnings).toEqual([]);
    expect(await overruled(jobId)).toEqual([
      "Scheduled anyway: scheduled outside Tom Tester2's working hours",
      'Scheduled anyway: Tina Tester3 lacks HVAC',
    ]);
  });

  it('time off, also when an offer is accepted with its first visit', async () => {
    const created = await enterprise.post('/v3/jobs', {
      job: {
        title: 'Thermostat swap',
        service_type: 'hvac',
        organization_id: ORGS.provider,
        address: { street_1: '3 Oak Ave', city: 'Austin', state: 'TX' },
        customer: { first_name: 'Ann', last_name: 'Ray' },
      },
    });
    const jobId = created.body.job.id;
    const accepted = await dispatcher.post(`/v3/jobs/${jobId}/accept`, {
      appointment: { time: wednesday(9), duration: 3600, user_id: tom },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.job.status).toBe('scheduled');
    expect(accepted.body.warnings).toEqual([
      { code: 'TIME_OFF', message: 'Tom Tester2 is off during 9:00 AM–10:00 AM (Vacation).' },
    ]);
    expect(await overruled(jobId)).toEqual(["Scheduled anyway: scheduled over Tom Tester2's time off"]);
  });

  it('a canceled visit frees its time; a visit moved in place does not clash with itself', async () => {
    const jobId = await acceptedJob('Duct cleaning');
    const created = await dispatcher.post('/v3/appointments', {
      appointment: { job_id: jobId, time: tuesday(8), duration: 3600, user_id: tina },
    });
    const id = created.body.appointment.id;
    const longer = await dispatcher.patch(`/v3/appointments/${id}`, { appointment: { duration: 5400 } });
    expect(longer.body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['MISSING_SKILLS']);
    expect((await dispatcher.delete(`/v3/appointments/${firstVisit}`)).status).toBe(200);
    const intoFreedSlot = await dispatcher.patch(`/v3/appointments/${id}`, {
      appointment: { time: tuesday(9, 30), user_id: tom },
    });
    // 9:30–11:00: the canceled 9–11 visit no longer counts; the 10:00 double-booking still does.
    expect(intoFreedSlot.body.warnings).toEqual([
      { code: 'DOUBLE_BOOKED', message: 'Tom Tester2 is already booked 10:00 AM–11:00 AM.' },
    ]);
  });

  it('a retried request with its Idempotency-Key replays the same warnings, and writes once', async () => {
    const jobId = await acceptedJob('Coil cleaning');
    const body = { appointment: { job_id: jobId, time: tuesday(19), duration: 3600, user_id: tom } };
    const first = await dispatcher.post('/v3/appointments', body, { idempotencyKey: 'warn-retry-1' });
    const again = await dispatcher.post('/v3/appointments', body, { idempotencyKey: 'warn-retry-1' });
    expect(first.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(first.body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['OUTSIDE_HOURS']);
    expect(await overruled(jobId)).toHaveLength(1);
  });

  it('a refused write answers its refusal, without warnings, and records nothing', async () => {
    const jobId = await acceptedJob('Refused');
    const answer = await dispatcher.post('/v3/appointments', {
      appointment: { job_id: jobId, time: wednesday(9), duration: 3600, user_id: 'u-nobody' },
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.body).not.toHaveProperty('warnings');
    expect(await overruled(jobId)).toEqual([]);
  });
});
