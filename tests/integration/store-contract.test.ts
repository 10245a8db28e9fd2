import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ActivityEvent,
  Appointment,
  CompleteReason,
  Customer,
  CustomerNotification,
  Job,
  Note,
  Organization,
} from '../../domain';
import { PgStore } from '../../server/store/postgres';
import { SqliteStore } from '../../server/store/sqlite';
import type { Change, Store, StoredUser, Tx } from '../../server/store/types';
import { freshDatabase, withoutPostgres } from './support/postgres';

/**
 * The store contract: the same cases against SQLite (a real file) and PostgreSQL (a fresh database in the
 * test cluster), so the pipeline can rely on one behaviour whichever store the operator chose.
 */
interface Harness {
  store: Store;
  /** Closes the store and opens the same database again (a restart). */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

const backends: { name: string; skip: boolean; open(): Promise<Harness> }[] = [
  {
    name: 'SQLite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
      const file = join(dir, 'dispatch.sqlite');
      const harness: Harness = {
        store: new SqliteStore(file),
        async reopen() {
          await harness.store.close();
          return (harness.store = new SqliteStore(file));
        },
        async dispose() {
          await harness.store.close().catch(() => undefined);
          rmSync(dir, { recursive: true, force: true });
        },
      };
      return harness;
    },
  },
  {
    name: 'PostgreSQL',
    skip: withoutPostgres('the store contract on PostgreSQL'),
    async open() {
      const database = await freshDatabase();
      const harness: Harness = {
        store: await PgStore.open(database.url),
        async reopen() {
          await harness.store.close();
          return (harness.store = await PgStore.open(database.url));
        },
        async dispose() {
          await harness.store.close().catch(() => undefined);
          await database.drop();
        },
      };
      return harness;
    },
  },
];

const T0 = Date.UTC(2031, 2, 3, 14);

const organization = (id: string, name = id) => ({ id, name, kind: 'provider', version: 0 }) as unknown as Organization;
const user = (id: string, organizationId: string, email: string): StoredUser =>
  ({
    id,
    organizationId,
    email,
    firstName: id,
    roles: ['dispatcher'],
    version: 0,
    passwordHash: `hash-${id}`,
  }) as unknown as StoredUser;
const customer = (id: string, organizationId: string): Customer => ({
  id,
  organizationId,
  firstName: id,
  phoneNumbers: [],
  version: 1,
});
const job = (id: string, overrides: Partial<Job> = {}): Job =>
  ({
    id,
    organizationId: 'org-a',
    sourceId: null,
    customerId: 'c-1',
    title: `Job ${id}`,
    address: { street: '1 Main St' },
    timeWindows: [],
    lifecycle: 'open',
    createdAt: T0,
    version: 1,
    ...overrides,
  }) as Job;
const appointment = (id: string, overrides: Partial<Appointment> = {}): Appointment => ({
  id,
  jobId: 'j-1',
  organizationId: 'org-a',
  technicianId: null,
  start: T0,
  durationMinutes: 60,
  status: 'scheduled',
  version: 1,
  ...overrides,
});
const reason = (id: string, label = id): CompleteReason => ({ id, sourceId: null, label, effect: 'complete' });
const activity = (id: string, receivedAt: number): ActivityEvent => ({
  id,
  organizationId: 'org-a',
  jobId: 'j-1',
  kind: 'job.note',
  summary: id,
  actorUserId: null,
  actorName: 'System',
  actorRole: 'system',
  source: 'system',
  occurredAt: receivedAt,
  receivedAt,
  offline: false,
  version: 1,
});
const note = (id: string, receivedAt: number): Note => ({
  id,
  organizationId: 'org-a',
  jobId: 'j-1',
  text: id,
  authorUserId: null,
  authorName: 'System',
  authorRole: 'system',
  source: 'system',
  writtenAt: receivedAt,
  receivedAt,
  offline: false,
  version: 1,
});
const notification = (id: string): CustomerNotification => ({
  id,
  organizationId: 'org-a',
  jobId: 'j-1',
  appointmentId: 'a-1',
  customerId: 'c-1',
  channel: 'sms',
  to: null,
  body: id,
  createdAt: T0,
  version: 1,
});
const ids = (items: { id: string }[]) => items.map((item) => item.id);

