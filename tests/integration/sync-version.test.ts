import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROTOCOL_MISMATCH, PROTOCOL_VERSION, UPDATE_NEEDED_WORDS } from '../../domain/protocol';
import { readMeta } from '../../renderer/data/outbox';
import {
  createOwnJob,
  eventually,
  FUTURE,
  newDatabaseName,
  openConsoleAs,
  startDemoServer,
  storedOutcomes,
  token,
  type DemoServer,
  type Session,
} from './client/harness';
import { HandshakeRefused, SyncClient } from './support/client';

/**
 * Protocol versions (server/PROTOCOL.md, "Versions"): a console and a server of different versions do
 * not talk. The server refuses the handshake with a stable code and its own version; the console says
 * which side needs an update, sends nothing and keeps its outbox.
 */
let demo: DemoServer;
let dispatcher: Session;

beforeAll(async () => {
  demo = await startDemoServer();
  dispatcher = await token(demo.server.url, 'dispatcher@demo.test');
}, 60_000);
afterAll(async () => demo?.stop());

async function refusal(protocol: unknown, bearer = dispatcher.token): Promise<HandshakeRefused> {
  const error = await SyncClient.connect(demo.server.url, bearer, { protocol }).then(
    (client) => {
      client.close();
      throw new Error(`protocol ${JSON.stringify(protocol)} was accepted`);
    },
    (refused: unknown) => refused,
  );
  expect(error).toBeInstanceOf(HandshakeRefused);
  return error as HandshakeRefused;
}

describe('the handshake names a protocol version', () => {
  test('a socket of this version, or of none (consoles before versioning), is greeted with the server version', async () => {
    for (const protocol of [PROTOCOL_VERSION, undefined]) {
      const client = await SyncClient.connect(demo.server.url, dispatcher.token, { protocol });
      try {
        expect(client.hello).toMatchObject({ protocol: PROTOCOL_VERSION, organizationId: 'org-coolair' });
      } finally {
        client.close();
      }
    }
  });

  test('another version is refused with PROTOCOL_MISMATCH, the server version and the side that needs an update', async () => {
    const newer = await refusal(PROTOCOL_VERSION + 1);
    expect(newer.data).toEqual({
      code: PROTOCOL_MISMATCH,
      protocol: PROTOCOL_VERSION,
      message: expect.stringContaining(UPDATE_NEEDED_WORDS.server),
    });
    const older = await refusal(PROTOCOL_VERSION - 1);
    expect(older.data).toEqual({
      code: PROTOCOL_MISMATCH,
      protocol: PROTOCOL_VERSION,
      message: expect.stringContaining(UPDATE_NEEDED_WORDS.console),
    });
    // Checked before the token: a console of another version may not even send its token our way.
    expect((await refusal(PROTOCOL_VERSION + 1, 'not-a-token')).data?.code).toBe(PROTOCOL_MISMATCH);
    for (const nonsense of ['1', 1.5, -1, null, { major: 1 }]) {
      expect((await refusal(nonsense)).data, JSON.stringify(nonsense)).toMatchObject({
        code: PROTOCOL_MISMATCH,
        protocol: PROTOCOL_VERSION,
      });
    }
  });
});

describe('a console of another version', () => {
  test.each([
    ['newer', PROTOCOL_VERSION + 1, 'server'],
    ['older', PROTOCOL_VERSION - 1, 'console'],
  ] as const)(
    '%s than its server says which side needs an update, sends nothing and keeps its outbox',
    async (_, protocolVersion, side) => {
      const url = demo.server.url;
      const jobId = await createOwnJob(url, dispatcher.token, `Version check ${side}`);
      const databaseName = newDatabaseName();
      // First the same version: the console learns the job.
      const current = await openConsoleAs(url, dispatcher, { databaseName });
      await eventually(async () => current.db.jobs.get(jobId), 'the new job on the console');
      await current.close();

      const other = await openConsoleAs(url, dispatcher, { databaseName, engine: { protocolVersion } });
      try {
        await other.commands.schedule(jobId, { technicianId: 'u-tech1', start: FUTURE, durationMinutes: 60 });
        await eventually(
          async () => other.status.get().updateNeeded === side,
          `the status to say the ${side} needs an update`,
        );
        expect(other.status.get()).toMatchObject({
          state: 'offline',
          updateNeeded: side,
          error: UPDATE_NEEDED_WORDS[side],
        });
        // Nothing sent: the server knows no command of this client; the outbox still holds it.
        const { clientId } = await readMeta(other.db);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await storedOutcomes(demo, clientId)).lastProcessedId).toBe(0);
        expect(await other.db.outbox.count()).toBe(1);
        expect(other.engine()?.connected).toBe(false);
      } finally {
        await other.close();
      }

      // Updated (the same version again), the kept command is sent and applied.
      const updated = await openConsoleAs(url, dispatcher, { databaseName });
      try {
        await eventually(async () => (await updated.db.outbox.count()) === 0, 'the kept command to be sent');
        expect(await demo.server.context.store.appointmentsOfJob(jobId)).toMatchObject([
          { technicianId: 'u-tech1', start: FUTURE },
        ]);
        expect(updated.status.get().updateNeeded).toBe(null);
      } finally {
        await updated.close();
      }
    },
  );
});
