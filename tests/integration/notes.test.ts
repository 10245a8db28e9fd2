import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPLETE_REASONS, type Note } from '../../domain';
import { SqliteStore } from '../../server/store/sqlite';
import { SQLITE_SCHEMA } from '../../server/store/sqlite/schema';
import type { WireNote } from '../../server/rest/wire';
import { client, login, ORGS, USERS, startRestServer, type Client, type RestServer, type UserName } from './restClient';
import { SyncClient } from './support/client';
import { itOnSqlite } from './support/store';

/**
 * Notes over REST and the sync socket against the real server and a real SQLite file: who may write them
 * where, their wire shape and order, idempotent retries, refusals that change nothing, a completion's note,
 * and the 'note' change reaching consoles.
 */

const TOMORROW_9 = new Date(Date.UTC(2031, 4, 6, 14, 0, 0)).toISOString();
const PAUSING = DEFAULT_COMPLETE_REASONS.find((reason) => reason.effect === 'pause')!;

let rest: RestServer;
const as = {} as Record<UserName, Client>;

/** An offer from Acme, accepted by CoolAir with Tom's appointment. */
async function acceptedJob(externalId: string) {
  const created = await as.enterprise.post('/v3/jobs', {
    job: {
      title: 'Furnace short-cycling',
      organization_id: ORGS.provider,
      external_ids: [externalId],
      address: { street_1: '5 Oak Ave', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
      customer: { first_name: 'Ana', last_name: 'Ruiz' },
    },
  });
  expect(created.status).toBe(201);
  const jobId = created.body.job.id as string;
  const accepted = await as.dispatcher.post(`/v3/jobs/${jobId}/accept`, {
    appointment: { time: TOMORROW_9, user_id: USERS.technician.id },
  });
  expect(accepted.status).toBe(200);
  return { jobId, appointmentId: accepted.body.appointment.id as string };
}

const notesOf = async (path: string, who = as.dispatcher) => {
  const answer = await who.get<{ notes: WireNote[] }>(`${path}/notes`);
  expect(answer.status).toBe(200);
  return answer.body.notes;
};

beforeAll(async () => {
  rest = await startRestServer();
  for (const [name, user] of Object.entries(USERS))
    as[name as UserName] = client(rest.url, await login(rest.url, user.email));
});

afterAll(async () => {
  await rest?.stop();
});

describe('POST and GET /v3/jobs/:id/notes', () => {
  it('adds a job source note with its author, role, source and clocks, and lists notes newest first', async () => {
    const { jobId, appointmentId } = await acceptedJob('NOTE-1');
    const first = await as.enterprise.post(`/v3/jobs/${jobId}/notes`, {
      note: { text: 'Customer prefers mornings.\nGate code 4411.' },
    });
    expect(first.status).toBe(201);
    expect(first.body.note).toMatchObject({
      job_id: jobId,
      appointment_id: null,
      text: 'Customer prefers mornings.\nGate code 4411.',
      author_user_id: USERS.enterprise.id,
      author_role: 'enterprise',
      source: 'integration',
      offline: false,
    });
    // Written and received on the server's clock, moments apart (the REST call has no clock of its own).
    const { written_at: writtenAt, received_at: receivedAt } = first.body.note;
    expect(Date.parse(receivedAt) - Date.parse(writtenAt)).toBeLessThan(1_000);

    const second = await as.technician.post(`/v3/appointments/${appointmentId}/notes`, {
      note: { text: '  Ordering parts; back Thursday.  ' },
    });
    expect(second.status).toBe(201);
    expect(second.body.note).toMatchObject({
      appointment_id: appointmentId,
      text: 'Ordering parts; back Thursday.',
      author_role: 'technician',
      source: 'mobile',
    });

    const listed = await notesOf(`/v3/jobs/${jobId}`);
    expect(listed.map((note) => note.id)).toEqual([second.body.note.id, first.body.note.id]);
    expect(await notesOf(`/v3/jobs/${jobId}`, as.enterprise)).toEqual(listed);
    expect(await notesOf(`/v3/appointments/${appointmentId}`)).toEqual([second.body.note]);
  });

  it('a retry with the same Idempotency-Key answers the same note and adds no second one', async () => {
    const { jobId } = await acceptedJob('NOTE-2');
    const body = { note: { text: 'Called the customer back.' } };
    const first = await as.dispatcher.post(`/v3/jobs/${jobId}/notes`, body, { idempotencyKey: 'note-key-1' });
    const again = await as.dispatcher.post(`/v3/jobs/${jobId}/notes`, body, { idempotencyKey: 'note-key-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await notesOf(`/v3/jobs/${jobId}`)).map((note) => note.id)).toEqual([first.body.note.id]);
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const { jobId } = await acceptedJob('NOTE-3');
    const refusals: [unknown, string][] = [
      [{ note: { text: '   ' } }, 'note.text'],
      [{ note: { text: 'x'.repeat(5_001) } }, 'note.text'],
      [{ note: { text: 'bell\u0007' } }, 'note.text'],
      [{ note: { text: 'reversed \u202Etxt.exe' } }, 'note.text'],
      [{ note: { text: 'ok', author: 'me' } }, 'note'],
      [{ text: 'no envelope' }, 'note'],
    ];
    for (const [body, field] of refusals) {
      const answer = await as.dispatcher.post(`/v3/jobs/${jobId}/notes`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('INVALID_ARGS');
      expect(answer.body.error.message).toContain(field);
    }
    const { body } = await as.dispatcher.post(`/v3/jobs/${jobId}/notes`, { note: { id: 'note-fixed', text: 'one' } });
    const taken = await as.dispatcher.post(`/v3/jobs/${jobId}/notes`, { note: { id: 'note-fixed', text: 'two' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('ALREADY_EXISTS');
    expect(await notesOf(`/v3/jobs/${jobId}`)).toEqual([body.note]);
  });

  it('answers 404 for a job or visit the caller cannot see, and 403 for a technician without a visit on it', async () => {
    const { jobId, appointmentId } = await acceptedJob('NOTE-4');
    const note = { note: { text: 'Not yours.' } };
    for (const who of [as.otherEnterprise, as.otherDispatcher]) {
      expect((await who.post(`/v3/jobs/${jobId}/notes`, note)).status).toBe(404);
      expect((await who.get(`/v3/jobs/${jobId}/notes`)).status).toBe(404);
      expect((await who.post(`/v3/appointments/${appointmentId}/notes`, note)).status).toBe(404);
    }
    expect((await as.dispatcher.post('/v3/jobs/job-that-never-was/notes', note)).body.error.code).toBe('NOT_FOUND');
    // Tina has no visit on this job: she may not write on it, nor on Tom's visit (which she cannot see).
    const onJob = await as.otherTechnician.post(`/v3/jobs/${jobId}/notes`, note);
    expect(onJob.status).toBe(403);
    expect(onJob.body.error.code).toBe('FORBIDDEN');
    expect((await as.otherTechnician.post(`/v3/appointments/${appointmentId}/notes`, note)).status).toBe(404);
    // Tom, who has the visit, may write on the job itself.
    expect((await as.technician.post(`/v3/jobs/${jobId}/notes`, note)).status).toBe(201);
    expect(await notesOf(`/v3/jobs/${jobId}`)).toHaveLength(1);
  });
});

describe('a completion with a note', () => {
  it('PATCH status complete with a note records the reason and the note on the visit', async () => {
    const { jobId, appointmentId } = await acceptedJob('NOTE-5');
    const done = await as.technician.patch(`/v3/appointments/${appointmentId}`, {
      appointment: { status: 'complete', complete_reason_id: PAUSING.id, note: 'Ordering parts.' },
    });
    expect(done.status).toBe(200);
    expect(done.body.appointment).toMatchObject({ status: 'complete', complete_reason_id: PAUSING.id });
    const [note] = await notesOf(`/v3/appointments/${appointmentId}`);
    expect(note).toMatchObject({ text: 'Ordering parts.', author_role: 'technician', source: 'mobile' });
    expect(await notesOf(`/v3/jobs/${jobId}`)).toEqual([note]);
  });

  it('a note without status complete is refused and changes nothing', async () => {
    const { appointmentId } = await acceptedJob('NOTE-6');
    const answer = await as.dispatcher.patch(`/v3/appointments/${appointmentId}`, {
      appointment: { status: 'enroute', note: 'On the way.' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_ARGS');
    expect((await as.dispatcher.get(`/v3/appointments/${appointmentId}`)).body.appointment.status).toBe('scheduled');
    expect(await notesOf(`/v3/appointments/${appointmentId}`)).toEqual([]);
  });
});

describe('notes over the sync socket', () => {
  it("a console's note.add is applied and broadcast as a 'note' change; REST notes reach consoles too", async () => {
    const { jobId, appointmentId } = await acceptedJob('NOTE-7');
    const dispatcher = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    const other = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    try {
      const writtenAt = Date.now() - 10 * 60_000;
      const answer = await dispatcher.push([
        {
          id: 1,
          name: 'note.add',
          args: { noteId: 'note-console-1', jobId, appointmentId, text: 'Left a voicemail.' },
          createdAt: writtenAt,
          offline: true,
        },
      ]);
      expect(answer.results[0]).toMatchObject({ status: 'applied' });
      const seen = await other.waitForBroadcast((changes) => changes.some((change) => change.kind === 'note'));
      expect(seen.find((change) => change.kind === 'note')).toMatchObject({
        id: 'note-console-1',
        data: {
          jobId,
          appointmentId,
          text: 'Left a voicemail.',
          authorRole: 'dispatcher',
          source: 'console',
          writtenAt,
          offline: true,
        },
      });
      const [listed] = await notesOf(`/v3/jobs/${jobId}`);
      expect(listed).toMatchObject({
        id: 'note-console-1',
        offline: true,
        written_at: new Date(writtenAt).toISOString(),
      });
      expect(Date.parse(listed.received_at)).toBeGreaterThan(writtenAt);

      // The same id again is refused; the first note stands.
      const again = await dispatcher.push([
        { id: 2, name: 'note.add', args: { noteId: 'note-console-1', jobId, text: 'Again.' }, createdAt: Date.now() },
      ]);
      expect(again.results[0]).toMatchObject({ status: 'rejected', code: 'ALREADY_EXISTS' });

      // A job source's REST note enters the provider's log as well as its own.
      const viaRest = await as.enterprise.post(`/v3/jobs/${jobId}/notes`, { note: { text: 'Warranty approved.' } });
      const { changes } = await other.pullAll(0);
      const notes = changes.filter((change) => change.kind === 'note').map((change) => change.id);
      expect(notes).toEqual(expect.arrayContaining(['note-console-1', viaRest.body.note.id]));
      const source = await SyncClient.connect(rest.url, await login(rest.url, USERS.enterprise.email));
      try {
        const sourceNotes = (await source.pullAll(0)).changes.filter((change) => change.kind === 'note');
        expect(sourceNotes.map((change) => change.id)).toEqual(expect.arrayContaining(notes));
      } finally {
        source.socket.disconnect();
      }
    } finally {
      dispatcher.socket.disconnect();
      other.socket.disconnect();
    }
  });
});

itOnSqlite('a database from before notes opens at the current schema version and keeps notes', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'dispatch-notes-migrate-'));
  const file = join(folder, 'dispatch.sqlite');
  const before = new Database(file);
  before.exec(
    SQLITE_SCHEMA.replace(/CREATE TABLE IF NOT EXISTS notes \([^;]*;\nCREATE INDEX IF NOT EXISTS notes_job[^;]*;/, ''),
  );
  before.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', '2')").run();
  expect(before.prepare("SELECT name FROM sqlite_master WHERE name = 'notes'").get()).toBeUndefined();
  before.close();
  const note: Note = {
    id: 'note-old-db',
    organizationId: ORGS.provider,
    jobId: 'job-old',
    text: 'Kept.',
    authorUserId: null,
    authorName: 'Dispatch',
    authorRole: 'system',
    source: 'system',
    writtenAt: 1,
    receivedAt: 2,
    offline: false,
    version: 1,
  };
  const store = new SqliteStore(file);
  try {
    await store.transaction((tx) => tx.appendNote(note));
    expect(await store.notesOfJob('job-old')).toEqual([note]);
  } finally {
    await store.close();
  }
  const after = new Database(file, { readonly: true });
  expect(after.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: '3' });
  after.close();
  await rm(folder, { recursive: true, force: true });
});
