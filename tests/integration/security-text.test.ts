import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, login, ORGS, startRestServer, USERS, type Client, type RestServer } from './restClient';
import { SyncClient } from './support/client';

/**
 * Issue 10, Low 8: text fields refuse NUL, other control characters, bidi overrides and lone surrogates
 * (400 naming the field); line breaks and tabs stay allowed in descriptions and notes; time zones are
 * checked with Intl.
 */

let rest: RestServer;
let enterprise: Client;

const address = { street_1: '12 Elm St', city: 'Austin', state: 'TX', timezone: 'America/Chicago' };
const offer = (job: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) => ({
  job: {
    title: 'AC not cooling',
    organization_id: ORGS.provider,
    address,
    customer: { first_name: 'Maria', ...customer },
    ...job,
  },
});

beforeAll(async () => {
  rest = await startRestServer();
  enterprise = client(rest.url, await login(rest.url, USERS.enterprise.email));
});
afterAll(async () => rest?.stop());

describe('text fields over REST', () => {
  it.each([
    ['NUL in a title', offer({ title: 'AC\u0000 broken' }), 'job.title'],
    ['a line break in a title', offer({ title: 'AC\nbroken' }), 'job.title'],
    ['a bidi override in a name', offer({}, { first_name: 'Maria\u202egpj.exe' }), 'job.customer.first_name'],
    [
      'a bidi isolate in a street',
      offer({ address: { ...address, street_1: '12 \u2067Elm' } }),
      'job.address.street_1',
    ],
    ['a lone surrogate in notes', offer({}, { notes: 'call \ud800 first' }), 'job.customer.notes'],
    ['an escape character in a description', offer({ description: 'beep\u001b[31m' }), 'job.description'],
    ['DEL in an external id', offer({ external_ids: ['WO-\u007f1'] }), 'job.external_ids.0'],
  ])('refuses %s with 400 naming the field', async (_what, body, field) => {
    const answer = await enterprise.post('/v3/jobs', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_ARGS');
    expect(answer.body.error.message).toContain(`${field}:`);
  });

  it('refuses an unknown time zone such as Mars/Olympus', async () => {
    const answer = await enterprise.post('/v3/jobs', offer({ address: { ...address, timezone: 'Mars/Olympus' } }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/job\.address\.timezone: is not a known IANA time zone/);
  });

  it('keeps line breaks and tabs in descriptions and notes, and any language or emoji everywhere', async () => {
    const answer = await enterprise.post(
      '/v3/jobs',
      offer(
        { title: 'Klimaanlage — 冷房 🔧 مكيف', description: 'Line one\r\nLine two\n\tindented' },
        { first_name: 'Zoë', notes: 'Gate code:\t1234\nDog 🐕' },
      ),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.job.description).toBe('Line one\r\nLine two\n\tindented');
    expect(answer.body.job.customer.notes).toBe('Gate code:\t1234\nDog 🐕');
    expect(answer.body.job.title).toBe('Klimaanlage — 冷房 🔧 مكيف');
  });
});

describe('text fields over the socket', () => {
  it('refuses the same in command arguments, naming the field, and writes nothing', async () => {
    const socket = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    try {
      const args = (jobId: string, extra: Record<string, unknown>) => ({
        jobId,
        organizationId: ORGS.provider,
        title: 'Leak',
        address: { street1: '1 Main', city: 'Austin' },
        customer: { id: `cus-${jobId}`, firstName: 'Ann' },
        ...extra,
      });
      const answer = await socket.push([
        socket.command('job.create', args('job-text-1', { title: 'Leak\u0000' })),
        socket.command(
          'job.create',
          args('job-text-2', { address: { street1: '1 Main', city: 'Austin', timezone: 'Mars/Olympus' } }),
        ),
        socket.command('job.create', args('job-text-3', { description: 'two\nlines' })),
      ]);
      expect(answer.results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'applied']);
      expect(answer.results[0].message).toContain('title:');
      expect(answer.results[1].message).toContain('address.timezone:');
      expect(await rest.server.context.store.getJob('job-text-1')).toBeUndefined();
    } finally {
      socket.close();
    }
  });
});
