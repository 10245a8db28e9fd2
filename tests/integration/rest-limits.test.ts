import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { loadDemo } from '../../server/demo';
import { token } from './client/harness';
import { testStorage, type TestStorage } from './support/store';

/**
 * The REST API's limits on the real server. The token bucket's arithmetic is unit-tested with a clock
 * moved by hand (tests/unit/server); here a server with a small bucket shows a caller over it gets 429.
 */
const LIMIT = { capacity: 20, perSecond: 0.01 };
let server: RunningServer;
let storage: TestStorage;

beforeAll(async () => {
  storage = await testStorage('limits');
  const { dataDir, databaseUrl } = storage;
  server = await startServer({ port: 0, dataDir, databaseUrl, log: pino({ level: 'silent' }), restRateLimit: LIMIT });
  await loadDemo(server.context);
});
afterAll(async () => {
  await server?.close();
  await storage?.remove();
});

test('a body over the limit is answered 413 PAYLOAD_TOO_LARGE, and each client reads that answer', async () => {
  // Refused while the clients are still sending: the server reads the rest first, so none sees a reset.
  const body = JSON.stringify({ grant_type: 'password', padding: 'x'.repeat(1_200_000) });
  const answers = await Promise.all(
    Array.from({ length: 8 }, () =>
      fetch(`${server.url}/v3/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { error?: { code: string } },
      })),
    ),
  );
  expect(answers).toEqual(
    Array.from({ length: 8 }, () => ({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } },
    })),
  );
});

test('a caller over its bucket is answered 429 RATE_LIMITED with Retry-After, and the server keeps answering', async () => {
  const { token: bearer } = await token(server.url, 'dispatcher@demo.test');
  const answers = await Promise.all(
    Array.from({ length: LIMIT.capacity + 1 }, () =>
      fetch(`${server.url}/v3/users/me`, { headers: { authorization: `Bearer ${bearer}` } }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { error?: { code: string } },
        retryAfter: response.headers.get('retry-after'),
      })),
    ),
  );
  const limited = answers.filter((answer) => answer.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  expect(limited.every((answer) => answer.body.error?.code === 'RATE_LIMITED' && Number(answer.retryAfter) >= 1)).toBe(
    true,
  );
  const health = await fetch(`${server.url}/health`);
  expect(health.status).toBe(200);
});
