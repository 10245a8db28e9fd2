import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  ActivityEvent,
  Appointment,
  CompleteReason,
  Customer,
  CustomerNotification,
  Job,
  JobDisplayStatus,
  Organization,
} from '../../domain';
import { SQLITE_SCHEMA } from './sqliteSchema';
import type { AppointmentFilter, Change, CommandOutcome, JobFilter, Page, Reads, Store, StoredUser, Tx } from './types';

type Row = Record<string, unknown>;

const parse = <T>(row: Row | undefined): T | undefined => (row ? (JSON.parse(row.data as string) as T) : undefined);
const parseAll = <T>(rows: Row[]): T[] => rows.map((row) => JSON.parse(row.data as string) as T);

/** `IN (?, ?, ?)` for a list of values. */
const placeholders = (values: readonly unknown[]) => `(${values.map(() => '?').join(', ')})`;

/**
 * Reads over one connection. The store reads through its own read-only connection, which in WAL mode
 * sees only committed data; a transaction reads through the writer, which sees its own writes.
 */
class SqliteReader implements Reads {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(protected readonly db: Database.Database) {}

  protected sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  async getJob(id: string) {
    return parse<Job>(this.sql('SELECT data FROM jobs WHERE id = ?').get(id) as Row);
  }

  async getAppointment(id: string) {
    return parse<Appointment>(this.sql('SELECT data FROM appointments WHERE id = ?').get(id) as Row);
  }

  async appointmentsOfJob(jobId: string) {
    return parseAll<Appointment>(this.sql('SELECT data FROM appointments WHERE job_id = ? ORDER BY start').all(jobId) as Row[]);
  }

  async getCustomer(id: string) {
    return parse<Customer>(this.sql('SELECT data FROM customers WHERE id = ?').get(id) as Row);
  }

