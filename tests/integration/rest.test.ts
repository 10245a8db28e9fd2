import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  client,
  login,
  ORGS,
  USERS,
  startRestServer,
  type Client,
  type RestServer,
  type UserName,
} from './restClient';

/**
 * The integration REST API against the real server: the wire shapes an enterprise's job source and a
 * technician's mobile app rely on, and the same rules and activity the console's commands get.
 */

const TOMORROW_9 = new Date(Date.UTC(2031, 4, 6, 14, 0, 0)).toISOString();
const TOMORROW_13 = new Date(Date.UTC(2031, 4, 6, 18, 0, 0)).toISOString();

let rest: RestServer;
const as = {} as Record<UserName, Client>;

function offer(overrides: Record<string, unknown> = {}) {
  return {
    job: {
      title: 'AC not cooling',
      description: 'Unit **rattles** on start',
      service_type: 'hvac',
      organization_id: ORGS.provider,
      address: {
        street_1: '12 Elm St',
        city: 'Austin',
        state: 'TX',
        postal_code: '78701',
        timezone: 'America/Chicago',
      },
      customer: {
        first_name: 'Maria',
        last_name: 'Lopez',
        email: 'maria@example.test',
        phone_numbers: [{ number: 'tel:+1-555-0199', primary: true, type: 'mobile' }],
      },
      time_windows: [{ start_time: TOMORROW_9, end_time: TOMORROW_13 }],
      ...overrides,
    },
  };
}

async function offerAndAccept(externalId: string, technician: string = USERS.technician.id) {
  const created = await as.enterprise.post('/v3/jobs', offer({ external_ids: [externalId] }));
  expect(created.status).toBe(201);
  const accepted = await as.dispatcher.post(`/v3/jobs/${created.body.job.id}/accept`, {
    appointment: { time: TOMORROW_9, user_id: technician },
  });
  expect(accepted.status).toBe(200);
  return { job: accepted.body.job, appointment: accepted.body.appointment };
}

beforeAll(async () => {
  rest = await startRestServer();
  for (const [name, user] of Object.entries(USERS))
    as[name as UserName] = client(rest.url, await login(rest.url, user.email));
});

afterAll(async () => {
  await rest?.stop();
});

