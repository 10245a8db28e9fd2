import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, login, ORGS, USERS, startRestServer, type Client, type RestServer, type UserName } from './restClient';

/**
 * A technician's availability and skills over REST against the real server (a real SQLite file):
 * GET/PUT /v3/users/:id/availability (user.setAvailability), PATCH /v3/users/:id (user.update), and a
 * job's required_tags; who may do what, and bad input that changes nothing.
 */
let rest: RestServer;
const as = {} as Record<UserName, Client>;

beforeAll(async () => {
  rest = await startRestServer();
  for (const name of Object.keys(USERS) as UserName[])
    as[name] = client(rest.url, await login(rest.url, USERS[name].email));
}, 120_000);

afterAll(() => rest?.stop());

const tom = USERS.technician.id;
const tina = USERS.otherTechnician.id;
const availabilityOf = (who: Client, userId: string) => who.get(`/v3/users/${userId}/availability`);

const HOURS = {
  weekly: [
    { weekday: 1, start: '08:00', end: '17:00' },
    { weekday: 5, start: '22:00', end: '06:00' },
  ],
  time_off: [{ start: '2026-12-24T06:00:00.000Z', end: '2026-12-27T06:00:00.000Z', reason: 'Holidays' }],
};

describe('GET/PUT /v3/users/:id/availability', () => {
  it('answers empty lists for a technician with no hours set', async () => {
    const answer = await availabilityOf(as.dispatcher, tina);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ availability: { weekly: [], time_off: [] } });
  });

  it("a dispatcher replaces a technician's hours and time off; GET reads back the same", async () => {
    const put = await as.dispatcher.put(`/v3/users/${tom}/availability`, { availability: HOURS });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ availability: HOURS });
    expect((await availabilityOf(as.dispatcher, tom)).body).toEqual({ availability: HOURS });
    // The technician reads their own; an offset time is stored as the instant it names; no reason is null.
    const shifted = {
      weekly: [{ weekday: 2, start: '07:30', end: '24:00' }],
      time_off: [{ start: '2027-01-04T00:00:00-06:00', end: '2027-01-05T00:00:00-06:00' }],
    };
    expect((await as.dispatcher.put(`/v3/users/${tom}/availability`, { availability: shifted })).status).toBe(200);
    expect((await availabilityOf(as.technician, tom)).body.availability).toEqual({
      weekly: shifted.weekly,
      time_off: [{ start: '2027-01-04T06:00:00.000Z', end: '2027-01-05T06:00:00.000Z', reason: null }],
    });
  });

  it('replays a PUT retried with the same Idempotency-Key', async () => {
    const body = { availability: { weekly: [{ weekday: 3, start: '09:00', end: '12:00' }], time_off: [] } };
    const first = await as.dispatcher.put(`/v3/users/${tom}/availability`, body, { idempotencyKey: 'avail-1' });
    const again = await as.dispatcher.put(`/v3/users/${tom}/availability`, body, { idempotencyKey: 'avail-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('a technician sets their own hours, but not a colleague’s', async () => {
    const own = { weekly: [{ weekday: 0, start: '10:00', end: '14:00' }], time_off: [] };
    const put = await as.technician.put(`/v3/users/${tom}/availability`, { availability: own });
    expect(put.status).toBe(200);
    expect((await availabilityOf(as.dispatcher, tom)).body.availability).toEqual(own);

    const colleague = await as.technician.put(`/v3/users/${tina}/availability`, { availability: own });
    expect(colleague.status).toBe(403);
    expect(colleague.body.error.code).toBe('FORBIDDEN');
    expect((await availabilityOf(as.technician, tina)).status).toBe(403);
    expect((await availabilityOf(as.dispatcher, tina)).body.availability).toEqual({ weekly: [], time_off: [] });
  });

  it("refuses another organization's dispatcher and job sources as not found, changing nothing", async () => {
    const before = (await availabilityOf(as.dispatcher, tom)).body;
    for (const who of [as.otherDispatcher, as.enterprise]) {
      expect((await availabilityOf(who, tom)).status).toBe(404);
      const put = await who.put(`/v3/users/${tom}/availability`, { availability: HOURS });
      expect(put.status).toBe(404);
      expect(put.body.error.code).toBe('NOT_FOUND');
    }
    expect((await availabilityOf(as.dispatcher, tom)).body).toEqual(before);
    expect((await availabilityOf(as.dispatcher, 'u-nobody')).status).toBe(404);
    // A dispatcher is not a technician: there are no hours to read.
    expect((await availabilityOf(as.dispatcher, USERS.dispatcher.id)).status).toBe(404);
  });

  it.each([
    [{ weekly: [{ weekday: 7, start: '08:00', end: '17:00' }], time_off: [] }, 'availability.weekly.0.weekday'],
    [{ weekly: [{ weekday: 1, start: '8am', end: '17:00' }], time_off: [] }, 'availability.weekly.0.start'],
    [{ weekly: [{ weekday: 1, start: '08:00', end: '25:00' }], time_off: [] }, 'availability.weekly.0.end'],
    [
      { weekly: [], time_off: [{ start: '2026-12-24T06:00:00Z', end: '2026-12-23T06:00:00Z' }] },
      'availability.time_off.0.end',
    ],
    [{ weekly: [], time_off: [{ start: 'tomorrow', end: '2026-12-23T06:00:00Z' }] }, 'availability.time_off.0.start'],
    [{ weekly: [], timeOff: [] }, 'timeOff'],
  ])('refuses %j with 400 INVALID_ARGS naming %s, changing nothing', async (availability, field) => {
    const before = (await availabilityOf(as.dispatcher, tom)).body;
    const answer = await as.dispatcher.put(`/v3/users/${tom}/availability`, { availability });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_ARGS');
    expect(answer.body.error.message).toContain(field);
    expect((await availabilityOf(as.dispatcher, tom)).body).toEqual(before);
  });
});

