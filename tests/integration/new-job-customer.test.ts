import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, login, ORGS, startRestServer, USERS, type Client, type RestServer } from './restClient';
import { SyncClient } from './support/client';

/**
 * Issue 11, "take a call": a new job's customer with a phone or an email in a wrong format is refused with
 * a code and a message naming the field, over REST and over the socket, and nothing is written; a
 * business customer may be known by its company name alone.
 */

let rest: RestServer;
let dispatcher: Client;

const address = { street_1: '12 Elm St', city: 'Austin', state: 'TX', timezone: 'America/Chicago' };
const ownJob = (customer: Record<string, unknown>, id?: string) => ({
  job: {
    ...(id ? { id } : {}),
    title: 'Water heater leaking',
    organization_id: ORGS.provider,
    status: 'unscheduled',
    address,
    customer,
  },
});

beforeAll(async () => {
  rest = await startRestServer();
  dispatcher = client(rest.url, await login(rest.url, USERS.dispatcher.email));
});
afterAll(async () => rest?.stop());

describe('POST /v3/jobs with a new customer', () => {
  it.each([
    [
      'a phone number with letters',
      { first_name: 'Nina', phone_numbers: [{ number: 'call the front desk', primary: true }] },
      'job.customer.phone_numbers.0.number: is not a phone number',
    ],
    [
      'a phone number too short',
      { first_name: 'Nina', phone_numbers: [{ number: '555-01', primary: true }] },
      'job.customer.phone_numbers.0.number: is not a phone number',
    ],
    [
      'an email without a domain',
      { first_name: 'Nina', email: 'nina@' },
      'job.customer.email: is not an email address',
    ],
    [
      'neither a first name nor a company name',
      { last_name: 'Ross' },
      'job.customer.first_name: a customer needs a first name or a company name',
    ],
  ])('refuses %s with 400 INVALID_ARGS naming the field, writing nothing', async (_what, customer, message) => {
    const answer = await dispatcher.post('/v3/jobs', ownJob(customer, 'job-bad-customer'));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_ARGS');
    expect(answer.body.error.message).toContain(message);
    expect(await rest.server.context.store.getJob('job-bad-customer')).toBeUndefined();
  });

  it("creates the provider's own job, unscheduled, for a company known only by its name", async () => {
    const answer = await dispatcher.post(
      '/v3/jobs',
      ownJob({
        company_name: 'Driskill Hotel',
        email: 'facilities@driskill.example',
        phone_numbers: [{ number: 'tel:+1-512-555-0177', primary: true, type: 'work' }],
      }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.job).toMatchObject({ source_id: null, display_status: 'unscheduled' });
    expect(answer.body.job.customer).toMatchObject({ first_name: '', company_name: 'Driskill Hotel' });
  });
});

describe('job.create over the socket', () => {
  it('refuses a wrong phone or email with INVALID_ARGS naming the field, and writes nothing', async () => {
    const socket = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    try {
      const args = (jobId: string, customer: Record<string, unknown>) => ({
        jobId,
        organizationId: ORGS.provider,
        title: 'Leak',
        address: { street1: '1 Main', city: 'Austin' },
        customer: { id: `cus-${jobId}`, ...customer },
      });
      const answer = await socket.push([
        socket.command(
          'job.create',
          args('job-sock-1', { firstName: 'Ann', phoneNumbers: [{ number: 'tel:+1-512-CALL-NOW', primary: true }] }),
        ),
        socket.command('job.create', args('job-sock-2', { firstName: 'Ann', email: 'ann at example.com' })),
        socket.command(
          'job.create',
          args('job-sock-3', { firstName: 'Ann', phoneNumbers: [{ number: '+1 (512) 555-0100', primary: true }] }),
        ),
      ]);
      expect(answer.results.map((result) => [result.status, result.code])).toEqual([
        ['rejected', 'INVALID_ARGS'],
        ['rejected', 'INVALID_ARGS'],
        ['applied', undefined],
      ]);
      expect(answer.results[0].message).toContain('customer.phoneNumbers.0.number: is not a phone number');
      expect(answer.results[1].message).toContain('customer.email: is not an email address');
      expect(await rest.server.context.store.getJob('job-sock-1')).toBeUndefined();
      expect(await rest.server.context.store.getJob('job-sock-2')).toBeUndefined();
      expect(await rest.server.context.store.getCustomer('cus-job-sock-1')).toBeUndefined();
    } finally {
      socket.close();
    }
  });
});
