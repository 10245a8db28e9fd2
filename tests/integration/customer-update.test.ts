import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, login, ORGS, USERS, startRestServer, type Client, type RestServer, type UserName } from './restClient';
import { SyncClient } from './support/client';

/**
 * PATCH /v3/customers/:id against the real server (a real SQLite file): a dispatcher corrects a customer's
 * contact and address through customer.update, consoles follow, and a wrong phone or email, a stale
 * version or someone else's customer change nothing.
 */
let rest: RestServer;
const as = {} as Record<UserName, Client>;

beforeAll(async () => {
  rest = await startRestServer();
  for (const name of Object.keys(USERS) as UserName[])
    as[name] = client(rest.url, await login(rest.url, USERS[name].email));
}, 120_000);

afterAll(() => rest?.stop());

async function newCustomer(): Promise<{ id: string; version: number }> {
  const created = await as.dispatcher.post('/v3/jobs', {
    job: {
      title: 'No cooling upstairs',
      organization_id: ORGS.provider,
      status: 'unscheduled',
      address: { street_1: '5 Oak Ave', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
      customer: {
        first_name: 'Ana',
        last_name: 'Ruiz',
        phone_numbers: [{ number: 'tel:+1-512-555-0142', primary: true, type: 'mobile' }],
      },
    },
  });
  expect(created.status).toBe(201);
  return created.body.job.customer;
}

describe('PATCH /v3/customers/:id', () => {
  it("changes the customer's phones, email, address and notes, answers it, and consoles receive it", async () => {
    const customer = await newCustomer();
    const console = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    try {
      const answer = await as.dispatcher.patch(`/v3/customers/${customer.id}`, {
        customer: {
          version: customer.version,
          phone_numbers: [{ number: 'tel:+1-512-555-0199', primary: true, type: 'home' }],
          email: 'ana.ruiz@example.com',
          home_address: { street_1: '77 Elm St', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
          notes: 'Gate code 4417#',
        },
      });
      expect(answer.status).toBe(200);
      expect(answer.body.customer).toMatchObject({
        id: customer.id,
        first_name: 'Ana',
        email: 'ana.ruiz@example.com',
        phone_numbers: [{ number: 'tel:+1-512-555-0199', primary: true, type: 'home' }],
        home_address: { street_1: '77 Elm St' },
        notes: 'Gate code 4417#',
      });
      expect(answer.body.customer.version).toBeGreaterThan(customer.version);
      expect((await as.dispatcher.get(`/v3/customers/${customer.id}`)).body.customer).toEqual(answer.body.customer);
      await console.waitForBroadcast((changes) =>
        changes.some((change) => change.kind === 'customer' && change.id === customer.id),
      );
    } finally {
      console.close();
    }
  });

  it('refuses a version someone else changed since (409 STALE_VERSION) and keeps their change', async () => {
    const customer = await newCustomer();
    expect(
      (await as.dispatcher.patch(`/v3/customers/${customer.id}`, { customer: { notes: 'Dog in the yard' } })).status,
    ).toBe(200);
    const stale = await as.dispatcher.patch(`/v3/customers/${customer.id}`, {
      customer: { version: customer.version, notes: 'No dog' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect((await as.dispatcher.get(`/v3/customers/${customer.id}`)).body.customer.notes).toBe('Dog in the yard');
  });

  it.each([
    [{ phone_numbers: [{ number: 'call me', primary: true }] }, 'phone_numbers'],
    [{ email: 'not-an-email' }, 'email'],
    [{ nickname: 'Annie' }, 'nickname'],
  ])('refuses %j with 400 INVALID_ARGS naming %s, changing nothing', async (body, field) => {
    const customer = await newCustomer();
    const before = (await as.dispatcher.get(`/v3/customers/${customer.id}`)).body.customer;
    const answer = await as.dispatcher.patch(`/v3/customers/${customer.id}`, { customer: body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_ARGS');
    expect(answer.body.error.message).toContain(field);
    expect((await as.dispatcher.get(`/v3/customers/${customer.id}`)).body.customer).toEqual(before);
  });

  it("refuses technicians, job sources and another provider's dispatcher", async () => {
    const customer = await newCustomer();
    const patch = (who: Client) => who.patch(`/v3/customers/${customer.id}`, { customer: { notes: 'mine' } });
    expect((await patch(as.technician)).status).toBe(403);
    expect([403, 404]).toContain((await patch(as.enterprise)).status);
    expect((await patch(as.otherDispatcher)).status).toBe(404);
    expect((await as.dispatcher.get(`/v3/customers/${customer.id}`)).body.customer.notes).toBeNull();
  });
});
