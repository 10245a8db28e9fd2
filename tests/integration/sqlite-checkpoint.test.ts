import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COMMITS_PER_CHECKPOINT,
  WalCheckpointer,
  WRITER_CHECKPOINT_PAGES,
  type CheckpointWriter,
} from '../../server/store/sqlite/checkpointer';
import { SqliteStore } from '../../server/store/sqlite';
import { eventually } from './support/eventually';

/**
 * The WAL is copied into the database file by a thread of its own (server/store/sqlite/checkpointer.ts), not
 * by the COMMITs on the event loop. What an operator would notice: the database file itself, read without its
 * WAL, catches up with what was committed; a failed thread costs nothing but the speed it bought.
 */
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  file = join(dir, 'dispatch.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The organization's sequence as the database file alone holds it: a copy without the WAL beside it.
 * `undefined` when the copy was torn: taken while the checkpoint thread was writing the file (SQLite reads
 * it as malformed), so the caller looks again.
 */
function seqInDatabaseFileAlone(): number | undefined {
  const copy = join(dir, `alone-${Date.now()}-${Math.random()}.sqlite`);
  copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    // A new file's schema is in the WAL too until a checkpoint copies it.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'org_sequences'").get()) return 0;
    const row = db.prepare("SELECT seq FROM org_sequences WHERE organization_id = 'org-a'").get() as
      { seq: number } | undefined;
    return row?.seq ?? 0;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return undefined;
    throw error;
  } finally {
    db.close();
  }
}

async function commitSeqs(store: SqliteStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await store.transaction(async (tx) => void (await tx.nextSeq('org-a')));
}

/**
 * The WAL file's salts (its header's bytes 16–23): SQLite draws new ones each time it starts the WAL over
 * from its first frame, so they tell one run of the WAL from the next without touching the database.
 */
function walSalts(): string {
  return readFileSync(`${file}-wal`).subarray(16, 24).toString('hex');
}

/**
 * A store's file (schema and a sequence) opened by a bare connection that never checkpoints by itself: its
 * writes stay in the WAL for a WalCheckpointer under test to copy.
 */
async function openWithoutCheckpoints(): Promise<Database.Database> {
  const store = new SqliteStore(file);
  await commitSeqs(store, 2);
  await store.close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  return db;
}

/** A stand-in for the committing connection that records what the checkpointer asks of it. */
function recordingWriter(pages: number[], checkpoints: { count: number } = { count: 0 }): CheckpointWriter {
  return {
    setAutoCheckpointPages: (value) => pages.push(value),
    checkpoint: () => void checkpoints.count++,
  };
}

