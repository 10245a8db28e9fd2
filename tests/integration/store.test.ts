import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompleteReason, Organization } from '../../domain';
import { Directory } from '../../server/directory';
import { writeCompleteReason, writeOrganization, writeUser } from '../../server/referenceData';
import { SqliteStore } from '../../server/store/sqlite';
import type { StoredUser } from '../../server/store/types';

/** Each test gets its own database file, closed and removed afterwards. */
let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-'));
  store = new SqliteStore(join(dir, 'dispatch.sqlite'));
});
afterEach(async () => {
  await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The SQLite store on a real file. Sequences are counted in memory inside a transaction (one write at
 * COMMIT instead of one per command); these tests hold that to the promises the change log makes:
 * gapless per organization, nothing of a rolled-back write survives, and the count outlives a restart.
 */
describe('SQLite store: organization sequences', () => {
  it('a command whose writes fail after taking a seq leaves no gap in the log', async () => {
    await store.transaction(async (tx) => {
      expect(await tx.nextSeq('org-a')).toBe(1);
      await expect(
        tx.savepoint(async () => {
          expect(await tx.nextSeq('org-a')).toBe(2);
          throw new Error('a write failed');
        }),
      ).rejects.toThrow('a write failed');
      // The next command takes the seq the failed one gave back.
      expect(await tx.nextSeq('org-a')).toBe(2);
      // The transaction sees its own head; readers outside it see the committed one.
      expect(await tx.headSeq('org-a')).toBe(2);
      expect(await store.headSeq('org-a')).toBe(0);
    });
    expect(await store.headSeq('org-a')).toBe(2);
  });

  it('a transaction that fails as a whole gives back every seq it took', async () => {
    await store.transaction(async (tx) => void (await tx.nextSeq('org-a')));
    await expect(
      store.transaction(async (tx) => {
        await tx.nextSeq('org-a');
        await tx.nextSeq('org-b');
        throw new Error('commit never happens');
      }),
    ).rejects.toThrow();
    expect(await store.headSeq('org-a')).toBe(1);
    expect(await store.headSeq('org-b')).toBe(0);
    await store.transaction(async (tx) => expect(await tx.nextSeq('org-a')).toBe(2));
  });

  it('organizations count independently, and the count survives reopening the file', async () => {
    await store.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.nextSeq('org-a');
      await tx.nextSeq('org-b');
    });
    await store.close();
    store = new SqliteStore(join(dir, 'dispatch.sqlite'));
    expect(await store.headSeq('org-a')).toBe(3);
    expect(await store.headSeq('org-b')).toBe(1);
    await store.transaction(async (tx) => expect(await tx.nextSeq('org-b')).toBe(2));
  });
});

describe('SQLite store: the in-memory directory follows only committed writes', () => {
  const organization = (id: string, name: string) =>
    ({ id, name, kind: 'provider', version: 0 }) as unknown as Organization;
  const user = (id: string, email: string) =>
    ({
      id,
      organizationId: 'org-a',
      email,
      firstName: 'Pat',
      lastName: 'Lee',
      roles: ['dispatcher'],
      version: 0,
      passwordHash: 'x',
    }) as unknown as StoredUser;

  it('an organization and user written by a transaction that then fails are not signed-in-able or listed', async () => {
    const directory = await Directory.load(store);
    await store.transaction(async (tx) => writeOrganization(tx, directory, organization('org-a', 'CoolAir')));
    await expect(
      store.transaction(async (tx) => {
        await writeOrganization(tx, directory, organization('org-b', 'Northstar'));
        await writeUser(tx, directory, user('u-1', 'pat@example.test'));
        // The same transaction sees its own writes in memory…
        expect(directory.organization('org-b')?.name).toBe('Northstar');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    // …and after the rollback memory agrees with the disk again.
    expect(directory.organization('org-b')).toBeUndefined();
    expect(directory.storedUserByEmail('pat@example.test')).toBeUndefined();
    expect(directory.allOrganizations().map((org) => org.id)).toEqual(['org-a']);
    const reloaded = await Directory.load(store);
    expect(reloaded.allOrganizations().map((org) => org.id)).toEqual(['org-a']);
  });

  it('a rolled-back savepoint restores the previous organization and user, not nothing', async () => {
    const directory = await Directory.load(store);
    await store.transaction(async (tx) => {
      await writeOrganization(tx, directory, organization('org-a', 'CoolAir'));
      await writeUser(tx, directory, user('u-1', 'pat@example.test'));
    });
    await store.transaction(async (tx) => {
      await expect(
        tx.savepoint(async () => {
          await writeOrganization(tx, directory, organization('org-a', 'CoolAir Renamed'));
          await writeUser(tx, directory, user('u-1', 'pat.lee@example.test'));
          await writeCompleteReason(tx, directory, {
            id: 'reason-x',
            name: 'Extra',
            effect: 'pause',
          } as unknown as CompleteReason);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
    });
    expect(directory.organization('org-a')?.name).toBe('CoolAir');
    expect(directory.storedUserByEmail('pat@example.test')?.id).toBe('u-1');
    expect(directory.storedUserByEmail('pat.lee@example.test')).toBeUndefined();
    expect(directory.completeReasons().map((reason) => reason.id)).not.toContain('reason-x');
  });
});
