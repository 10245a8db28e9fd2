import type { PoolClient, QueryResult } from 'pg';
import type { EntityCache } from '../entityCache';
import { WriteBatch } from './batch';
import { PgReader } from './reader';

/** The channel notified when a transaction that changed organizations, users or reasons commits. */
export const DIRECTORY_CHANNEL = 'dispatch_directory';

/**
 * What makes a transaction's client a transaction (PgTx adds the writes, writer.ts). Sequence numbers come
 * from the organization's counter row, updated in this transaction (so a rolled-back savepoint gives its
 * numbers back and no other writer can take one until COMMIT); savepoints are real ones. Writes are held
 * back and sent together with the next read, savepoint boundary or COMMIT (batch.ts): a savepoint's writes
 * are always sent before it is released, so a write that fails is refused within the savepoint it belongs to.
 */
export abstract class PgTransaction extends PgReader {
  private savepointDepth = 0;
  private json = new WeakMap<object, string>();
  /** Undo callbacks of the open transaction, newest last; a savepoint remembers where its own begin. */
  private undos: (() => void)[] = [];
  /** Whether this transaction wrote organizations, users or complete reasons (other processes reload theirs). */
  directoryWritten = false;

  /** Sequence numbers this transaction handed out, by organization (the last of each). */
  private allocated = new Map<string, number>();

  /**
   * `cache`: the store's cache of what commands read (../entityCache.ts); `sequences`: each organization's
   * counter as this process last committed it. Both are valid for this transaction (store.ts checks).
   */
  constructor(
    protected readonly client: PoolClient,
    protected readonly cache: EntityCache,
    private readonly sequences: Map<string, number>,
  ) {
    super(client);
  }

  override getJob(id: string) {
    return this.cache.readJob(id, () => super.getJob(id));
  }

  override getAppointment(id: string) {
    return this.cache.readAppointment(id, () => super.getAppointment(id));
  }

  override appointmentsOfJob(jobId: string) {
    return this.cache.readAppointmentsOfJob(jobId, () => super.appointmentsOfJob(jobId));
  }

  override getCustomer(id: string) {
    return this.cache.readCustomer(id, () => super.getCustomer(id));
  }

  /** An entity written to its table and to the change log is serialized once (the pipeline never mutates one). */
  protected serialize(value: object): string {
    let text = this.json.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      this.json.set(value, text);
    }
    return text;
  }

  private readonly batch = new WriteBatch();

  protected async run(text: string, values: unknown[]): Promise<void> {
    this.batch.add(text, values);
  }

  /** Sends the writes held back (before a read, a savepoint boundary, COMMIT). */
  async flush(): Promise<void> {
    const message = this.batch.take();
    if (message) await this.client.query(message);
  }

  protected override beforeRead(): Promise<void> {
    return this.flush();
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepointDepth}`;
    const undoMark = this.undos.length;
    const cacheMark = this.cache.mark;
    const allocated = new Map(this.allocated);
    try {
      this.batch.add(`SAVEPOINT ${name}`);
      await this.flush();
      try {
        const result = await fn();
        this.batch.add(`RELEASE SAVEPOINT ${name}`);
        await this.flush();
        return result;
      } catch (error) {
        // What `fn` wrote and did not send yet is dropped with it; ROLLBACK TO also makes the transaction
        // usable again after a failed statement.
        this.batch.clear();
        await this.client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
        this.cache.rollBack(cacheMark);
        this.allocated = allocated;
        this.rollBackMemory(undoMark);
        throw error;
      }
    } finally {
      this.savepointDepth--;
    }
  }

  onRollback(undo: () => void): void {
    this.undos.push(undo);
  }

  /** Runs the undo callbacks registered since `mark`, newest first. */
  private rollBackMemory(mark: number): void {
    for (const undo of this.undos.splice(mark).reverse()) undo();
  }

  /** Called by the store after COMMIT (true) or ROLLBACK (false). */
  endTransaction(committed: boolean): void {
    this.batch.clear();
    if (committed) {
      this.cache.committed();
      for (const [organizationId, seq] of this.allocated) this.sequences.set(organizationId, seq);
    } else {
      this.cache.rollBack(0);
      this.rollBackMemory(0);
    }
    this.undos = [];
    this.json = new WeakMap();
  }

  /**
   * As of now (called right after the writer lock is taken): the directory version, and how many sequence
   * numbers all organizations have handed out, which grows with every commit that writes an entity (each
   * write has its change-log row), whichever process or server version made it.
   */
  async versions(): Promise<{ directory: number; writes: string }> {
    const rows = await this.rows<{ directory: string; writes: string }>(
      `SELECT (SELECT value FROM meta WHERE key = 'directory_version') AS directory,
              (SELECT COALESCE(SUM(seq), 0)::text FROM org_sequences) AS writes`,
    );
    return { directory: Number(rows[0].directory), writes: rows[0].writes };
  }

  /** The sequence numbers handed out so far, this transaction's included (read just before COMMIT). */
  async writesVersion(): Promise<string> {
    // In the same message as the writes still held back: no round trip of its own.
    this.batch.add('SELECT COALESCE(SUM(seq), 0)::text AS writes FROM org_sequences');
    const results = (await this.client.query(this.batch.take()!)) as unknown as QueryResult | QueryResult[];
    const last = Array.isArray(results) ? results[results.length - 1] : results;
    return (last.rows[0] as { writes: string }).writes;
  }

  /**
   * Tells other processes, at their next write, that their directory is out of date; and at once by a
   * notification (server/fanout.ts listens), which PostgreSQL sends only when this transaction commits.
   */
  async bumpDirectoryVersion(): Promise<number> {
    const rows = await this.rows<{ value: string }>(
      "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'directory_version' RETURNING value",
    );
    await this.run('SELECT pg_notify($1, $2)', [DIRECTORY_CHANNEL, rows[0].value]);
    return Number(rows[0].value);
  }

  /**
   * The counter row is updated in this transaction, so a rolled-back savepoint gives its numbers back and
   * no other writer can take one until COMMIT. A counter this process knows (its own last commit, with no
   * other commit since) is advanced with a write held back like the others, not a round trip.
   */
  async nextSeq(organizationId: string) {
    const known = this.allocated.get(organizationId) ?? this.sequences.get(organizationId);
    if (known !== undefined) {
      const seq = known + 1;
      await this.run('UPDATE org_sequences SET seq = $1 WHERE organization_id = $2', [seq, organizationId]);
      this.allocated.set(organizationId, seq);
      return seq;
    }
    const rows = await this.rows<{ seq: number }>(
      `INSERT INTO org_sequences (organization_id, seq) VALUES ($1, 1)
       ON CONFLICT (organization_id) DO UPDATE SET seq = org_sequences.seq + 1 RETURNING seq`,
      [organizationId],
    );
    this.allocated.set(organizationId, rows[0].seq);
    return rows[0].seq;
  }
}
