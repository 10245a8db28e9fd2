import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';

/**
 * The SQLite store on a real file. Sequences are counted in memory inside a transaction (one write at
 * COMMIT instead of one per command); these tests hold that to the promises the change log makes:
 * gapless per organization, nothing of a rolled-back write survives, and the count outlives a restart.
 */
describe('SQLite store: organization sequences', () => {
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
