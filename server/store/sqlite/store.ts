import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { CompleteReason, Organization } from '../../../domain';
import { createPrivateFolder, makePrivateFile } from '../privateFiles';
import type { Store, StoredUser, Tx } from '../types';
import { SqliteReader } from './reader';
import { parseAll, type Row } from './rows';
import { migrate, SQLITE_SCHEMA } from './schema';
import { WalCheckpointer } from './checkpointer';
import { SqliteWriter } from './writer';

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged command is
 * on disk before the ack leaves. better-sqlite3 is synchronous; transactions are serialized through a
 * promise queue so that an async caller can never interleave statements of two transactions, and reads
 * outside a transaction use a second, read-only connection so they never see uncommitted writes. The WAL is
 * copied into the database file by a third connection on a thread of its own (checkpointer.ts), not by the
 * COMMITs on the event loop.
 */
export class SqliteStore extends SqliteReader implements Store {
  readonly databaseId: string;
  private readonly writer: SqliteWriter;
  private readonly writeDb: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly checkpointer: WalCheckpointer;

  /** `onCheckpointError`: the WAL's checkpoint thread failed (the writer checkpoints itself from then on). */
  constructor(file: string, options: { onCheckpointError?: (message: string) => void } = {}) {
    createPrivateFolder(dirname(file));
    makePrivateFile(file);
    const writeDb = new Database(file);
    writeDb.pragma('journal_mode = WAL');
    writeDb.pragma('synchronous = FULL');
    writeDb.pragma('foreign_keys = ON');
    writeDb.pragma('busy_timeout = 5000');
    // Savepoints journal to temp storage; keep it in memory rather than in files under /var/tmp.
    writeDb.pragma('temp_store = MEMORY');
    writeDb.exec(SQLITE_SCHEMA);
    migrate(writeDb, Date.now());
    const existing = writeDb.prepare('SELECT value FROM meta WHERE key = ?').get('database_id') as Row | undefined;
    const databaseId = (existing?.value as string | undefined) ?? randomUUID();
    if (!existing) writeDb.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('database_id', databaseId);
    const readDb = new Database(file, { readonly: true });
    readDb.pragma('busy_timeout = 5000');
    super(readDb);
    this.writeDb = writeDb;
    this.writer = new SqliteWriter(writeDb);
    this.databaseId = databaseId;
    this.begin = writeDb.prepare('BEGIN IMMEDIATE');
    this.commit = writeDb.prepare('COMMIT');
    this.checkpointer = new WalCheckpointer(
      file,
      {
        setAutoCheckpointPages: (pages) => writeDb.pragma(`wal_autocheckpoint = ${pages}`),
        checkpoint: () => writeDb.pragma('wal_checkpoint(PASSIVE)'),
      },
      options.onCheckpointError ?? (() => undefined),
    );
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const run = async () => {
      this.begin.run();
      try {
        const result = await fn(this.writer);
        this.writer.flushSequences();
        this.commit.run();
        this.writer.endTransaction(true);
        this.checkpointer.committed();
        return result;
      } catch (error) {
        if (this.writeDb.inTransaction) this.writeDb.exec('ROLLBACK');
        this.writer.endTransaction(false);
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async isEmpty(): Promise<boolean> {
    return !this.sql('SELECT 1 FROM organizations LIMIT 1').get();
  }

  async listOrganizations() {
    return parseAll<Organization>(this.sql('SELECT data FROM organizations ORDER BY id').all() as Row[]);
  }

  async listUsers() {
    const rows = this.sql('SELECT data, password_hash FROM users ORDER BY id').all() as Row[];
    return rows.map((row) => ({
      ...(JSON.parse(row.data as string) as StoredUser),
      passwordHash: row.password_hash as string,
    }));
  }

  async listCompleteReasons() {
    return parseAll<CompleteReason>(this.sql('SELECT data FROM complete_reasons ORDER BY rowid').all() as Row[]);
  }

  async close(): Promise<void> {
    await this.queue;
    await this.checkpointer.close();
    this.db.close();
    this.writeDb.close();
  }
}
