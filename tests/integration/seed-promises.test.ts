import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPLETE_REASONS, STALE_ETA_MS } from '../../domain';
import { startServer } from '../../server/app';
import { writeCompleteReason, writeOrganization } from '../../server/referenceData';
import {
  client,
  login,
  ORGS,
  USERS,
  startRestServer,
  type Answer,
  type Client,
  type RestServer,
  type UserName,
} from './restClient';
import { SyncClient } from './support/client';
import { testStorage } from './support/store';

/**
 * The seed's promises against the real server (REST and the sync socket, a real SQLite file): Start texts
 * the customer, one text per arrival, a canceled revisit leaves a job Complete, a reason on every
 * completion, and a job source's own complete reasons managed over REST.
 */

const TOMORROW_9 = new Date(Date.UTC(2031, 4, 6, 14, 0, 0)).toISOString();
const TOMORROW_11 = new Date(Date.UTC(2031, 4, 6, 16, 0, 0)).toISOString();

let rest: RestServer;
const as = {} as Record<UserName, Client>;

function offer(externalId: string) {
  return {
    job: {
      title: 'Dryer not heating',
      organization_id: ORGS.provider,
      external_ids: [externalId],
      address: { street_1: '5 Oak Ave', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
      customer: {
        first_name: 'Ana',
        last_name: 'Ruiz',
        phone_numbers: [{ number: 'tel:+1-555-0142', primary: true, type: 'mobile' }],
      },
    },
  };
}

/** An offer from Acme accepted with Tom's appointment; optionally a second one for Tina (a two-person visit). */
async function acceptedJob(externalId: string, secondTechnician = false) {
  const created = await as.enterprise.post('/v3/jobs', offer(externalId));
  expect(created.status).toBe(201);
  const jobId = created.body.job.id as string;
  const accepted = await as.dispatcher.post(`/v3/jobs/${jobId}/accept`, {
    appointment: { time: TOMORROW_9, user_id: USERS.technician.id },
  });
  expect(accepted.status).toBe(200);
  const first = accepted.body.appointment.id as string;
  let second: string | undefined;
  if (secondTechnician) {
    const added = await as.dispatcher.post('/v3/appointments', {
      appointment: { job_id: jobId, time: TOMORROW_9, user_id: USERS.otherTechnician.id },
    });
    expect(added.status).toBe(201);
    second = added.body.appointment.id;
  }
  return { jobId, first, second: second! };
}

const status = (who: Client, appointmentId: string, appointment: Record<string, unknown>) =>
  who.patch(`/v3/appointments/${appointmentId}`, { appointment });
const jobStatus = async (jobId: string) => (await as.dispatcher.get(`/v3/jobs/${jobId}`)).body.job.display_status;
const texts = (jobId: string) => rest.server.context.store.notificationsOfJob(jobId);

beforeAll(async () => {
  rest = await startRestServer();
  for (const [name, user] of Object.entries(USERS))
    as[name as UserName] = client(rest.url, await login(rest.url, user.email));
});

afterAll(async () => {
  await rest?.stop();
});

describe('customer texts', () => {
  it('Start tells the customer the technician has arrived, after the On My Way text', async () => {
    const { jobId, first } = await acceptedJob('TXT-1');
    expect((await status(as.technician, first, { status: 'enroute', eta_minutes: 15 })).status).toBe(200);
    expect((await status(as.technician, first, { status: 'started' })).status).toBe(200);
    expect((await texts(jobId)).map((text) => [text.to, text.body])).toEqual([
      ['tel:+1-555-0142', expect.stringMatching(/is on the way and should arrive in about 15 minutes\.$/)],
      [
        'tel:+1-555-0142',
        expect.stringMatching(/^Hi Ana, Tom from CoolAir Services has arrived and is starting work\.$/),
      ],
    ]);
    const activity = (await as.dispatcher.get(`/v3/jobs/${jobId}/activity`)).body.activity;
    expect(activity.map((event: { summary: string }) => event.summary)).toContain(
      'Appointment started (customer texted)',
    );
  });

  it('a two-person visit texts the customer once per arrival', async () => {
    const { jobId, first, second } = await acceptedJob('TXT-2', true);
    await status(as.technician, first, { status: 'enroute', eta_minutes: 10 });
    await status(as.otherTechnician, second, { status: 'enroute', eta_minutes: 12 });
    await status(as.technician, first, { status: 'started' });
    await status(as.otherTechnician, second, { status: 'started' });
    expect(
      (await texts(jobId)).map(
        (text) => text.appointmentId + ' ' + text.body.replace(/^Hi Ana, \w+ from CoolAir Services /, ''),
      ),
    ).toEqual([
      `${first} is on the way and should arrive in about 10 minutes.`,
      `${first} has arrived and is starting work.`,
    ]);
  });

  it('a Start replayed from a console long after it happened records the arrival but texts nobody', async () => {
    const { jobId, first } = await acceptedJob('TXT-3');
    const console = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    try {
      const createdAt = Date.now() - STALE_ETA_MS - 60_000;
      const answer = await console.push([
        {
          id: 1,
          name: 'appointment.setStatus',
          args: { appointmentId: first, status: 'started' },
          createdAt,
          offline: true,
        },
      ]);
      expect(answer.results[0]).toMatchObject({ status: 'applied' });
    } finally {
      console.socket.disconnect();
    }
    expect(await texts(jobId)).toEqual([]);
    expect((await as.dispatcher.get(`/v3/appointments/${first}`)).body.appointment.status).toBe('started');
    const activity = (await as.dispatcher.get(`/v3/jobs/${jobId}/activity`)).body.activity;
    expect(activity.map((event: { summary: string }) => event.summary)).toContain(
      'Appointment started (late replay: no text sent)',
    );
  });
});

describe('a reason on every completion', () => {
  it('over REST even while another visit is live (REASON_REQUIRED), and the reason decides once none is', async () => {
    const { jobId, first, second } = await acceptedJob('CMP-1', true);
    const missing = await status(as.technician, first, { status: 'complete' });
    expect(missing.status).toBe(409);
    expect(missing.body.error).toEqual({
      code: 'REASON_REQUIRED',
      message: expect.stringContaining('Choose a complete reason'),
    });
    expect((await as.dispatcher.get(`/v3/appointments/${first}`)).body.appointment.status).toBe('scheduled');

    const done = await status(as.technician, first, { status: 'complete', complete_reason_id: 'cr-repaired' });
    expect(done.status).toBe(200);
    expect(done.body.appointment).toMatchObject({ status: 'complete', complete_reason_id: 'cr-repaired' });
    expect(await jobStatus(jobId)).toBe('scheduled');
    expect((await as.dispatcher.delete(`/v3/appointments/${second}`)).status).toBe(200);
    expect(await jobStatus(jobId)).toBe('complete');
  });
});

describe('a canceled revisit', () => {
  it('leaves a complete job Complete (listed as complete), and "Complete Job" is refused as for any complete job', async () => {
    const { jobId, first } = await acceptedJob('REV-1');
    await status(as.technician, first, { status: 'complete', complete_reason_id: 'cr-repaired' });
    expect(await jobStatus(jobId)).toBe('complete');
    const revisit = await as.dispatcher.post('/v3/appointments', {
      appointment: { job_id: jobId, time: TOMORROW_11, user_id: USERS.technician.id },
    });
    expect(revisit.status).toBe(201);
    expect(await jobStatus(jobId)).toBe('scheduled');
    expect((await as.dispatcher.delete(`/v3/appointments/${revisit.body.appointment.id}`)).status).toBe(200);
    expect(await jobStatus(jobId)).toBe('complete');
    // The stored status index agrees: the job is found among complete jobs, not unscheduled ones.
    const listed = async (filter: string) =>
      (await as.dispatcher.get(`/v3/jobs?filter[status_eq]=${filter}&filter[external_ids_contains]=REV-1`)).body.jobs
        .length;
    expect([await listed('complete'), await listed('unscheduled')]).toEqual([1, 0]);
    const completeJob = await as.dispatcher.patch(`/v3/jobs/${jobId}`, { job: { status: 'complete' } });
    expect(completeJob.status).toBe(409);
    expect(completeJob.body.error.code).toBe('INVALID_TRANSITION');
  });
});

describe("a job source's own complete reasons", () => {
  const path = '/v3/complete_reasons';
  const offered = async (who: Client) =>
    (await who.get(path)).body.complete_reasons.map((reason: { label: string }) => reason.label);

  it('are added, relabelled and archived by their source, reach the change log and consoles, and keep old visits readable', async () => {
    const console = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    try {
      const created = await as.enterprise.post(path, {
        complete_reason: { label: 'Awaiting claim approval', effect: 'pause' },
      });
      expect(created.status).toBe(201);
      const reason = created.body.complete_reason;
      expect(reason).toEqual({
        id: expect.stringMatching(/^cr_/),
        label: 'Awaiting claim approval',
        effect: 'pause',
        source_id: ORGS.enterprise,
        archived: false,
      });
      const broadcast = await console.waitForBroadcast((changes) =>
        changes.some((change) => change.kind === 'completeReason' && change.id === reason.id),
      );
      expect(broadcast.find((change) => change.id === reason.id)!.data).toMatchObject({
        label: 'Awaiting claim approval',
        sourceId: ORGS.enterprise,
      });
      expect(await offered(as.enterprise)).toContain('Awaiting claim approval');
      expect(await offered(as.dispatcher)).toContain('Awaiting claim approval');
      expect(await offered(as.otherEnterprise)).not.toContain('Awaiting claim approval');

      // Not used yet: its effect may still change.
      const relabelled = await as.enterprise.patch(`${path}/${reason.id}`, {
        complete_reason: { label: 'Awaiting claim approval (Acme)', effect: 'complete' },
      });
      expect(relabelled.status).toBe(200);
      expect(relabelled.body.complete_reason).toMatchObject({
        label: 'Awaiting claim approval (Acme)',
        effect: 'complete',
      });
      await as.enterprise.patch(`${path}/${reason.id}`, { complete_reason: { effect: 'pause' } });

      // The provider's technician completes a visit of an Acme job with it: the job pauses.
      const { jobId, first } = await acceptedJob('RSN-1');
      expect((await status(as.technician, first, { status: 'complete', complete_reason_id: reason.id })).status).toBe(
        200,
      );
      expect(await jobStatus(jobId)).toBe('paused');

      // In use: what it does to a job can no longer change; the label still can.
      const effect = await as.enterprise.patch(`${path}/${reason.id}`, { complete_reason: { effect: 'complete' } });
      expect(effect.status).toBe(409);
      expect(effect.body.error).toEqual({
        code: 'REASON_IN_USE',
        message: expect.stringContaining('delete it and add a new reason instead'),
      });
      expect(await jobStatus(jobId)).toBe('paused');

      const deleted = await as.enterprise.delete(`${path}/${reason.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body.complete_reason).toMatchObject({ id: reason.id, archived: true });
      expect(await offered(as.enterprise)).not.toContain('Awaiting claim approval (Acme)');
      expect(await offered(as.dispatcher)).not.toContain('Awaiting claim approval (Acme)');
      // Still readable where it was used, and it still decides that job's status.
      expect((await as.dispatcher.get(`${path}/${reason.id}`)).body.complete_reason).toMatchObject({
        label: 'Awaiting claim approval (Acme)',
        archived: true,
      });
      expect((await as.dispatcher.get(`/v3/appointments/${first}`)).body.appointment.complete_reason_id).toBe(
        reason.id,
      );
      expect(await jobStatus(jobId)).toBe('paused');
      // ... but no longer offered for a new completion.
      const later = await acceptedJob('RSN-2');
      const refused = await status(as.technician, later.first, { status: 'complete', complete_reason_id: reason.id });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toEqual({
        code: 'UNKNOWN_REASON',
        message: '"Awaiting claim approval (Acme)" is no longer offered; choose another complete reason.',
      });

      // Every write reached the provider's change log, the last one archived.
      const { changes } = await console.pullAll(0);
      const writes = changes.filter((change) => change.kind === 'completeReason' && change.id === reason.id);
      expect(
        writes.map((change) => [
          (change.data as { label: string }).label,
          (change.data as { effect: string }).effect,
          !!(change.data as { archived?: boolean }).archived,
        ]),
      ).toEqual([
        ['Awaiting claim approval', 'pause', false],
        ['Awaiting claim approval (Acme)', 'complete', false],
        ['Awaiting claim approval (Acme)', 'pause', false],
        ['Awaiting claim approval (Acme)', 'pause', true],
      ]);
    } finally {
      console.socket.disconnect();
    }
  });

  it.each([
    ['no effect', { complete_reason: { label: 'Needs a quote' } }],
    ['an unknown effect', { complete_reason: { label: 'Needs a quote', effect: 'finish' } }],
    ['an empty label', { complete_reason: { label: '   ', effect: 'pause' } }],
    ['a label over 80 characters', { complete_reason: { label: 'x'.repeat(81), effect: 'pause' } }],
    ['a control character in the label', { complete_reason: { label: 'Needs\u0007 a quote', effect: 'pause' } }],
    [
      'an unknown field',
      { complete_reason: { label: 'Needs a quote', effect: 'pause', source_id: ORGS.otherEnterprise } },
    ],
    ['no wrapper', { label: 'Needs a quote', effect: 'pause' }],
  ])('refuses %s with 400 INVALID_ARGS and adds nothing', async (_name, body) => {
    const before = await offered(as.enterprise);
    const answer = await as.enterprise.post(path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'INVALID_ARGS', message: expect.any(String) });
    expect(await offered(as.enterprise)).toEqual(before);
  });

  it('applies an Idempotency-Key once: a retried POST answers the first 201, a retried refusal its refusal', async () => {
    const body = { complete_reason: { label: 'Homeowner rescheduling', effect: 'pause' } };
    const first = await as.enterprise.post(path, body, { idempotencyKey: 'reason-retry-1' });
    expect(first.status).toBe(201);
    const again = await as.enterprise.post(path, body, { idempotencyKey: 'reason-retry-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await offered(as.enterprise)).filter((label: string) => label === 'Homeowner rescheduling')).toHaveLength(
      1,
    );
    // Without the key the same POST is a new request, refused as a duplicate label.
    expect((await as.enterprise.post(path, body)).status).toBe(409);

    // The key names one request: reused for another body it is refused and changes nothing.
    const reused = await as.enterprise.post(
      path,
      { complete_reason: { label: 'Something else', effect: 'pause' } },
      { idempotencyKey: 'reason-retry-1' },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await offered(as.enterprise)).not.toContain('Something else');

    // A retried archive answers as the first did (200), not NOT_FOUND or a second archive.
    const id = first.body.complete_reason.id as string;
    const archived = await as.enterprise.delete(`${path}/${id}`, { idempotencyKey: 'reason-archive-1' });
    expect(archived.status).toBe(200);
    const retried = await as.enterprise.delete(`${path}/${id}`, { idempotencyKey: 'reason-archive-1' });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(archived.body);
  });

  it("refuses a label already offered on the source's jobs (409 ALREADY_EXISTS), a default's included", async () => {
    const answer = await as.enterprise.post(path, { complete_reason: { label: 'no show', effect: 'pause' } });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toEqual({
      code: 'ALREADY_EXISTS',
      message: 'A complete reason labelled "No Show" is already offered on this source\'s jobs.',
    });
  });

  it('keeps tenants apart: another source cannot see or change them, a provider cannot manage any, the defaults are read-only', async () => {
    const own = (await as.enterprise.post(path, { complete_reason: { label: 'Claim denied', effect: 'complete' } }))
      .body.complete_reason;
    const attempts: [string, Promise<Answer>, number, string][] = [
      ['another source reads it', as.otherEnterprise.get(`${path}/${own.id}`), 404, 'NOT_FOUND'],
      [
        'another source relabels it',
        as.otherEnterprise.patch(`${path}/${own.id}`, { complete_reason: { label: 'Mine now' } }),
        404,
        'NOT_FOUND',
      ],
      ['another source deletes it', as.otherEnterprise.delete(`${path}/${own.id}`), 404, 'NOT_FOUND'],
      [
        'a dispatcher adds one',
        as.dispatcher.post(path, { complete_reason: { label: 'Our own', effect: 'pause' } }),
        403,
        'FORBIDDEN',
      ],
      [
        'a dispatcher relabels it',
        as.dispatcher.patch(`${path}/${own.id}`, { complete_reason: { label: 'Ours' } }),
        403,
        'FORBIDDEN',
      ],
      ['a technician deletes it', as.technician.delete(`${path}/${own.id}`), 403, 'FORBIDDEN'],
      [
        'the source relabels a default',
        as.enterprise.patch(`${path}/cr-no-show`, { complete_reason: { label: 'Nobody there' } }),
        403,
        'FORBIDDEN',
      ],
      ['the source deletes a default', as.enterprise.delete(`${path}/cr-no-show`), 403, 'FORBIDDEN'],
      [
        'anyone names one that does not exist',
        as.enterprise.patch(`${path}/cr_nothing`, { complete_reason: { label: 'x' } }),
        404,
        'NOT_FOUND',
      ],
    ];
    for (const [name, request, code, errorCode] of attempts) {
      const answer = await request;
      expect([name, answer.status, answer.body.error?.code]).toEqual([name, code, errorCode]);
    }
    expect((await as.enterprise.get(`${path}/${own.id}`)).body.complete_reason).toEqual({ ...own, archived: false });
    expect((await as.dispatcher.get(`${path}/cr-no-show`)).body.complete_reason).toMatchObject({
      label: 'No Show',
      archived: false,
    });
  });
});

describe('"Interrupted — emergency call"', () => {
  it('reaches a network created before it was a default, at the next start, through the change log', async () => {
    const storage = await testStorage('defaults');
    const { dataDir, databaseUrl } = storage;
    const open = () => startServer({ port: 0, dataDir, databaseUrl, log: pino({ level: 'silent' }) });
    try {
      const before = await open();
      await before.context.pipeline.write(async (tx) => {
        await writeOrganization(tx, before.context.directory, {
          id: 'org-old',
          name: 'Old Provider',
          kind: 'provider',
          version: 0,
        });
        for (const reason of DEFAULT_COMPLETE_REASONS.filter(
          (candidate) => candidate.id !== 'cr-interrupted-emergency',
        )) {
          await writeCompleteReason(tx, before.context.directory, reason);
        }
      });
      await before.close();

      const after = await open();
      try {
        expect(
          after.context.directory.completeReasons().find((reason) => reason.id === 'cr-interrupted-emergency'),
        ).toMatchObject({
          label: 'Interrupted — emergency call',
          effect: 'pause',
          sourceId: null,
        });
        const changes = await after.context.store.changesAfter('org-old', 0, 1000);
        expect(changes.filter((change) => change.kind === 'completeReason').map((change) => change.id)).toContain(
          'cr-interrupted-emergency',
        );
      } finally {
        await after.close();
      }
      // Once there, a restart writes nothing more.
      const again = await open();
      const head = await again.context.store.headSeq('org-old');
      await again.close();
      const last = await open();
      expect(await last.context.store.headSeq('org-old')).toBe(head);
      await last.close();
    } finally {
      await storage.remove();
    }
  });
});