describe('SQLite store: the WAL checkpointed off the event loop', () => {
  it('the database file alone catches up with the commits, long before SQLite would checkpoint by itself', async () => {
    const store = new SqliteStore(file);
    try {
      // A few tiny commits: a few pages each, far below the 1,000 pages at which the committing connection
      // would checkpoint by itself, so only the checkpoint thread can have copied them.
      await commitSeqs(store, COMMITS_PER_CHECKPOINT);
      const caughtUp = () => {
        const seq = seqInDatabaseFileAlone();
        return seq !== undefined && seq >= COMMITS_PER_CHECKPOINT ? seq : undefined;
      };
      expect(await eventually(caughtUp, 'the database file alone to hold the commits', 10_000)).toBe(
        COMMITS_PER_CHECKPOINT,
      );
      // Everything committed is readable as always, and survives closing and reopening.
      await commitSeqs(store, 3);
      expect(await store.headSeq('org-a')).toBe(COMMITS_PER_CHECKPOINT + 3);
    } finally {
      await store.close();
    }
    const again = new SqliteStore(file);
    try {
      expect(await again.headSeq('org-a')).toBe(COMMITS_PER_CHECKPOINT + 3);
    } finally {
      await again.close();
    }
  });

  it('a store that writes little asks for no checkpoint (so starts no thread): its commits stay in the WAL', async () => {
    const store = new SqliteStore(file);
    try {
      await commitSeqs(store, COMMITS_PER_CHECKPOINT - 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seqInDatabaseFileAlone()).toBe(0);
      expect(await store.headSeq('org-a')).toBe(COMMITS_PER_CHECKPOINT - 1);
    } finally {
      await store.close();
    }
  });

  it('a checkpoint reports what it copied, and the writer keeps a checkpoint of its own only as a safety net', async () => {
    const db = await openWithoutCheckpoints();
    const pages: number[] = [];
    db.exec("UPDATE org_sequences SET seq = 7 WHERE organization_id = 'org-a'");
    const checkpointer = new WalCheckpointer(file, recordingWriter(pages), (message) => expect.unreachable(message));
    try {
      expect(pages).toEqual([WRITER_CHECKPOINT_PAGES]);
      const result = await checkpointer.checkpoint();
      expect(result?.walFrames).toBeGreaterThan(0);
      expect(result?.copied).toBe(result?.walFrames);
      expect(seqInDatabaseFileAlone()).toBe(7);
    } finally {
      await checkpointer.close();
      db.close();
    }
    expect(await checkpointer.checkpoint()).toBeUndefined();
  });

  it('a checkpoint thread that fails gives the checkpoints back to the writer and says so once', async () => {
    const pages: number[] = [];
    const errors: string[] = [];
    // No database at that path: the thread's connection cannot open.
    const checkpointer = new WalCheckpointer(
      join(dir, 'missing', 'dispatch.sqlite'),
      recordingWriter(pages),
      (message) => errors.push(message),
    );
    try {
      expect(await checkpointer.checkpoint()).toBeUndefined();
      expect(await checkpointer.checkpoint()).toBeUndefined();
      expect(pages).toEqual([WRITER_CHECKPOINT_PAGES, 1_000]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/unable to open|does not exist|directory/i);
    } finally {
      await checkpointer.close();
    }
  });

  it('the writer finishes a checkpoint the thread copied whole, once; not one a reader held short', async () => {
    const db = await openWithoutCheckpoints();
    const checkpoints = { count: 0 };
    const checkpointer = new WalCheckpointer(file, recordingWriter([], checkpoints), (message) =>
      expect.unreachable(message),
    );
    try {
      db.exec("UPDATE org_sequences SET seq = 7 WHERE organization_id = 'org-a'");
      const whole = await checkpointer.checkpoint();
      expect(whole?.copied).toBe(whole?.walFrames);
      checkpointer.committed();
      checkpointer.committed();
      expect(checkpoints.count).toBe(1);

      // A reader on an older snapshot keeps the checkpoint from copying past it: the writer could do no better.
      const reader = new Database(file, { readonly: true });
      try {
        reader.exec('BEGIN');
        reader.prepare('SELECT seq FROM org_sequences').get();
        db.exec("UPDATE org_sequences SET seq = 8 WHERE organization_id = 'org-a'");
        const short = await checkpointer.checkpoint();
        expect(short?.copied).toBeLessThan(short?.walFrames ?? 0);
        checkpointer.committed();
        expect(checkpoints.count).toBe(1);
        reader.exec('COMMIT');
      } finally {
        reader.close();
      }
    } finally {
      await checkpointer.close();
      db.close();
    }
  });

  it('under commits that never pause, the WAL starts over round after round and stays small', async () => {
    const store = new SqliteStore(file);
    const rounds = 12;
    const salts = new Set<string>();
    let largest = 0;
    try {
      for (let i = 0; i < rounds * COMMITS_PER_CHECKPOINT; i++) {
        await commitSeqs(store, 1);
        // One turn of the event loop between commits, as a server's sockets give it: the thread's answer
        // comes in as a message, which a loop of promises alone would never let run.
        await new Promise((resolve) => setImmediate(resolve));
        salts.add(walSalts());
        largest = Math.max(largest, statSync(`${file}-wal`).size);
      }
      expect(await store.headSeq('org-a')).toBe(rounds * COMMITS_PER_CHECKPOINT);
    } finally {
      await store.close();
    }
    // The WAL starts over once nothing in it is missing from the database file when a transaction begins: after
    // each round here (14 runs of the WAL in 12 rounds, measured; 9 without the writer's step, which the test
    // above pins down: here the thread mostly finishes between two commits, as it does at an office's pace).
    // Left to the writer's safety net, it would start over only after thousands of pages.
    expect(salts.size).toBeGreaterThanOrEqual(rounds / 2);
    // A few rounds' pages at most (each of these commits writes a handful of 4 KB pages).
    expect(largest).toBeLessThan(4 * COMMITS_PER_CHECKPOINT * 8 * 4096);
  });
});
