import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, token, type DemoServer } from './client/harness';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(async () => demo?.stop());

test('a flood of REST requests is slowed with 429 RATE_LIMITED, and the server keeps answering', async () => {
  const { token: bearer } = await token(demo.server.url, 'dispatcher@demo.test');
  const statuses = await Promise.all(
    Array.from({ length: 1500 }, () =>
      fetch(`${demo.server.url}/v3/users/me`, { headers: { authorization: `Bearer ${bearer}` } }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { error?: { code: string } },
        retryAfter: response.headers.get('retry-after'),
      })),
    ),
  );
  const limited = statuses.filter((answer) => answer.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  expect(limited.every((answer) => answer.body.error?.code === 'RATE_LIMITED' && Number(answer.retryAfter) >= 1)).toBe(true);
  expect(statuses.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(600);
  const health = await fetch(`${demo.server.url}/health`);
  expect(health.status).toBe(200);
});