  async listJobs(filter: JobFilter): Promise<Page<Job>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.organizationIds) {
      where.push(`organization_id IN ${placeholders(filter.organizationIds)}`);
      params.push(...filter.organizationIds);
    }
    if (filter.sourceId !== undefined) {
      where.push('source_id = ?');
      params.push(filter.sourceId);
    }
    if (filter.displayStatusIn) {
      where.push(`display_status IN ${placeholders(filter.displayStatusIn)}`);
      params.push(...filter.displayStatusIn);
    }
    if (filter.displayStatusNotIn) {
      where.push(`display_status NOT IN ${placeholders(filter.displayStatusNotIn)}`);
      params.push(...filter.displayStatusNotIn);
    }
    if (filter.customerIdIn) {
      where.push(`customer_id IN ${placeholders(filter.customerIdIn)}`);
      params.push(...filter.customerIdIn);
    }
    if (filter.externalId !== undefined) {
      where.push("EXISTS (SELECT 1 FROM json_each(jobs.data, '$.externalIds') WHERE value = ?)");
      params.push(filter.externalId);
    }
    return this.page('jobs', where, params, 'created_at DESC, id', filter.limit, filter.offset);
  }

  async listAppointments(filter: AppointmentFilter): Promise<Page<Appointment>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const list = (column: string, values: readonly unknown[] | undefined) => {
      if (!values) return;
      where.push(`${column} IN ${placeholders(values)}`);
      params.push(...values);
    };
    const compare = (operator: string, value: number | undefined) => {
      if (value === undefined) return;
      where.push(`start ${operator} ?`);
      params.push(value);
    };
    list('organization_id', filter.organizationIds);
    if (filter.sourceId !== undefined) {
      where.push('source_id = ?');
      params.push(filter.sourceId);
    }
    list('job_id', filter.jobIdIn);
    list('status', filter.statusIn);
    list('technician_id', filter.technicianIdIn);
    if (filter.technicianIdNull) where.push('technician_id IS NULL');
    compare('>', filter.timeGt);
    compare('>=', filter.timeGte);
    compare('<', filter.timeLt);
    compare('<=', filter.timeLte);
    return this.page('appointments', where, params, 'start, id', filter.limit, filter.offset);
  }

  async listCustomers(organizationIds: string[] | undefined, sourceId: string | undefined, limit: number, offset: number) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (organizationIds) {
      where.push(`organization_id IN ${placeholders(organizationIds)}`);
      params.push(...organizationIds);
    }
    if (sourceId !== undefined) {
      where.push('id IN (SELECT customer_id FROM jobs WHERE source_id = ?)');
      params.push(sourceId);
    }
    return this.page<Customer>('customers', where, params, 'id', limit, offset);
  }

  private page<T>(table: string, where: string[], params: unknown[], order: string, limit: number, offset: number): Page<T> {
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table} ${clause}`).get(...params) as Row).n as number;
    const rows = this.db.prepare(`SELECT data FROM ${table} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as Row[];
    return { items: parseAll<T>(rows), total };
  }

  async activityOfJob(jobId: string) {
    return parseAll<ActivityEvent>(this.sql('SELECT data FROM activity WHERE job_id = ? ORDER BY received_at, rowid').all(jobId) as Row[]);
  }

  async notificationsOfJob(jobId: string) {
    return parseAll<CustomerNotification>(this.sql('SELECT data FROM notifications WHERE job_id = ? ORDER BY rowid').all(jobId) as Row[]);
  }

  async changesAfter(organizationId: string, cursor: number, limit: number): Promise<Change[]> {
    const rows = this.sql(
      'SELECT seq, kind, entity_id, data FROM changes WHERE organization_id = ? AND seq > ? ORDER BY seq, idx LIMIT ?',
    ).all(organizationId, cursor, limit) as Row[];
    let changes = rows.map((row) => ({ seq: row.seq as number, kind: row.kind as Change['kind'], id: row.entity_id as string, data: JSON.parse(row.data as string) }));
    if (changes.length === limit) {
      const lastSeq = changes[changes.length - 1].seq;
      const complete = changes.filter((change) => change.seq !== lastSeq);
      // One commit larger than a page is sent whole rather than split, so a client never sees half of it.
      changes = complete.length ? complete : await this.changesAt(organizationId, lastSeq);
    }
    return changes;
  }

  private async changesAt(organizationId: string, seq: number): Promise<Change[]> {
    const rows = this.sql('SELECT seq, kind, entity_id, data FROM changes WHERE organization_id = ? AND seq = ? ORDER BY idx').all(organizationId, seq) as Row[];
    return rows.map((row) => ({ seq: row.seq as number, kind: row.kind as Change['kind'], id: row.entity_id as string, data: JSON.parse(row.data as string) }));
  }

  async headSeq(organizationId: string) {
    const row = this.sql('SELECT seq FROM org_sequences WHERE organization_id = ?').get(organizationId) as Row | undefined;
    return (row?.seq as number | undefined) ?? 0;
  }

  async getCommandOutcome(clientId: string, commandId: number) {
    const row = this.sql('SELECT result FROM command_results WHERE client_id = ? AND command_id = ?').get(clientId, commandId) as Row | undefined;
    return row ? (JSON.parse(row.result as string) as CommandOutcome) : undefined;
  }

  async getClient(clientId: string) {
    const row = this.sql('SELECT user_id, last_id FROM clients WHERE client_id = ?').get(clientId) as Row | undefined;
    return row ? { userId: row.user_id as string, lastProcessedId: row.last_id as number } : undefined;
  }

  async getIdempotentResponse(userId: string, key: string) {
    const row = this.sql('SELECT fingerprint, status_code, body FROM idempotency WHERE user_id = ? AND key = ?').get(userId, key) as Row | undefined;
    return row ? { fingerprint: row.fingerprint as string, statusCode: row.status_code as number, body: JSON.parse(row.body as string) } : undefined;
  }

}

