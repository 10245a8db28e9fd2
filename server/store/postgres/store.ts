import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { EntityCache } from '../entityCache';
import type { DirectoryReads, Store, Tx } from '../types';
import { WRITER_LOCK } from './locks';
import { PgReader } from './reader';
import { migrate } from './schema';
import { checkOut, INT8_AS_NUMBER } from './sql';
import { PgTx } from './writer';

export interface PgStoreOptions {
  /** Connections of this process (default 10): one writes at a time, the others serve reads. */
  poolSize?: number;
  /** Told when the pool loses an idle connection (the database restarted); the pool replaces it. */
  onPoolError?: (error: Error) => void;
}

/**
 * The PostgreSQL store, for several server processes on one database. Every write transaction first takes
 * one advisory lock (WRITER_LOCK) and holds it to COMMIT, so writes of all processes apply one after another
 * and each sees every commit before it: a command never decides on a stale appointment, sequence numbers
 * commit in order, and with one lock no deadlock can form (docs/ARCHITECTURE.md, the store section).
 * Within the process, transactions queue as on SQLite, so the pipeline's group commit still groups.
 */
export class PgStore extends PgReader implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  private reloadDirectory: ((reads: DirectoryReads) => Promise<void>) | undefined;
  /** The directory version this process's directory reflects; undefined forces a reload. */
  private directorySeen: number | undefined;
  private closed = false;
  /** What commands read, kept across transactions while no other process writes (runTransaction checks). */
  private readonly cache = new EntityCache();
  /** Each organization's counter as this process last committed it, kept and cleared with the cache. */
  private readonly sequences = new Map<string, number>();
  /** The sequence numbers handed out when this process last committed; undefined: unknown, clear the cache. */
  private writesSeen: string | undefined;

  private constructor(
    readonly pool: Pool,
    readonly databaseId: string,
    directoryVersion: number,
  ) {
    super(pool);
    this.directorySeen = directoryVersion;
  }

  /** Connects, migrates (under the migration lock) and returns the store; the pool is ended if that fails. */
  static async open(connectionString: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      types: INT8_AS_NUMBER,
      connectionTimeoutMillis: 10_000,
      // A process frozen inside a transaction must not hold the writer lock for ever: the database ends it.
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'dispatch-server',
    });
    // Without a listener an idle connection's error (the database restarting) would end the process.
    pool.on('error', (error) => options.onPoolError?.(error));
    // The pool stops listening to a connection when it hands it out, and `await pool.connect()` starts
    // listening a microtask later; a connection ended right after its start-up delivers its "ready" and its
    // "terminated" in one network read, in between, unheard, which would end the process. This listener
    // stays for the connection's life; the error itself fails whatever query waits on the connection.
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      const { client, release } = await checkOut(pool);
      try {
        const state = await migrate(client);
        return new PgStore(pool, state.databaseId, state.directoryVersion);
      } finally {
        release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  watchDirectory(reload: (reads: DirectoryReads) => Promise<void>): void {
    this.reloadDirectory = reload;
  }

  /**
   * Reloads the directory now if another process changed it since this one last looked (a cross-process
   * notification calls this). Queued with the transactions, so it never replaces the directory under one.
   */
  refreshDirectory(): Promise<void> {
    return this.enqueue(async () => {
      const rows = await this.rows<{ value: string }>("SELECT value FROM meta WHERE key = 'directory_version'");
      await this.catchUpDirectory(this, Number(rows[0].value));
    });
  }

  private async catchUpDirectory(reads: DirectoryReads, version: number): Promise<void> {
    if (version === this.directorySeen) return;
    if (this.reloadDirectory) await this.reloadDirectory(reads);
    this.directorySeen = version;
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      const { client, release } = await checkOut(this.pool);
      let broken: Error | undefined;
      const tx = new PgTx(client, this.cache, this.sequences);
      try {
        const result = await this.runTransaction(client, tx, fn);
        tx.endTransaction(true);
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        tx.endTransaction(false);
        // The memory was put back as before the transaction, but if COMMIT was sent the database may hold
        // its writes after all (the connection broke): read the directory again before the next write.
        if (tx.directoryWritten) this.directorySeen = undefined;
        this.writesSeen = undefined;
        throw error;
      } finally {
        // A connection that failed to roll back is discarded rather than handed to the next caller.
        release(broken);
      }
    });
  }

  private async runTransaction<T>(client: PoolClient, tx: PgTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
    await client.query('BEGIN');
    // First, before any read: every write of every process waits here, so what follows sees every commit.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', WRITER_LOCK);
    const { directory: seen, writes } = await tx.versions();
    // Another process (of any version) committed an entity write since this one last did: forget them all.
    if (writes !== this.writesSeen) {
      this.cache.clear();
      this.sequences.clear();
    }
    await this.catchUpDirectory(tx, seen);
    const result = await fn(tx);
    const version = tx.directoryWritten ? await tx.bumpDirectoryVersion() : seen;
    // One read a group (sends the writes still held back with it): what the cache will be checked against.
    const writesAfter = await tx.writesVersion();
    const commit = await client.query('COMMIT');
    // PostgreSQL answers COMMIT of a transaction a failed statement aborted with ROLLBACK, not an error.
    if (commit.command !== 'COMMIT') throw new Error('The transaction was rolled back by the database.');
    this.directorySeen = version;
    this.writesSeen = writesAfter;
    return result;
  }

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The store is closed.'));
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.rows('SELECT 1 FROM organizations LIMIT 1')).length === 0;
  }

  /** Waits for the transactions queued so far, then ends the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.pool.end();
  }
}