describe('the integration REST API', () => {
  it('answers /health', async () => {
    const answer = await call(rest.url, 'GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');
  });

  it('signs in with a password and refuses anonymous or forged tokens with 401', async () => {
    const token = await call(rest.url, 'POST', '/v3/oauth/token', {
      grant_type: 'password',
      username: USERS.dispatcher.email,
      password: 'rest-test-1234',
    });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'bearer', expires_in: 10_800, user: { id: USERS.dispatcher.id } });

    const anonymous = await call(rest.url, 'GET', '/v3/jobs');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    const forged = await call(rest.url, 'GET', '/v3/jobs', undefined, { token: `${token.body.access_token}x` });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String) });
    // The refresh token is not an access token.
    const refresh = await call(rest.url, 'GET', '/v3/users/me', undefined, { token: token.body.refresh_token });
    expect(refresh.status).toBe(401);
  });

  it('creates an offer with an embedded customer (201, the documented shape)', async () => {
    const answer = await as.enterprise.post('/v3/jobs', offer({ external_ids: ['WO-1001'] }));
    expect(answer.status).toBe(201);
    const job = answer.body.job;
    expect(job).toEqual({
      id: expect.stringMatching(/^job_/),
      title: 'AC not cooling',
      description: 'Unit **rattles** on start',
      service_type: 'hvac',
      required_tags: [],
      customer_id: expect.stringMatching(/^cus_/),
      customer: {
        id: job.customer_id,
        organization_id: ORGS.provider,
        first_name: 'Maria',
        last_name: 'Lopez',
        company_name: null,
        email: 'maria@example.test',
        phone_numbers: [{ number: 'tel:+1-555-0199', primary: true, type: 'mobile' }],
        home_address: null,
        notes: null,
        version: expect.any(Number),
      },
      organization_id: ORGS.provider,
      source_id: ORGS.enterprise,
      address: {
        street_1: '12 Elm St',
        street_2: null,
        city: 'Austin',
        state: 'TX',
        postal_code: '78701',
        timezone: 'America/Chicago',
      },
      external_ids: ['WO-1001'],
      time_windows: [{ start_time: TOMORROW_9, end_time: TOMORROW_13 }],
      status: 'offered',
      display_status: 'offered',
      status_message: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: expect.any(String),
      version: expect.any(Number),
    });

    const read = await as.dispatcher.get(`/v3/jobs/${job.id}`);
    expect(read.status).toBe(200);
    expect(read.body.job).toEqual(job);
    const activity = await as.dispatcher.get(`/v3/jobs/${job.id}/activity`);
    expect(activity.body.activity).toEqual([
      expect.objectContaining({
        kind: 'job.offered',
        from: null,
        to: 'offered',
        actor_user_id: USERS.enterprise.id,
        actor_role: 'enterprise',
        source: 'integration',
        offline: false,
      }),
    ]);
  });

  it("creates a job for an existing customer by customer_id, and refuses another tenant's customer", async () => {
    const first = await as.dispatcher.post('/v3/jobs', offer({ status: 'unscheduled' }));
    expect(first.status).toBe(201);
    expect(first.body.job).toMatchObject({ status: 'unscheduled', source_id: null });
    const customerId = first.body.job.customer_id;
    const { customer: _embedded, ...withoutCustomer } = offer({
      status: 'unscheduled',
      customer_id: customerId,
      title: 'Second visit',
    }).job;
    const second = await as.dispatcher.post('/v3/jobs', { job: withoutCustomer });
    expect(second.status).toBe(201);
    expect(second.body.job).toMatchObject({
      customer_id: customerId,
      customer: { id: customerId, first_name: 'Maria' },
    });

    const foreign = await as.otherDispatcher.post('/v3/jobs', {
      job: { ...withoutCustomer, organization_id: ORGS.otherProvider },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect((await as.dispatcher.get(`/v3/customers/${customerId}`)).body.customer.id).toBe(customerId);
    expect((await as.otherDispatcher.get(`/v3/customers/${customerId}`)).status).toBe(404);
  });

  it('lists jobs with filters and pagination meta', async () => {
    for (const id of ['WO-2001', 'WO-2002', 'WO-2003'])
      expect((await as.enterprise.post('/v3/jobs', offer({ external_ids: ['BATCH-2000', id] }))).status).toBe(201);

    const page1 = await as.dispatcher.get('/v3/jobs?filter[external_ids_contains]=BATCH-2000&limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.meta).toEqual({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.jobs).toHaveLength(2);
    const page2 = await as.dispatcher.get('/v3/jobs?filter[external_ids_contains]=BATCH-2000&limit=2&offset=2');
    expect(page2.body.meta).toEqual({ total: 3, limit: 2, offset: 2 });
    expect(page2.body.jobs).toHaveLength(1);
    const ids = [...page1.body.jobs, ...page2.body.jobs].map((job: { id: string }) => job.id);
    expect(new Set(ids).size).toBe(3);

    const offered = await as.dispatcher.get(
      `/v3/jobs?filter[status_eq]=offered&filter[source_id_eq]=${ORGS.enterprise}&limit=100`,
    );
    expect(offered.body.jobs.every((job: { status: string }) => job.status === 'offered')).toBe(true);
    expect(offered.body.jobs.map((job: { id: string }) => job.id)).toEqual(expect.arrayContaining(ids));
    const notOffered = await as.dispatcher.get('/v3/jobs?filter[status_not_eq]=offered&limit=100');
    expect(notOffered.body.jobs.some((job: { status: string }) => job.status === 'offered')).toBe(false);
    const either = await as.dispatcher.get('/v3/jobs?filter[status_in]=offered,unscheduled&limit=100');
    expect(either.body.meta.total).toBe(
      offered.body.meta.total + (await as.dispatcher.get('/v3/jobs?filter[status_eq]=unscheduled')).body.meta.total,
    );
    const byCustomer = await as.dispatcher.get(`/v3/jobs?filter[customer_id_eq]=${page2.body.jobs[0].customer_id}`);
    expect(byCustomer.body.jobs.map((job: { id: string }) => job.id)).toEqual([page2.body.jobs[0].id]);

    // Another organization's filter value is not a way in.
    const elsewhere = await as.dispatcher.get(`/v3/jobs?filter[organization_id_eq]=${ORGS.otherProvider}`);
    expect(elsewhere.body).toEqual({ jobs: [], meta: { total: 0, limit: 25, offset: 0 } });

    const tooMany = await as.dispatcher.get('/v3/jobs?limit=500');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('INVALID_ARGS');
    const unknownStatus = await as.dispatcher.get('/v3/jobs?filter[status_eq]=accepted');
    expect(unknownStatus.status).toBe(400);
    const unknownFilter = await as.dispatcher.get('/v3/jobs?filter[colour_eq]=red');
    expect(unknownFilter.status).toBe(400);
    expect(unknownFilter.body.error.message).toContain('filter[colour_eq]');
  });

  it('accepts an offer with its first appointment: the job is scheduled', async () => {
    const created = await as.enterprise.post('/v3/jobs', offer());
    const accepted = await as.dispatcher.post(`/v3/jobs/${created.body.job.id}/accept`, {
      appointment: { time: TOMORROW_9, duration: 3600, user_id: USERS.technician.id },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.job).toMatchObject({
      id: created.body.job.id,
      status: 'scheduled',
      display_status: 'scheduled',
    });
    expect(accepted.body.appointment).toEqual({
      id: expect.stringMatching(/^apt_/),
      job_id: created.body.job.id,
      organization_id: ORGS.provider,
      time: TOMORROW_9,
      duration: 3600,
      user_id: USERS.technician.id,
      status: 'scheduled',
      eta_minutes: null,
      complete_reason_id: null,
      enroute_at: null,
      started_at: null,
      completed_at: null,
      version: accepted.body.job.version,
    });
    const listed = await as.dispatcher.get(`/v3/appointments?filter[job_id_eq]=${created.body.job.id}`);
    expect(listed.body.appointments).toEqual([accepted.body.appointment]);

    const again = await as.dispatcher.post(`/v3/jobs/${created.body.job.id}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('takes a technician from On My Way (customer texted) through started to complete, completing the job', async () => {
    const { job, appointment } = await offerAndAccept('WO-3001');
    const path = `/v3/appointments/${appointment.id}`;

    const enroute = await as.technician.patch(path, { appointment: { status: 'enroute', eta_minutes: 20 } });
    expect(enroute.status).toBe(200);
    expect(enroute.body.appointment).toMatchObject({
      status: 'enroute',
      eta_minutes: 20,
      enroute_at: expect.any(String),
    });
    expect((await as.dispatcher.get(`/v3/jobs/${job.id}`)).body.job).toMatchObject({
      status: 'scheduled',
      display_status: 'in_progress',
    });
    const inProgress = await as.dispatcher.get(
      `/v3/jobs?filter[status_eq]=in_progress&filter[external_ids_contains]=WO-3001`,
    );
    expect(inProgress.body.jobs.map((listed: { id: string }) => listed.id)).toEqual([job.id]);

    const started = await as.technician.patch(path, { appointment: { status: 'started' } });
    expect(started.body.appointment).toMatchObject({ status: 'started', started_at: expect.any(String) });

    const missingReason = await as.technician.patch(path, { appointment: { status: 'complete' } });
    expect(missingReason.status).toBe(409);
    expect(missingReason.body.error.code).toBe('REASON_REQUIRED');

    const completed = await as.technician.patch(path, {
      appointment: { status: 'complete', complete_reason_id: 'cr-repaired' },
    });
    expect(completed.status).toBe(200);
    expect(completed.body.appointment).toMatchObject({
      status: 'complete',
      complete_reason_id: 'cr-repaired',
      completed_at: expect.any(String),
    });
    expect((await as.dispatcher.get(`/v3/jobs/${job.id}`)).body.job).toMatchObject({
      status: 'complete',
      display_status: 'complete',
    });

    const activity = (await as.dispatcher.get(`/v3/jobs/${job.id}/activity`)).body.activity;
    const statuses = activity.filter((event: { kind: string }) => event.kind === 'appointment.status');
    expect(statuses.map((event: { to: string }) => event.to)).toEqual(['enroute', 'started', 'complete']);
    expect(statuses[0]).toMatchObject({
      summary: expect.stringContaining('customer texted'),
      actor_user_id: USERS.technician.id,
      actor_role: 'technician',
      source: 'mobile',
    });
    expect(activity.at(-1)).toMatchObject({ kind: 'job.status', from: 'in_progress', to: 'complete' });

    // A forbidden transition is a 409 with a code and a readable message.
    const backwards = await as.technician.patch(path, { appointment: { status: 'enroute', eta_minutes: 5 } });
    expect(backwards.status).toBe(409);
    expect(backwards.body.error).toEqual({ code: 'INVALID_TRANSITION', message: expect.stringContaining('complete') });
  });

  it('pauses a job with a pausing reason and completes it with PATCH status complete', async () => {
    const { job, appointment } = await offerAndAccept('WO-3101');
    const paused = await as.dispatcher.patch(`/v3/appointments/${appointment.id}`, {
      appointment: { status: 'complete', complete_reason_id: 'cr-waiting-for-parts' },
    });
    expect(paused.status).toBe(200);
    expect((await as.dispatcher.get(`/v3/jobs/${job.id}`)).body.job.status).toBe('paused');
    const done = await as.dispatcher.patch(`/v3/jobs/${job.id}`, { job: { status: 'complete' } });
    expect(done.status).toBe(200);
    expect(done.body.job.status).toBe('complete');
  });

  it('moves an appointment with the version it saw, refuses a stale version, and cancels with DELETE', async () => {
    const { appointment } = await offerAndAccept('WO-3201');
    const path = `/v3/appointments/${appointment.id}`;
    const moved = await as.dispatcher.patch(path, {
      appointment: {
        time: TOMORROW_13,
        duration: 5400,
        user_id: USERS.otherTechnician.id,
        version: appointment.version,
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.appointment).toMatchObject({
      time: TOMORROW_13,
      duration: 5400,
      user_id: USERS.otherTechnician.id,
    });
    expect(moved.body.appointment.version).toBeGreaterThan(appointment.version);

    const stale = await as.dispatcher.patch(path, { appointment: { time: TOMORROW_9, version: appointment.version } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');

    const canceled = await as.dispatcher.delete(path);
    expect(canceled.status).toBe(200);
    expect(canceled.body.appointment.status).toBe('canceled');
    const unassigned = await as.dispatcher.post('/v3/appointments', {
      appointment: { job_id: moved.body.appointment.job_id, time: TOMORROW_9 },
    });
    expect(unassigned.status).toBe(201);
    expect(unassigned.body.appointment).toMatchObject({ user_id: null, duration: 7200, status: 'scheduled' });
    const unassignedList = await as.dispatcher.get(
      `/v3/appointments?filter[user_id_null]=true&filter[job_id_eq]=${moved.body.appointment.job_id}`,
    );
    expect(unassignedList.body.appointments.map((listed: { id: string }) => listed.id)).toEqual([
      unassigned.body.appointment.id,
    ]);
  });

  it("hides another organization's job (404) and refuses a technician on a colleague's appointment (403)", async () => {
    const { job, appointment } = await offerAndAccept('WO-4001');
    const foreign = await as.otherDispatcher.get(`/v3/jobs/${job.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    const foreignCancel = await as.otherDispatcher.patch(`/v3/jobs/${job.id}`, { job: { status: 'canceled' } });
    expect(foreignCancel.status).toBe(404);
    expect((await as.otherDispatcher.get(`/v3/appointments/${appointment.id}`)).status).toBe(404);

    // The domain tells a technician of the same team that the appointment is not theirs (403); reading
    // it is a 404, like anything else the technician may not see.
    const colleague = await as.otherTechnician.patch(`/v3/appointments/${appointment.id}`, {
      appointment: { status: 'enroute' },
    });
    expect(colleague.status).toBe(403);
    expect(colleague.body.error.code).toBe('FORBIDDEN');
    expect((await as.otherTechnician.get(`/v3/appointments/${appointment.id}`)).status).toBe(404);
    const own = await as.otherTechnician.get('/v3/appointments?limit=100');
    expect(
      own.body.appointments.every((listed: { user_id: string }) => listed.user_id === USERS.otherTechnician.id),
    ).toBe(true);
    const peek = await as.otherTechnician.get(`/v3/appointments?filter[user_id_eq]=${USERS.technician.id}`);
    expect(peek.body.meta.total).toBe(0);
  });

  it('shows an enterprise only the jobs it sent', async () => {
    const sent = await as.enterprise.post('/v3/jobs', offer({ external_ids: ['WO-5001'] }));
    const other = await as.otherEnterprise.post('/v3/jobs', offer({ external_ids: ['WO-5002'] }));
    expect(other.status).toBe(201);
    const own = await as.dispatcher.post('/v3/jobs', offer({ status: 'unscheduled' }));

    const listed = (await as.enterprise.get('/v3/jobs?limit=100')).body.jobs.map(
      (job: { id: string; source_id: string }) => {
        expect(job.source_id).toBe(ORGS.enterprise);
        return job.id;
      },
    );
    expect(listed).toContain(sent.body.job.id);
    expect(listed).not.toContain(other.body.job.id);
    expect(listed).not.toContain(own.body.job.id);
    expect((await as.enterprise.get(`/v3/jobs/${other.body.job.id}`)).status).toBe(404);
    expect((await as.enterprise.get(`/v3/jobs/${own.body.job.id}`)).status).toBe(404);
    expect((await as.enterprise.get(`/v3/jobs?filter[source_id_eq]=${ORGS.otherEnterprise}`)).body.meta.total).toBe(0);
    const customers = (await as.enterprise.get('/v3/customers?limit=100')).body.customers.map(
      (customer: { id: string }) => customer.id,
    );
    expect(customers).toContain(sent.body.job.customer_id);
    expect(customers).not.toContain(other.body.job.customer_id);
  });

  it('lets an enterprise withdraw an offer and a dispatcher decline one', async () => {
    const withdrawn = await as.enterprise.post('/v3/jobs', offer());
    const answer = await as.enterprise.patch(`/v3/jobs/${withdrawn.body.job.id}`, { job: { status: 'canceled' } });
    expect(answer.status).toBe(200);
    expect(answer.body.job).toMatchObject({ status: 'canceled', status_message: 'Offer withdrawn' });
    const late = await as.dispatcher.post(`/v3/jobs/${withdrawn.body.job.id}/accept`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('withdrew');

    const declined = await as.enterprise.post('/v3/jobs', offer());
    const rejected = await as.dispatcher.post(`/v3/jobs/${declined.body.job.id}/reject`, {
      reason_id: 'dr-out-of-area',
      note: 'North of the river',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.job).toMatchObject({
      status: 'rejected',
      status_message: 'Outside our service area: North of the river',
    });
    const unknownReason = await as.dispatcher.post(
      `/v3/jobs/${(await as.enterprise.post('/v3/jobs', offer())).body.job.id}/reject`,
      { reason_id: 'dr-nope' },
    );
    expect(unknownReason.status).toBe(409);
    expect(unknownReason.body.error.code).toBe('UNKNOWN_REASON');
  });

  it('updates details and time windows, and cancels an accepted job with its appointments', async () => {
    const { job, appointment } = await offerAndAccept('WO-6001');
    const windows = await as.enterprise.post(`/v3/jobs/${job.id}/time_windows`, {
      time_windows: [
        { start_time: TOMORROW_13, end_time: new Date(Date.parse(TOMORROW_13) + 3_600_000).toISOString() },
      ],
    });
    expect(windows.status).toBe(200);
    expect(windows.body.job.time_windows[0].start_time).toBe(TOMORROW_13);
    const tooMany = await as.enterprise.post(`/v3/jobs/${job.id}/time_windows`, {
      time_windows: Array(4).fill({ start_time: TOMORROW_9, end_time: TOMORROW_13 }),
    });
    expect(tooMany.status).toBe(400);

    const edited = await as.dispatcher.patch(`/v3/jobs/${job.id}`, {
      job: { title: 'AC not cooling (upstairs)', service_type: 'hvac-res' },
    });
    expect(edited.body.job).toMatchObject({ title: 'AC not cooling (upstairs)', service_type: 'hvac-res' });
    const updated = (await as.dispatcher.get(`/v3/jobs/${job.id}/activity`)).body.activity.filter(
      (event: { kind: string }) => event.kind === 'job.updated',
    );
    expect(updated.at(-1).field).toBe('title,service_type');

    const canceled = await as.dispatcher.patch(`/v3/jobs/${job.id}`, { job: { status: 'canceled' } });
    expect(canceled.status).toBe(200);
    expect(canceled.body.job.status).toBe('canceled');
    expect((await as.dispatcher.get(`/v3/appointments/${appointment.id}`)).body.appointment.status).toBe('canceled');
  });

  it('applies an Idempotency-Key once: the same POST twice gives one job and the same answer', async () => {
    const body = offer({ external_ids: ['WO-IDEM-1'] });
    const first = await as.enterprise.post('/v3/jobs', body, { idempotencyKey: 'offer-idem-1' });
    const second = await as.enterprise.post('/v3/jobs', body, { idempotencyKey: 'offer-idem-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await as.dispatcher.get('/v3/jobs?filter[external_ids_contains]=WO-IDEM-1')).body.meta.total).toBe(1);

    const reused = await as.enterprise.post('/v3/jobs', offer({ external_ids: ['WO-IDEM-2'] }), {
      idempotencyKey: 'offer-idem-1',
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await as.dispatcher.get('/v3/jobs?filter[external_ids_contains]=WO-IDEM-2')).body.meta.total).toBe(0);

    // Keys belong to their user: another caller's identical key is a new request.
    const otherUser = await as.otherEnterprise.post('/v3/jobs', body, { idempotencyKey: 'offer-idem-1' });
    expect(otherUser.status).toBe(201);
    expect(otherUser.body.job.id).not.toBe(first.body.job.id);

    // A retried accept replays its answer instead of meeting its own effect as a 409.
    const accept = { appointment: { time: TOMORROW_9, user_id: USERS.technician.id } };
    const applied = await as.dispatcher.post(`/v3/jobs/${first.body.job.id}/accept`, accept, {
      idempotencyKey: 'accept-1',
    });
    const replayed = await as.dispatcher.post(`/v3/jobs/${first.body.job.id}/accept`, accept, {
      idempotencyKey: 'accept-1',
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual(applied.body);
    expect((await as.dispatcher.get(`/v3/appointments?filter[job_id_eq]=${first.body.job.id}`)).body.meta.total).toBe(
      1,
    );

    const badKey = await as.enterprise.post('/v3/jobs', body, { idempotencyKey: 'x'.repeat(201) });
    expect(badKey.status).toBe(400);
  });

  it('answers malformed JSON and wrong types with 400 INVALID_ARGS, writing nothing', async () => {
    const malformed = await as.enterprise.post('/v3/jobs', undefined, { rawBody: '{"job": {"title": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_ARGS');

    const wrongTypes = await as.enterprise.post('/v3/jobs', offer({ title: 42, external_ids: ['WO-BAD'] }));
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error).toEqual({ code: 'INVALID_ARGS', message: expect.stringContaining('job.title') });

    const badTime = await as.dispatcher.post('/v3/appointments', {
      appointment: { job_id: 'job_x', time: 'tomorrow at nine' },
    });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.message).toContain('appointment.time');
    const badDuration = await as.dispatcher.post('/v3/appointments', {
      appointment: { job_id: 'job_x', time: TOMORROW_9, duration: 90.5 },
    });
    expect(badDuration.status).toBe(400);
    const extraField = await as.enterprise.post('/v3/jobs', offer({ colour: 'red' }));
    expect(extraField.status).toBe(400);
    const noCustomer = await as.enterprise.post('/v3/jobs', offer({ customer: undefined }));
    expect(noCustomer.status).toBe(400);
    expect(noCustomer.body.error.message).toContain('customer');
    const emptyPatch = await as.dispatcher.patch('/v3/appointments/apt_nothing', { appointment: {} });
    expect(emptyPatch.status).toBe(400);

    expect((await as.dispatcher.get('/v3/jobs?filter[external_ids_contains]=WO-BAD')).body.meta.total).toBe(0);
    expect((await as.dispatcher.get('/v3/nothing-here')).status).toBe(404);
  });

  it('refuses what a role may not do through the same rules as the console', async () => {
    const offerByDispatcher = await as.dispatcher.post('/v3/jobs', offer());
    expect(offerByDispatcher.status).toBe(403);
    expect(offerByDispatcher.body.error.code).toBe('FORBIDDEN');
    const created = await as.enterprise.post('/v3/jobs', offer());
    const acceptByTechnician = await as.technician.post(`/v3/jobs/${created.body.job.id}/accept`);
    expect(acceptByTechnician.status).toBe(403);
  });

  it('lists users, complete reasons and decline reasons', async () => {
    const me = await as.technician.get('/v3/users/me');
    expect(me.body.user).toEqual({
      id: USERS.technician.id,
      organization_id: ORGS.provider,
      first_name: 'Tom',
      last_name: expect.any(String),
      email: USERS.technician.email,
      phone_number: expect.stringMatching(/^tel:/),
      roles: ['technician'],
      skills: null,
    });
    const technicians = await as.dispatcher.get('/v3/users?filter[role_eq]=technician');
    expect(technicians.body.users.map((user: { id: string }) => user.id).sort()).toEqual(
      [USERS.technician.id, USERS.otherTechnician.id].sort(),
    );
    expect(technicians.body.meta).toEqual({ total: 2, limit: 25, offset: 0 });
    expect((await as.dispatcher.get(`/v3/users?filter[organization_id_eq]=${ORGS.otherProvider}`)).body.users).toEqual(
      [],
    );

    const reasons = (await as.enterprise.get('/v3/complete_reasons')).body.complete_reasons;
    expect(reasons).toContainEqual({
      id: 'cr-repaired',
      label: 'Repaired (job completed)',
      effect: 'complete',
      source_id: null,
      archived: false,
    });
    expect(reasons).toContainEqual(
      expect.objectContaining({ id: 'cr-acme-warranty-closed', source_id: ORGS.enterprise }),
    );
    const otherSource = (await as.otherEnterprise.get('/v3/complete_reasons')).body.complete_reasons;
    expect(otherSource.map((reason: { id: string }) => reason.id)).not.toContain('cr-acme-warranty-closed');

    const decline = (await as.dispatcher.get('/v3/decline_reasons')).body.decline_reasons;
    expect(decline).toContainEqual({ id: 'dr-other', label: 'Other' });
  });
});