describe('PATCH /v3/users/:id (skills)', () => {
  it("a dispatcher sets a technician's skills; the users list and the answer carry them", async () => {
    const answer = await as.dispatcher.patch(`/v3/users/${tina}`, { user: { skills: ['hvac', 'EPA 608', 'HVAC'] } });
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ id: tina, organization_id: ORGS.provider, skills: ['hvac', 'EPA 608'] });
    const listed = (await as.dispatcher.get('/v3/users')).body.users.find((user: { id: string }) => user.id === tina);
    expect(listed.skills).toEqual(['hvac', 'EPA 608']);
  });

  it('refuses technicians (even for themselves), other organizations, and bad skills, changing nothing', async () => {
    const skillsOf = async () =>
      (await as.dispatcher.get('/v3/users')).body.users.find((user: { id: string }) => user.id === tom).skills;
    const before = await skillsOf();
    expect((await as.technician.patch(`/v3/users/${tom}`, { user: { skills: ['plumbing'] } })).status).toBe(403);
    expect((await as.otherDispatcher.patch(`/v3/users/${tom}`, { user: { skills: ['plumbing'] } })).status).toBe(404);
    for (const [body, field] of [
      [{ user: { skills: ['x'.repeat(61)] } }, 'user.skills.0'],
      [{ user: { skills: 'hvac' } }, 'user.skills'],
      [{ user: { first_name: 'Tommy' } }, 'first_name'],
    ] as const) {
      const answer = await as.dispatcher.patch(`/v3/users/${tom}`, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('INVALID_ARGS');
      expect(answer.body.error.message).toContain(field);
    }
    expect(await skillsOf()).toEqual(before);
  });
});

describe('required_tags on jobs', () => {
  it('POST stores the tags, PATCH replaces them, GET reads them back; bad tags are refused', async () => {
    const created = await as.dispatcher.post('/v3/jobs', {
      job: {
        title: 'Recharge refrigerant',
        service_type: 'hvac',
        required_tags: ['EPA 608', 'epa 608'],
        organization_id: ORGS.provider,
        status: 'unscheduled',
        address: { street_1: '5 Oak Ave', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
        customer: { first_name: 'Ana', last_name: 'Ruiz' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.job.required_tags).toEqual(['EPA 608']);
    const id = created.body.job.id;

    const patched = await as.dispatcher.patch(`/v3/jobs/${id}`, { job: { required_tags: ['Ladder 28ft', 'EPA 608'] } });
    expect(patched.status).toBe(200);
    expect(patched.body.job.required_tags).toEqual(['Ladder 28ft', 'EPA 608']);
    expect((await as.dispatcher.get(`/v3/jobs/${id}`)).body.job.required_tags).toEqual(['Ladder 28ft', 'EPA 608']);

    const bad = await as.dispatcher.patch(`/v3/jobs/${id}`, { job: { required_tags: [''] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_ARGS');
    expect(bad.body.error.message).toContain('job.required_tags.0');
    expect((await as.dispatcher.get(`/v3/jobs/${id}`)).body.job.required_tags).toEqual(['Ladder 28ft', 'EPA 608']);
  });
});