/**
 * The writer connection, handed to `transaction` callbacks as the `Tx`.
 *
 * Two per-command costs are kept off SQLite: organization sequences are counted in memory during a
 * transaction and written once at its end (a savepoint that rolls back restores them, so a refused
 * command never leaves a gap), and an entity written both to its table and to the change log is
 * serialized once (by reference: the pipeline builds a new object for every write and never mutates one
 * it has handed over, and the memo is dropped with the transaction).
 */
class SqliteWriter extends SqliteReader implements Tx {
  private savepointDepth = 0;
  /** Sequences handed out by the open transaction, written by `flushSequences` before COMMIT. */
  private sequences = new Map<string, number>();
  private json = new WeakMap<object, string>();
  /** Undo callbacks of the open transaction, newest last; a savepoint remembers where its own begin. */
  private undos: (() => void)[] = [];

  protected serialize(value: object): string {
    let text = this.json.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      this.json.set(value, text);
    }
    return text;
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepointDepth}`;
    const sequences = new Map(this.sequences);
    const undoMark = this.undos.length;
    this.sql(`SAVEPOINT ${name}`).run();
    try {
      const result = await fn();
      this.sql(`RELEASE ${name}`).run();
      return result;
    } catch (error) {
      this.sql(`ROLLBACK TO ${name}`).run();
      this.sql(`RELEASE ${name}`).run();
      this.sequences = sequences;
      this.rollBackMemory(undoMark);
      throw error;
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

  async nextSeq(organizationId: string) {
    let seq = this.sequences.get(organizationId);
    if (seq === undefined) {
      const row = this.sql('SELECT seq FROM org_sequences WHERE organization_id = ?').get(organizationId) as Row | undefined;
      seq = (row?.seq as number | undefined) ?? 0;
    }
    this.sequences.set(organizationId, ++seq);
    return seq;
  }

  /** Inside a transaction the head includes the seqs it has handed out, as the row would have. */
  override async headSeq(organizationId: string) {
    return this.sequences.get(organizationId) ?? super.headSeq(organizationId);
  }

  /** Called by the store just before COMMIT; `endTransaction(true)` follows it. */
  flushSequences(): void {
    const upsert = this.sql('INSERT INTO org_sequences (organization_id, seq) VALUES (?, ?) ON CONFLICT (organization_id) DO UPDATE SET seq = excluded.seq');
    for (const [organizationId, seq] of this.sequences) upsert.run(organizationId, seq);
  }

  /** Forgets the transaction's in-memory state after COMMIT, or undoes it after a ROLLBACK. */
  endTransaction(committed: boolean): void {
    if (!committed) this.rollBackMemory(0);
    this.undos = [];
    this.sequences = new Map();
    this.json = new WeakMap();
  }

  async appendChanges(organizationId: string, changes: readonly Change[]) {
    const insert = this.sql('INSERT INTO changes (organization_id, seq, idx, kind, entity_id, data) VALUES (?, ?, ?, ?, ?, ?)');
    changes.forEach((change, idx) => insert.run(organizationId, change.seq, idx, change.kind, change.id, this.serialize(change.data as object)));
  }

  async putOrganization(organization: Organization) {
    this.sql('INSERT OR REPLACE INTO organizations (id, data) VALUES (?, ?)').run(organization.id, JSON.stringify(organization));
  }

  async putUser(user: StoredUser) {
    const { passwordHash, ...data } = user;
    this.sql('INSERT OR REPLACE INTO users (id, organization_id, email, password_hash, data) VALUES (?, ?, ?, ?, ?)').run(
      user.id,
      user.organizationId,
      user.email,
      passwordHash,
      JSON.stringify(data),
    );
  }

  async putCustomer(customer: Customer) {
    this.sql(
      'INSERT INTO customers (id, organization_id, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, data = excluded.data',
    ).run(customer.id, customer.organizationId, this.serialize(customer));
  }

  async putJob(job: Job, displayStatus: JobDisplayStatus) {
    // An upsert, not INSERT OR REPLACE: REPLACE deletes and re-inserts the row, rewriting every index.
    this.sql(
      `INSERT INTO jobs (id, organization_id, source_id, customer_id, display_status, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, source_id = excluded.source_id, customer_id = excluded.customer_id,
         display_status = excluded.display_status, created_at = excluded.created_at, data = excluded.data`,
    ).run(
      job.id,
      job.organizationId,
      job.sourceId,
      job.customerId,
      displayStatus,
      job.createdAt,
      this.serialize(job),
    );
  }

  async putAppointment(appointment: Appointment, sourceId: string | null) {
    this.sql(
      `INSERT INTO appointments (id, job_id, organization_id, source_id, technician_id, start, status, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, organization_id = excluded.organization_id, source_id = excluded.source_id,
         technician_id = excluded.technician_id, start = excluded.start, status = excluded.status, data = excluded.data`,
    ).run(
      appointment.id,
      appointment.jobId,
      appointment.organizationId,
      sourceId,
      appointment.technicianId,
      appointment.start,
      appointment.status,
      this.serialize(appointment),
    );
  }

  async putCompleteReason(reason: CompleteReason) {
    this.sql('INSERT OR REPLACE INTO complete_reasons (id, data) VALUES (?, ?)').run(reason.id, JSON.stringify(reason));
  }

  async appendActivity(event: ActivityEvent) {
    this.sql('INSERT INTO activity (id, job_id, received_at, data) VALUES (?, ?, ?, ?)').run(event.id, event.jobId, event.receivedAt, this.serialize(event));
  }

  async appendNotification(notification: CustomerNotification) {
    this.sql('INSERT INTO notifications (id, job_id, data) VALUES (?, ?, ?)').run(notification.id, notification.jobId, this.serialize(notification));
  }

  async setClientProgress(clientId: string, userId: string, lastProcessedId: number) {
    this.sql('INSERT INTO clients (client_id, user_id, last_id) VALUES (?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET last_id = excluded.last_id').run(
      clientId,
      userId,
      lastProcessedId,
    );
  }

  async saveCommandOutcome(clientId: string, outcome: CommandOutcome) {
    this.sql('INSERT INTO command_results (client_id, command_id, result) VALUES (?, ?, ?)').run(clientId, outcome.id, JSON.stringify(outcome));
  }

  async saveIdempotentResponse(userId: string, key: string, fingerprint: string, statusCode: number, body: unknown) {
    this.sql('INSERT OR REPLACE INTO idempotency (user_id, key, fingerprint, status_code, body, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      userId,
      key,
      fingerprint,
      statusCode,
      JSON.stringify(body),
      Date.now(),
    );
  }
}

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged command is
 * on disk before the ack leaves. better-sqlite3 is synchronous; transactions are serialized through a
 * promise queue so that an async caller can never interleave statements of two transactions, and reads
 * outside a transaction use a second, read-only connection so they never see uncommitted writes.
 */
export class SqliteStore extends SqliteReader implements Store {
  readonly databaseId: string;
  private readonly writer: SqliteWriter;
  private readonly writeDb: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    const writeDb = new Database(file);
    writeDb.pragma('journal_mode = WAL');
    writeDb.pragma('synchronous = FULL');
    writeDb.pragma('foreign_keys = ON');
    writeDb.pragma('busy_timeout = 5000');
    // Savepoints journal to temp storage; keep it in memory rather than in files under /var/tmp.
    writeDb.pragma('temp_store = MEMORY');
    writeDb.exec(SQLITE_SCHEMA);
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
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const run = async () => {
      this.begin.run();
      try {
        const result = await fn(this.writer);
        this.writer.flushSequences();
        this.commit.run();
        this.writer.endTransaction(true);
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
    return rows.map((row) => ({ ...(JSON.parse(row.data as string) as StoredUser), passwordHash: row.password_hash as string }));
  }

  async listCompleteReasons() {
    return parseAll<CompleteReason>(this.sql('SELECT data FROM complete_reasons ORDER BY rowid').all() as Row[]);
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
    this.writeDb.close();
  }
}
