import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { fullName, type Actor } from '../../../domain';
import { startServer, type RunningServer } from '../../../server/app';
import { loadDemo } from '../../../server/demo';
import { openSyncClient, type SyncClient, type SyncClientOptions } from '../../../renderer/sync/client';

export interface DemoServer {
  server: RunningServer;
  dataDir: string;
  stop(): Promise<void>;
}

/** The real sync server, in this process, on 127.0.0.1, on a fresh SQLite file with the demo loaded. */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-client-'));
  const server = await startServer({ port: 0, dataDir, log: pino({ level: 'silent' }) });
  await loadDemo(server.context);
  return {
    server,
    dataDir,
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function token(url: string, email: string): Promise<{ token: string; actor: Actor }> {
  const response = await fetch(`${url}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: email, password: 'demo1234' }),
  });
  const body = (await response.json()) as { access_token: string; user: { id: string; organization_id: string; first_name: string; last_name: string } };
  if (!response.ok) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return {
    token: body.access_token,
    actor: { userId: body.user.id, name: fullName({ firstName: body.user.first_name, lastName: body.user.last_name }), role: 'dispatcher', organizationId: body.user.organization_id, source: 'console' },
  };
}

let databaseCounter = 0;

/** A console's data layer (Dexie on fake-indexeddb + the sync engine) signed in as `email`. */
export async function openConsole(url: string, email: string, overrides: Partial<SyncClientOptions> = {}): Promise<SyncClient> {
  const session = await token(url, email);
  return openSyncClient({
    serverUrl: url,
    actor: session.actor,
    getToken: async () => session.token,
    databaseName: `test-${process.pid}-${++databaseCounter}`,
    ...overrides,
    engine: { socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200 }, ...overrides.engine },
  });
}

/** Waits until `check` holds, polling; fails with `what` after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
