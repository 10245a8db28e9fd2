import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app';
import { call, startRestServer, type RestServer } from './restClient';
import { onPostgres, testStorage } from './support/store';

/** Issue 10, Medium 6 and Low 10: a half-sent request is not held forever, connections are capped, files are private. */

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with what the server sent before closing, and how long it took. */
function closedBy(socket: Socket): Promise<{ received: string; afterMs: number }> {
  const startedAt = Date.now();
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.once('close', () => resolve({ received, afterMs: Date.now() - startedAt })));
}

describe('timeouts and the connection cap', () => {
  let rest: RestServer;
  beforeAll(async () => {
    rest = await startRestServer({
      settings: { headersTimeoutSeconds: 1, requestTimeoutSeconds: 2, maxConnections: 12 },
    });
  });
  afterAll(async () => rest?.stop());

  it('closes a connection whose headers never finish with 408', async () => {
    const socket = await open(rest.url);
    const closed = closedBy(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const { received, afterMs } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(4_000);
  });

  it('closes a request whose body never finishes', async () => {
    const socket = await open(rest.url);
    const closed = closedBy(socket);
    socket.write(
      'POST /v3/oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"grant',
    );
    const { received, afterMs } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(5_000);
  });

  it('closes connections beyond the cap at once, and serves again when they are gone', async () => {
    const held = await Promise.all(Array.from({ length: 12 }, () => open(rest.url)));
    const extra = await open(rest.url);
    const { afterMs } = await closedBy(extra);
    expect(afterMs).toBeLessThan(1_000);
    held.forEach((socket) => socket.destroy());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await call(rest.url, 'GET', '/health')).status).toBe(200);
  });
});

describe('the data folder (Low 10)', () => {
  it('is created 0700, with the database files and the token key 0600', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'dispatch-modes-'));
    const storage = await testStorage('modes', join(parent, 'data'));
    const { dataDir, databaseUrl } = storage;
    const server = await startServer({ port: 0, dataDir, databaseUrl, log: pino({ level: 'silent' }) });
    try {
      // A write, so the WAL and shared-memory files exist too.
      await server.context.pipeline.write(async () => undefined);
      const modeOf = (name: string) => (statSync(join(dataDir, name)).mode & 0o777).toString(8);
      expect(modeOf('.')).toBe('700');
      for (const name of readdirSync(dataDir)) expect([name, modeOf(name)]).toEqual([name, '600']);
      // On PostgreSQL the database, the sessions and the signing key live in the database; whatever else the
      // folder holds is private all the same.
      const expected = onPostgres ? [] : ['dispatch.sqlite', 'dispatch.sqlite-wal', 'dispatch.sqlite-shm', 'token.key'];
      expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(expected));
    } finally {
      await server.close();
      await storage.remove();
      await rm(parent, { recursive: true, force: true });
    }
  });
});
