import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, login, ORGS, USERS, startRestServer, type Client, type RestServer, type UserName } from './restClient';

/**
 * GET and PATCH /v3/organizations/me against the real server: the organization's settings in the v3 wire
 * style, changed through the command pipeline (organization.update) with its refusals and idempotency.
 */
let rest: RestServer;
const as = {} as Record<UserName, Client>;

beforeAll(async () => {
  rest = await startRestServer();
  for (const name of Object.keys(USERS) as UserName[])
    as[name] = client(rest.url, await login(rest.url, USERS[name].email));
}, 120_000);

afterAll(() => rest?.stop());

describe('/v3/organizations/me', () => {
  it("reads the caller's own organization with every setting, defaults filled in", async () => {
    const answer = await as.dispatcher.get('/v3/organizations/me');
    expect(answer.status).toBe(200);
    expect(answer.body.organization).toMatchObject({
      id: ORGS.provider,
      kind: 'provider',
      time_zone: expect.any(String),
      attention: { late_start_grace_minutes: 15, offer_waiting_minutes: 60, paused_aging_days: 3 },
      version: expect.any(Number),
    });
    // An enterprise user reads their own organization, not the provider's.
    expect((await as.enterprise.get('/v3/organizations/me')).body.organization).toMatchObject({
      id: ORGS.enterprise,
      kind: 'enterprise',
    });
  });

  it('changes the zone and a threshold through the pipeline and answers the new organization', async () => {
    const before = (await as.dispatcher.get('/v3/organizations/me')).body.organization;
    const answer = await as.dispatcher.patch('/v3/organizations/me', {
      organization: { time_zone: 'America/Chicago', attention: { paused_aging_days: 5 }, version: before.version },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.organization).toMatchObject({
      id: ORGS.provider,
      time_zone: 'America/Chicago',
      attention: { late_start_grace_minutes: 15, offer_waiting_minutes: 60, paused_aging_days: 5 },
    });
    expect(answer.body.organization.version).toBeGreaterThan(before.version);
    expect((await as.dispatcher.get('/v3/organizations/me')).body.organization).toEqual(answer.body.organization);
    expect(rest.server.context.directory.organization(ORGS.provider)?.timeZone).toBe('America/Chicago');
  });

  it('refuses bad input with a code naming the field, and changes nothing', async () => {
    const before = (await as.dispatcher.get('/v3/organizations/me')).body.organization;
    const zone = await as.dispatcher.patch('/v3/organizations/me', { organization: { time_zone: 'Mars/Olympus' } });
    expect(zone.status).toBe(400);
    expect(zone.body.error.code).toBe('UNKNOWN_TIME_ZONE');
    expect(zone.body.error.message).toContain('organization.time_zone');
    const threshold = await as.dispatcher.patch('/v3/organizations/me', {
      organization: { attention: { late_start_grace_minutes: 0 } },
    });
    expect(threshold.status).toBe(400);
    expect(threshold.body.error.code).toBe('INVALID_ARGS');
    expect(threshold.body.error.message).toContain('lateStartGraceMinutes');
    const unknownField = await as.dispatcher.patch('/v3/organizations/me', { organization: { colour: 'red' } });
    expect(unknownField.body.error.code).toBe('INVALID_ARGS');
    const stale = await as.dispatcher.patch('/v3/organizations/me', {
      organization: { name: 'Stale', version: before.version - 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect((await as.dispatcher.get('/v3/organizations/me')).body.organization).toEqual(before);
  });

  it('lets only dispatchers change it', async () => {
    expect((await as.technician.patch('/v3/organizations/me', { organization: { name: 'x' } })).status).toBe(403);
    expect((await as.enterprise.patch('/v3/organizations/me', { organization: { name: 'x' } })).status).toBe(403);
  });

  it('applies an Idempotency-Key once', async () => {
    const body = { organization: { name: 'CoolAir Renamed' } };
    const first = await as.dispatcher.patch('/v3/organizations/me', body, { idempotencyKey: 'org-rename-1' });
    const again = await as.dispatcher.patch('/v3/organizations/me', body, { idempotencyKey: 'org-rename-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await as.dispatcher.get('/v3/organizations/me')).body.organization.version).toBe(
      first.body.organization.version,
    );
  });
});
