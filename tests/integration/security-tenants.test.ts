import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, ORGS, startRestServer, USERS, client, type Client, type RestServer } from './restClient';
import { SyncClient } from './support/client';

/**
 * Issue 10, High 1: a job source names (by id) only customers it already sees, over REST and the
 * socket alike; anything else is the 404 any invisible object gets, and nothing is created or read.
 */

let rest: RestServer;
let enterprise: Client;
let otherEnterprise: Client;
let dispatcher: Client;

const address = { street_1: '12 Elm St', city: 'Austin', state: 'TX' };

function offer(customer: Record<string, unknown>, organizationId: string = ORGS.provider) {
  return { job: { title: 'AC not cooling', organization_id: organizationId, address, customer } };
}

beforeAll(async () => {
  rest = await startRestServer();
  enterprise = client(rest.url, await login(rest.url, USERS.enterprise.email));
  otherEnterprise = client(rest.url, await login(rest.url, USERS.otherEnterprise.email));
  dispatcher = client(rest.url, await login(rest.url, USERS.dispatcher.email));
});

afterAll(async () => rest?.stop());

describe('naming a customer by id', () => {
  it("refuses a provider's own customer to a job source that never sent a job for it (404, nothing read or written)", async () => {
    const own = await dispatcher.post('/v3/jobs', {
      job: { ...offer({ first_name: 'Rosa', email: 'rosa@private.test' }).job, status: 'unscheduled' },
    });
    expect(own.status).toBe(201);
    const customerId = own.body.job.customer_id as string;

    const probe = await enterprise.post('/v3/jobs', offer({ id: customerId, first_name: 'Anyone' }));
    expect(probe.status).toBe(404);
    expect(probe.body.error).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/customer/) });
    expect(JSON.stringify(probe.body)).not.toContain('rosa@private.test');
    expect((await enterprise.get(`/v3/customers/${customerId}`)).status).toBe(404);
    expect((await enterprise.get('/v3/jobs')).body.meta.total).toBe(0);
    // The same through `customer_id`.
    const byField = await enterprise.post('/v3/jobs', {
      job: { title: 'x', organization_id: ORGS.provider, address, customer_id: customerId },
    });
    expect(byField.status).toBe(404);
  });

  it('refuses the customer of another job source, and lets a source reuse a customer from its own job', async () => {
    const first = await enterprise.post('/v3/jobs', offer({ first_name: 'Maria', email: 'maria@example.test' }));
    expect(first.status).toBe(201);
    const customerId = first.body.job.customer_id as string;

    const stolen = await otherEnterprise.post('/v3/jobs', offer({ id: customerId, first_name: 'Maria' }));
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe('NOT_FOUND');
    expect((await otherEnterprise.get(`/v3/customers/${customerId}`)).status).toBe(404);

    const again = await enterprise.post('/v3/jobs', offer({ id: customerId, first_name: 'Maria' }));
    expect(again.status).toBe(201);
    expect(again.body.job.customer).toMatchObject({ id: customerId, email: 'maria@example.test' });
  });

  it('refuses the same over the socket (job.offer and job.create share the rule)', async () => {
    const own = await dispatcher.post('/v3/jobs', {
      job: { ...offer({ first_name: 'Sam' }).job, status: 'unscheduled' },
    });
    const customerId = own.body.job.customer_id as string;
    const socket = await SyncClient.connect(rest.url, await login(rest.url, USERS.enterprise.email));
    try {
      const args = (jobId: string) => ({
        jobId,
        organizationId: ORGS.provider,
        title: 'Probe',
        address: { street1: '1 Main', city: 'Austin' },
        customer: { id: customerId, firstName: 'X' },
      });
      const answer = await socket.push([
        socket.command('job.offer', args('job-probe-1')),
        socket.command('job.create', args('job-probe-2')),
      ]);
      expect(answer.results.map((result) => [result.status, result.code])).toEqual([
        ['rejected', 'NOT_FOUND'],
        ['rejected', 'NOT_FOUND'],
      ]);
      const { changes } = await socket.pullAll();
      expect(changes.some((change) => change.id === customerId)).toBe(false);
    } finally {
      socket.close();
    }
  });

  it('gives new customers ids that cannot be guessed', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(
        async (n) => (await enterprise.post('/v3/jobs', offer({ first_name: `N${n}` }))).body.job.customer_id as string,
      ),
    );
    for (const id of ids) expect(id).toMatch(/^cus_[0-9a-f-]{36}$/);
  });
});
