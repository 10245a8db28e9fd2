import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectGarbage } from '../support/collectGarbage';
import { startInProcess, type InProcessServer } from '../support/server';
import { eventually, isSettled, openConsoleAs, sessionOf } from './harness';

/**
 * A console closed (sign-out, another user signing in, a window's sync handed to another) lets go of everything
 * it held: its sync engine, its socket and both connections to its local database can be collected. Found by the
 * randomized test run with many seeds (`SYNC_SEEDS=1000`), which ran out of memory at ~4.5 MB a seed:
 * socket.io-client kept the first connection to each address, and through its auth callback the whole console.
 */

let server: InProcessServer;

beforeAll(async () => {
  server = await startInProcess({ demo: true });
}, 60_000);

afterAll(async () => {
  await server?.dispose();
});

describe('a closed console', () => {
  test('can be collected: nothing keeps its engine or its databases alive', async () => {
    const session = sessionOf(server, 'dispatcher@demo.test');
    const head = await server.context.store.headSeq('org-coolair');
    const refs = await (async () => {
      const client = await openConsoleAs(server.url, session);
      await eventually(() => isSettled(client, head), 'the console to sync');
      const refs = { engine: new WeakRef(client.engine()!), db: new WeakRef(client.db) };
      await client.close();
      return refs;
    })();
    // Timers and sockets wind down over a few turns of the event loop; collect until they have.
    await eventually(
      async () => {
        collectGarbage();
        await new Promise((resolve) => setTimeout(resolve, 20));
        return !refs.engine.deref() && !refs.db.deref();
      },
      'the closed console’s engine and database to be collected',
      10_000,
    );
    expect(refs.engine.deref()).toBeUndefined();
    expect(refs.db.deref()).toBeUndefined();
  });
});