for (const backend of backends) {
  describe.skipIf(backend.skip)(`store contract: ${backend.name}`, () => {
    let harness: Harness;
    let store: Store;
    beforeEach(async () => {
      harness = await backend.open();
      store = harness.store;
    });
    afterEach(() => harness.dispose());

    it('entities written in a transaction read back whole, inside it and after COMMIT', async () => {
      const theJob = job('j-1', { externalIds: ['EXT-1'], sourceId: 'org-src' });
      await store.transaction(async (tx) => {
        await tx.putCustomer(customer('c-1', 'org-a'));
        await tx.putJob(theJob, 'scheduled');
        await tx.putAppointment(appointment('a-2', { start: T0 + 2 }), 'org-src');
        await tx.putAppointment(appointment('a-1', { start: T0 + 1 }), 'org-src');
        expect(await tx.getJob('j-1')).toEqual(theJob);
        expect(await store.getJob('j-1')).toBeUndefined();
      });
      expect(await store.getJob('j-1')).toEqual(theJob);
      expect(await store.getCustomer('c-1')).toEqual(customer('c-1', 'org-a'));
      expect(await store.getAppointment('a-1')).toEqual(appointment('a-1', { start: T0 + 1 }));
      expect(ids(await store.appointmentsOfJob('j-1'))).toEqual(['a-1', 'a-2']);
      expect(await store.sourcesOfCustomer('org-a', 'c-1')).toEqual(['org-src']);
      expect(await store.getJob('missing')).toBeUndefined();

      // A rewrite replaces the row (upsert), it does not add one.
      await store.transaction(async (tx) => tx.putJob({ ...theJob, title: 'Renamed', version: 2 }, 'complete'));
      expect((await store.getJob('j-1'))?.title).toBe('Renamed');
      expect((await store.listJobs({ limit: 10, offset: 0 })).total).toBe(1);
    });

    it('what a command reads (job, appointments, customer, client progress) is what survived a rollback', async () => {
      // Read first, so a store that remembers its reads (SQLite's writer) has them all in memory.
      const readAll = async (tx: Tx) => ({
        job: await tx.getJob('j-1'),
        appointment: await tx.getAppointment('a-1'),
        appointments: ids(await tx.appointmentsOfJob('j-1')),
        customer: await tx.getCustomer('c-1'),
        client: await tx.getClient('client-1'),
      });
      const committed = {
        job: job('j-1'),
        appointment: appointment('a-1'),
        appointments: ['a-1'],
        customer: customer('c-1', 'org-a'),
        client: { userId: 'u-1', lastProcessedId: 1 },
      };
      await store.transaction(async (tx) => {
        await tx.putCustomer(customer('c-1', 'org-a'));
        await tx.putJob(job('j-1'), 'scheduled');
        await tx.putAppointment(appointment('a-1'), null);
        await tx.setClientProgress('client-1', 'u-1', 1);
      });
      const rewrite = async (tx: Tx) => {
        await tx.putCustomer({ ...customer('c-1', 'org-a'), firstName: 'Renamed', version: 2 });
        await tx.putJob(job('j-1', { title: 'Renamed', version: 2 }), 'scheduled');
        await tx.putAppointment(appointment('a-1', { start: T0 + 5, version: 2 }), null);
        await tx.putAppointment(appointment('a-0', { start: T0 - 5, version: 2 }), null);
        await tx.setClientProgress('client-1', 'u-1', 2);
        // Inside, the transaction reads its own writes (an appointment added to the job's list in order).
        expect(await readAll(tx)).toMatchObject({
          job: { title: 'Renamed' },
          appointment: { start: T0 + 5 },
          appointments: ['a-0', 'a-1'],
          customer: { firstName: 'Renamed' },
          client: { userId: 'u-1', lastProcessedId: 2 },
        });
      };
      await store.transaction(async (tx) => {
        expect(await readAll(tx)).toEqual(committed);
        await expect(
          tx.savepoint(async () => {
            await rewrite(tx);
            throw new Error('the command failed');
          }),
        ).rejects.toThrow('the command failed');
        expect(await readAll(tx)).toEqual(committed);
      });
      await expect(
        store.transaction(async (tx) => {
          await rewrite(tx);
          throw new Error('the group failed');
        }),
      ).rejects.toThrow('the group failed');
      await store.transaction(async (tx) => expect(await readAll(tx)).toEqual(committed));
      // A client's progress keeps the user who first claimed the client id, as the row does.
      await store.transaction(async (tx) => tx.setClientProgress('client-1', 'u-2', 3));
      await store.transaction(async (tx) =>
        expect(await tx.getClient('client-1')).toEqual({ userId: 'u-1', lastProcessedId: 3 }),
      );
      // Committed writes stand, in the transaction's reads and after a restart.
      await store.transaction(rewrite);
      store = await harness.reopen();
      await store.transaction(async (tx) => expect(await readAll(tx)).toMatchObject({ appointments: ['a-0', 'a-1'] }));
    });

    it('text of any shape is stored exactly: quotes, backslashes, placeholders, line breaks, emoji', async () => {
      const awkward = `O'Brien's \\ "boiler" $1 $$ $2$ E'\\x' ; DROP TABLE jobs; --\n\u2028 🚀 \\'`;
      const theJob = job(`j-'${awkward.length}`, { title: awkward, externalIds: [awkward] });
      await store.transaction(async (tx) => {
        await tx.putJob(theJob, 'unscheduled');
        await tx.appendChanges('org-a', [{ seq: await tx.nextSeq('org-a'), kind: 'job', id: theJob.id, data: theJob }]);
        await tx.saveIdempotentResponse("u-'1", awkward, awkward, 200, { awkward }, T0);
      });
      expect(await store.getJob(theJob.id)).toEqual(theJob);
      expect((await store.changesAfter('org-a', 0, 10))[0].data).toEqual(theJob);
      expect(ids((await store.listJobs({ externalId: awkward, limit: 10, offset: 0 })).items)).toEqual([theJob.id]);
      expect(await store.getIdempotentResponse("u-'1", awkward)).toMatchObject({
        fingerprint: awkward,
        body: { awkward },
      });
      expect((await store.listJobs({ limit: 10, offset: 0 })).total).toBe(1);
    });

    it("a job's activity in arrival order, its notes newest first, its notifications in order", async () => {
      await store.transaction(async (tx) => {
        await tx.appendActivity(activity('ev-b', T0 + 5));
        await tx.appendActivity(activity('ev-a', T0 + 1));
        await tx.appendActivity(activity('ev-c', T0 + 5));
        await tx.appendNote(note('n-old', T0));
        await tx.appendNote(note('n-first', T0 + 9));
        await tx.appendNote(note('n-second', T0 + 9));
        await tx.appendNotification(notification('sms-2'));
        await tx.appendNotification(notification('sms-1'));
      });
      expect(ids(await store.activityOfJob('j-1'))).toEqual(['ev-a', 'ev-b', 'ev-c']);
      expect(ids(await store.notesOfJob('j-1'))).toEqual(['n-second', 'n-first', 'n-old']);
      expect(await store.getNote('n-old')).toEqual(note('n-old', T0));
      expect(ids(await store.notificationsOfJob('j-1'))).toEqual(['sms-2', 'sms-1']);
      expect(await store.activityOfJob('j-2')).toEqual([]);
    });

    it('listJobs filters and pages, newest first, with the total of the filter', async () => {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 5; i++)
          await tx.putJob(
            job(`j-${i}`, { createdAt: T0 + i, customerId: `c-${i % 2}` }),
            i < 2 ? 'unscheduled' : 'complete',
          );
        await tx.putJob(job('j-src', { sourceId: 'org-src', externalIds: ['W-77', 'W-78'], createdAt: T0 }), 'offered');
        await tx.putJob(job('j-b', { organizationId: 'org-b', createdAt: T0 + 9 }), 'unscheduled');
      });
      const all = await store.listJobs({ limit: 100, offset: 0 });
      expect(all.total).toBe(7);
      expect(ids(all.items)).toEqual(['j-b', 'j-4', 'j-3', 'j-2', 'j-1', 'j-0', 'j-src']);
      const page = await store.listJobs({ organizationIds: ['org-a'], limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 6 });
      expect(ids(page.items)).toEqual(['j-3', 'j-2']);
      expect((await store.listJobs({ organizationIds: ['org-a'], limit: 2, offset: 10 })).items).toEqual([]);
      expect((await store.listJobs({ organizationIds: ['org-a'], limit: 2, offset: 10 })).total).toBe(6);
      expect(ids((await store.listJobs({ sourceId: 'org-src', limit: 10, offset: 0 })).items)).toEqual(['j-src']);
      expect(ids((await store.listJobs({ displayStatusIn: ['unscheduled'], limit: 10, offset: 0 })).items)).toEqual([
        'j-b',
        'j-1',
        'j-0',
      ]);
      const notDone = await store.listJobs({
        organizationIds: ['org-a'],
        displayStatusNotIn: ['complete', 'offered'],
        limit: 10,
        offset: 0,
      });
      expect(ids(notDone.items)).toEqual(['j-1', 'j-0']);
      expect(
        ids(
          (await store.listJobs({ organizationIds: ['org-a'], customerIdIn: ['c-1', 'c-9'], limit: 10, offset: 0 }))
            .items,
        ),
      ).toEqual(['j-3', 'j-1', 'j-src']);
      expect(ids((await store.listJobs({ externalId: 'W-78', limit: 10, offset: 0 })).items)).toEqual(['j-src']);
      expect((await store.listJobs({ externalId: 'W-7', limit: 10, offset: 0 })).total).toBe(0);
      expect((await store.listJobs({ organizationIds: [], limit: 10, offset: 0 })).total).toBe(0);
    });

    it('listAppointments filters by job, status, technician and time, ordered by start; listCustomers by source', async () => {
      await store.transaction(async (tx) => {
        await tx.putAppointment(appointment('a-3', { start: T0 + 3, technicianId: 'u-1' }), null);
        await tx.putAppointment(appointment('a-1', { start: T0 + 1, technicianId: 'u-2' }), null);
        await tx.putAppointment(appointment('a-2', { start: T0 + 2, status: 'complete' }), null);
        await tx.putAppointment(appointment('a-4', { start: T0 + 2, jobId: 'j-src' }), 'org-src');
        await tx.putCustomer(customer('c-1', 'org-a'));
        await tx.putCustomer(customer('c-2', 'org-a'));
        await tx.putJob(job('j-src', { sourceId: 'org-src', customerId: 'c-2' }), 'scheduled');
      });
      const list = async (filter: object) =>
        ids((await store.listAppointments({ limit: 100, offset: 0, ...filter })).items);
      expect(await list({})).toEqual(['a-1', 'a-2', 'a-4', 'a-3']);
      expect(await list({ jobIdIn: ['j-1'], statusIn: ['scheduled'] })).toEqual(['a-1', 'a-3']);
      expect(await list({ technicianIdIn: ['u-1', 'u-2'] })).toEqual(['a-1', 'a-3']);
      expect(await list({ technicianIdNull: true })).toEqual(['a-2', 'a-4']);
      expect(await list({ timeGt: T0 + 1, timeLt: T0 + 3 })).toEqual(['a-2', 'a-4']);
      expect(await list({ timeGte: T0 + 2, timeLte: T0 + 3 })).toEqual(['a-2', 'a-4', 'a-3']);
      expect(await list({ sourceId: 'org-src' })).toEqual(['a-4']);
      expect(await store.listAppointments({ organizationIds: ['org-a'], limit: 1, offset: 3 })).toMatchObject({
        total: 4,
        items: [{ id: 'a-3' }],
      });
      expect(ids((await store.listCustomers(['org-a'], undefined, 10, 0)).items)).toEqual(['c-1', 'c-2']);
      expect(await store.listCustomers(undefined, 'org-src', 10, 0)).toMatchObject({
        total: 1,
        items: [{ id: 'c-2' }],
      });
      expect(await store.isCompleteReasonUsed('r-1')).toBe(false);
      await store.transaction((tx) =>
        tx.putAppointment(appointment('a-2', { status: 'complete', completeReasonId: 'r-1' }), null),
      );
      expect(await store.isCompleteReasonUsed('r-1')).toBe(true);
    });

    it('changesAfter pages the log without splitting a commit, and sends a commit larger than a page whole', async () => {
      const commit = (seq: number, count: number): Change[] =>
        Array.from({ length: count }, (_, idx) => ({ seq, kind: 'job', id: `j-${seq}-${idx}`, data: { idx } }));
      await store.transaction(async (tx) => {
        for (const count of [2, 3, 1, 5]) {
          const seq = await tx.nextSeq('org-a');
          await tx.appendChanges('org-a', commit(seq, count));
        }
      });
      const seqs = (changes: Change[]) => changes.map((change) => change.seq);
      expect(seqs(await store.changesAfter('org-a', 0, 4))).toEqual([1, 1]);
      // A full page may end inside a commit: its last seq waits for the next page.
      expect(seqs(await store.changesAfter('org-a', 1, 4))).toEqual([2, 2, 2]);
      expect(seqs(await store.changesAfter('org-a', 1, 5))).toEqual([2, 2, 2, 3]);
      expect(await store.changesAfter('org-a', 3, 2)).toEqual(commit(4, 5));
      expect(await store.changesAfter('org-a', 4, 10)).toEqual([]);
      expect(await store.changesAfter('org-b', 0, 10)).toEqual([]);
      expect(await store.headSeq('org-a')).toBe(4);
    });

    it('nextSeq is gapless: a rolled-back savepoint gives its numbers back, a failed transaction all of them', async () => {
      await store.transaction(async (tx) => {
        expect(await tx.nextSeq('org-a')).toBe(1);
        await expect(
          tx.savepoint(async () => {
            expect(await tx.nextSeq('org-a')).toBe(2);
            expect(await tx.nextSeq('org-b')).toBe(1);
            throw new Error('a write failed');
          }),
        ).rejects.toThrow('a write failed');
        expect(await tx.nextSeq('org-a')).toBe(2);
        expect(await tx.headSeq('org-a')).toBe(2);
        expect(await tx.headSeq('org-b')).toBe(0);
        expect(await store.headSeq('org-a')).toBe(0);
      });
      expect(await store.headSeq('org-a')).toBe(2);
      await expect(
        store.transaction(async (tx) => {
          await tx.nextSeq('org-a');
          await tx.nextSeq('org-b');
          throw new Error('commit never happens');
        }),
      ).rejects.toThrow('commit never happens');
      expect(await store.headSeq('org-a')).toBe(2);
      expect(await store.headSeq('org-b')).toBe(0);
      store = await harness.reopen();
      await store.transaction(async (tx) => expect(await tx.nextSeq('org-a')).toBe(3));
    });

    it('transactions never interleave, and a failed one leaves the next one working', async () => {
      const order: string[] = [];
      const slow = store.transaction(async (tx) => {
        order.push('first begins');
        await tx.nextSeq('org-a');
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push('first ends');
      });
      const failing = store.transaction(async () => {
        order.push('second');
        throw new Error('refused');
      });
      const third = store.transaction(async (tx) => {
        order.push('third');
        return tx.nextSeq('org-a');
      });
      await slow;
      await expect(failing).rejects.toThrow('refused');
      expect(await third).toBe(2);
      expect(order).toEqual(['first begins', 'first ends', 'second', 'third']);
    });

    it('command outcomes, client progress and idempotency records are kept and pruned', async () => {
      await store.transaction(async (tx) => {
        for (let id = 1; id <= 3; id++)
          await tx.saveCommandOutcome('client-1', { id, status: 'applied', seq: id }, T0 + id);
        await tx.saveCommandOutcome('client-2', { id: 1, status: 'rejected', code: 'STALE_VERSION' } as never, T0);
        await tx.setClientProgress('client-1', 'u-1', 3);
        await tx.saveIdempotentResponse('u-1', 'key-1', 'fp-1', 201, { ok: true }, T0);
        await tx.saveIdempotentResponse('u-1', 'key-2', 'fp-2', 200, [1, 2], T0 + 10);
      });
      expect(await store.getCommandOutcome('client-1', 2)).toEqual({ id: 2, status: 'applied', seq: 2 });
      expect(await store.getClient('client-1')).toEqual({ userId: 'u-1', lastProcessedId: 3 });
      expect(await store.getClient('client-9')).toBeUndefined();
      expect(await store.getIdempotentResponse('u-1', 'key-1')).toEqual({
        fingerprint: 'fp-1',
        statusCode: 201,
        body: { ok: true },
        createdAt: T0,
      });
      await store.transaction(async (tx) => {
        await tx.setClientProgress('client-1', 'u-1', 5);
        await tx.pruneCommandOutcomes('client-1', 1);
        await tx.pruneCommandOutcomesBefore(T0 + 3);
        await tx.pruneIdempotency(T0 + 1);
      });
      expect(await store.getClient('client-1')).toEqual({ userId: 'u-1', lastProcessedId: 5 });
      expect(await store.getCommandOutcome('client-1', 1)).toBeUndefined();
      expect(await store.getCommandOutcome('client-1', 2)).toBeUndefined();
      expect(await store.getCommandOutcome('client-1', 3)).toMatchObject({ id: 3 });
      expect(await store.getCommandOutcome('client-2', 1)).toBeUndefined();
      expect(await store.getIdempotentResponse('u-1', 'key-1')).toBeUndefined();
      expect(await store.getIdempotentResponse('u-1', 'key-2')).toMatchObject({ body: [1, 2] });
    });

    it('onRollback undoes run newest first for a rolled-back savepoint or transaction, never after COMMIT', async () => {
      const undone: string[] = [];
      await store.transaction(async (tx) => {
        tx.onRollback(() => undone.push('kept'));
        await expect(
          tx.savepoint(async () => {
            tx.onRollback(() => undone.push('inner 1'));
            tx.onRollback(() => undone.push('inner 2'));
            throw new Error('refused');
          }),
        ).rejects.toThrow();
        await tx.savepoint(async () => tx.onRollback(() => undone.push('released')));
      });
      expect(undone).toEqual(['inner 2', 'inner 1']);
      undone.length = 0;
      await expect(
        store.transaction(async (tx) => {
          tx.onRollback(() => undone.push('first'));
          await tx.savepoint(async () => tx.onRollback(() => undone.push('second')));
          throw new Error('the whole transaction fails');
        }),
      ).rejects.toThrow();
      expect(undone).toEqual(['second', 'first']);
    });

    it('a failed statement inside a savepoint undoes only that savepoint', async () => {
      await store.transaction(async (tx) => {
        await tx.saveCommandOutcome('client-1', { id: 1, status: 'applied', seq: 1 }, T0);
        // Saving the same outcome twice breaks the primary key: the database refuses the statement.
        await expect(
          tx.savepoint(() => tx.saveCommandOutcome('client-1', { id: 1, status: 'applied', seq: 1 }, T0)),
        ).rejects.toThrow();
        await tx.saveCommandOutcome('client-1', { id: 2, status: 'applied', seq: 2 }, T0);
      });
      expect(await store.getCommandOutcome('client-1', 2)).toMatchObject({ id: 2 });
    });

    it('the directory lists: organizations and users by id with password hashes, reasons in write order', async () => {
      expect(await store.isEmpty()).toBe(true);
      await store.transaction(async (tx) => {
        await tx.putOrganization(organization('org-b'));
        await tx.putOrganization(organization('org-a'));
        await tx.putUser(user('u-2', 'org-a', 'Two@Example.test'));
        await tx.putUser(user('u-1', 'org-b', 'one@example.test'));
        await tx.putCompleteReason(reason('r-b'));
        await tx.putCompleteReason(reason('r-a'));
        await tx.putCompleteReason(reason('r-c'));
      });
      expect(await store.isEmpty()).toBe(false);
      expect(ids(await store.listOrganizations())).toEqual(['org-a', 'org-b']);
      expect(await store.listUsers()).toEqual([
        user('u-1', 'org-b', 'one@example.test'),
        user('u-2', 'org-a', 'Two@Example.test'),
      ]);
      await store.transaction(async (tx) => {
        await tx.putOrganization(organization('org-a', 'Renamed'));
        await tx.putUser({ ...user('u-1', 'org-b', 'one@example.test'), passwordHash: 'new-hash' });
        // A rewritten reason moves to the end, as the in-memory directory orders it.
        await tx.putCompleteReason(reason('r-b', 'Relabeled'));
      });
      expect((await store.listOrganizations())[0]).toMatchObject({ name: 'Renamed' });
      expect((await store.listUsers())[0].passwordHash).toBe('new-hash');
      expect(await store.listCompleteReasons()).toEqual([reason('r-a'), reason('r-c'), reason('r-b', 'Relabeled')]);
    });

    it('the database id is stable across a restart', async () => {
      const id = store.databaseId;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      store = await harness.reopen();
      expect(store.databaseId).toBe(id);
    });
  });
}
