import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { limitRate, REST_RATE_LIMIT } from '../../../server/rest/rateLimit';

/**
 * The REST API's per-caller limit on a bare Fastify instance with a hand-moved clock (requests are
 * injected, no sockets): the arithmetic a flood of real requests used to check. That a running server
 * answers 429 is checked once, in tests/integration/rest-limits.test.ts.
 */
let http: FastifyInstance;
let now: number;

beforeEach(async () => {
  now = 1_000_000;
  http = Fastify();
  limitRate(http, () => now);
  http.get('/ping', async () => ({ ok: true }));
  await http.ready();
});
afterEach(() => http.close());

const ping = (from = '203.0.113.7') => http.inject({ method: 'GET', url: '/ping', remoteAddress: from });

async function burst(count: number, from?: string) {
  const statuses: number[] = [];
  for (let index = 0; index < count; index++) statuses.push((await ping(from)).statusCode);
  return statuses;
}

describe('limitRate', () => {
  test(`a caller gets ${REST_RATE_LIMIT.capacity} requests at once, then 429 RATE_LIMITED with Retry-After`, async () => {
    const statuses = await burst(REST_RATE_LIMIT.capacity);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refused = await ping();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: 'Too many requests; slow down and retry.' },
    });
  });

  test(`then ${REST_RATE_LIMIT.perSecond} more per second`, async () => {
    await burst(REST_RATE_LIMIT.capacity + 1);
    now += 1_000;
    const statuses = await burst(REST_RATE_LIMIT.perSecond + 1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(REST_RATE_LIMIT.perSecond);
    expect(statuses.at(-1)).toBe(429);
  });

  test('each caller address has its own bucket', async () => {
    await burst(REST_RATE_LIMIT.capacity + 1, '203.0.113.7');
    expect((await ping('203.0.113.7')).statusCode).toBe(429);
    expect((await ping('198.51.100.2')).statusCode).toBe(200);
  });

  test('a caller back after a long absence starts with a full bucket, no more', async () => {
    await burst(REST_RATE_LIMIT.capacity + 1);
    now += 60 * 60_000;
    const statuses = await burst(REST_RATE_LIMIT.capacity + 1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(REST_RATE_LIMIT.capacity);
  });
});
