import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, openConsole, rest, startDemoServer, token, type DemoServer } from './harness';

/**
 * The 'note' change end to end between real consoles (Dexie on fake-indexeddb and the sync engine): one
 * dispatcher's note reaches another dispatcher's confirmed notes table, and so does a job source's REST note.
 */
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(async () => demo?.stop());

test("a dispatcher's note and a job source's REST note reach every console's notes table", async () => {
  const dana = await openConsole(demo.server.url, 'dispatcher@demo.test');
  const marcus = await openConsole(demo.server.url, 'dispatcher2@demo.test');
  try {
    const job = await eventually(
      async () => (await dana.db.jobs.toArray()).find((candidate) => candidate.sourceId !== null),
      'a job sent by a job source',
    );
    const noteId = await dana.commands.addNote(job.id, 'Customer called: use the side door.');
    await eventually(async () => (await dana.db.outbox.count()) === 0, "Dana's outbox to drain");
    const seen = await eventually(() => marcus.db.notes.get(noteId), "Dana's note on Marcus's console");
    expect(seen).toMatchObject({
      jobId: job.id,
      text: 'Customer called: use the side door.',
      authorRole: 'dispatcher',
      source: 'console',
      offline: false,
    });
    expect(seen.version).toBeGreaterThan(0);
    expect(await dana.db.notes.get(noteId)).toEqual(seen);

    const source = await token(demo.server.url, 'enterprise@demo.test');
    const posted = await rest<{ note: { id: string } }>(
      demo.server.url,
      source.token,
      'POST',
      `/jobs/${job.id}/notes`,
      {
        note: { text: 'Warranty covers the part.' },
      },
    );
    expect(posted.status).toBe(201);
    for (const client of [dana, marcus]) {
      const arrived = await eventually(() => client.db.notes.get(posted.body.note.id), 'the REST note');
      expect(arrived).toMatchObject({ authorRole: 'enterprise', source: 'integration' });
    }
  } finally {
    await dana.close();
    await marcus.close();
  }
});
