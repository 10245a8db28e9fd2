import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/pipeline/groupCommit';
import type { PublishedChanges } from '../../server/pipeline/types';
import { PgStore } from '../../server/store/postgres';
import { SqliteStore } from '../../server/store/sqlite';
import type { Change, Store, Tx } from '../../server/store/types';
import { freshDatabase, withoutPostgres } from './support/postgres';

/**
 * "Group commit still groups" (issue 13): submissions queued while a transaction runs share the next one,
 * each in its own savepoint, on SQLite and on PostgreSQL alike. The real stores; transactions are counted by
 * wrapping the store's own `transaction`.
 */
interface Harness {
  store: Store;
  dispose(): Promise<void>;
}

const backends: { name: string; skip: boolean; open(): Promise<Harness> }[] = [
  {
    name: 'SQLite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
      const store = new SqliteStore(join(dir, 'dispatch.sqlite'));
      return {
        store,
        async dispose() {
          await store.close().catch(() => undefined);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    skip: withoutPostgres('group commit on PostgreSQL'),
    async open() {
      const database = await freshDatabase();
      const store = await PgStore.open(database.url);
      return {
        store,
        async dispose() {
          await store.close().catch(() => undefined);
          await database.drop();
        },
      };
    },
  },
];

/** A submission as the pipeline makes one: a seq of the organization's, one change at it, published once committed. */
function submission(organizationId: string, id: string) {
  return async (tx: Tx, published: PublishedChanges): Promise<number> => {
    const seq = await tx.nextSeq(organizationId);
    const changes: Change[] = [{ seq, kind: 'job', id, data: { id } }];
    await tx.appendChanges(organizationId, changes);
    published.set(organizationId, [...(published.get(organizationId) ?? []), ...changes]);
    return seq;
  };
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`group commit: ${backend.name}`, () => {
    let harness: Harness;
    let transactions: number;
    let broadcasts: { organizationId: string; ids: string[] }[];
    let groups: GroupCommit;

    beforeEach(async () => {
      harness = await backend.open();
      const { store } = harness;
      const transaction = store.transaction.bind(store);
      transactions = 0;
      store.transaction = (fn) => {
        transactions += 1;
        return transaction(fn);
      };
      broadcasts = [];
      groups = new GroupCommit(store, (organizationId, changes) =>
        broadcasts.push({ organizationId, ids: changes.map((change) => change.id) }),
      );
    });
    afterEach(() => harness.dispose());

    it('submissions made together commit in one transaction, each with its own seq, published once per organization', async () => {
      const ids = Array.from({ length: 40 }, (_, index) => `j-${index}`);
      const seqs = await Promise.all(
        ids.map((id, index) => groups.enqueue(submission(index % 2 ? 'org-b' : 'org-a', id))),
      );
      expect(transactions).toBe(1);
      expect(seqs).toEqual(ids.map((_, index) => Math.floor(index / 2) + 1));
      expect(broadcasts).toEqual([
        { organizationId: 'org-a', ids: ids.filter((_, index) => index % 2 === 0) },
        { organizationId: 'org-b', ids: ids.filter((_, index) => index % 2 === 1) },
      ]);
      expect(await harness.store.headSeq('org-a')).toBe(20);
      expect((await harness.store.changesAfter('org-b', 0, 100)).map((change) => change.id)).toEqual(
        ids.filter((_, index) => index % 2 === 1),
      );
    });

    it('what queues while a group commits shares the next transaction', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const first = groups.enqueue(async (tx, published) => {
        started();
        await held;
        return submission('org-a', 'first')(tx, published);
      });
      await running;
      const later = Array.from({ length: 30 }, (_, index) => groups.enqueue(submission('org-a', `later-${index}`)));
      release();
      expect(await first).toBe(1);
      expect(await Promise.all(later)).toEqual(Array.from({ length: 30 }, (_, index) => index + 2));
      expect(transactions).toBe(2);
      expect(broadcasts.map((broadcast) => broadcast.ids.length)).toEqual([1, 30]);
    });

    it('a refused submission undoes only its own writes: its seq is given back and nothing of it is published', async () => {
      const refused = groups.enqueue(async (tx, published) => {
        await submission('org-a', 'refused')(tx, published);
        throw new Error('STALE_VERSION');
      });
      const others = ['j-1', 'j-2'].map((id) => groups.enqueue(submission('org-a', id)));
      await expect(refused).rejects.toThrow('STALE_VERSION');
      expect(await Promise.all(others)).toEqual([1, 2]);
      expect(transactions).toBe(1);
      expect(broadcasts).toEqual([{ organizationId: 'org-a', ids: ['j-1', 'j-2'] }]);
      expect((await harness.store.changesAfter('org-a', 0, 10)).map((change) => change.id)).toEqual(['j-1', 'j-2']);
    });

    it('a queue longer than a group (256) takes as many transactions as it needs, in order', async () => {
      const seqs = await Promise.all(
        Array.from({ length: 300 }, (_, index) => groups.enqueue(submission('org-a', `j-${index}`))),
      );
      expect(transactions).toBe(2);
      expect(seqs).toEqual(Array.from({ length: 300 }, (_, index) => index + 1));
      expect(broadcasts.map((broadcast) => broadcast.ids.length)).toEqual([256, 44]);
    });
  });
}
