import type {
  ActivityEvent,
  Appointment,
  CompleteReason,
  Customer,
  CustomerNotification,
  Job,
  Note,
  Organization,
} from '../../../domain';
import type { AppointmentFilter, Change, CommandOutcome, JobFilter, Page, Reads, StoredUser } from '../types';
import { parseAll, rowsOf, toChange, Where, type DataRow, type Db } from './sql';

/**
 * Reads over the pool (the store: each statement sees what was committed when it began) or over a
 * transaction's client (the `Tx`: sees its own writes and, since every write transaction starts by taking
 * the writer lock, every commit before it).
 */
export class PgReader implements Reads {
  constructor(protected readonly db: Db) {}

  /** Runs before every read: a transaction first sends the writes it holds back, so it reads its own. */
  protected async beforeRead(): Promise<void> {}

  protected async rows<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    await this.beforeRead();
    return rowsOf<R & Record<string, unknown>>(this.db, text, values);
  }

  private async one<T>(text: string, values: unknown[]): Promise<T | undefined> {
    return parseAll<T>(await this.rows<DataRow>(text, values))[0];
  }

  getJob(id: string) {
    return this.one<Job>('SELECT data FROM jobs WHERE id = $1', [id]);
  }

  getAppointment(id: string) {
    return this.one<Appointment>('SELECT data FROM appointments WHERE id = $1', [id]);
  }

  async appointmentsOfJob(jobId: string) {
    return parseAll<Appointment>(
      await this.rows<DataRow>('SELECT data FROM appointments WHERE job_id = $1 ORDER BY start, id', [jobId]),
    );
  }

  getCustomer(id: string) {
    return this.one<Customer>('SELECT data FROM customers WHERE id = $1', [id]);
  }

  async sourcesOfCustomer(organizationId: string, customerId: string) {
    const rows = await this.rows<{ source_id: string }>(
      'SELECT DISTINCT source_id FROM jobs WHERE organization_id = $1 AND customer_id = $2 AND source_id IS NOT NULL',
      [organizationId, customerId],
    );
    return rows.map((row) => row.source_id);
  }

  listJobs(filter: JobFilter): Promise<Page<Job>> {
    const where = new Where();
    where.list('organization_id', filter.organizationIds);
    if (filter.sourceId !== undefined) where.add((p) => `source_id = ${p}`, filter.sourceId);
    where.list('display_status', filter.displayStatusIn);
    if (filter.displayStatusNotIn) where.add((p) => `display_status <> ALL(${p})`, filter.displayStatusNotIn);
    where.list('customer_id', filter.customerIdIn);
    // A scan of the organization's jobs, as on SQLite: external ids are looked up rarely (a source's retry).
    if (filter.externalId !== undefined) where.add((p) => `(data::jsonb -> 'externalIds') ? ${p}`, filter.externalId);
    return this.page('jobs', where, 'created_at DESC, id', filter.limit, filter.offset);
  }

  listAppointments(filter: AppointmentFilter): Promise<Page<Appointment>> {
    const where = new Where();
    where.list('organization_id', filter.organizationIds);
    if (filter.sourceId !== undefined) where.add((p) => `source_id = ${p}`, filter.sourceId);
    where.list('job_id', filter.jobIdIn);
    where.list('status', filter.statusIn);
    where.list('technician_id', filter.technicianIdIn);
    if (filter.technicianIdNull) where.raw('technician_id IS NULL');
    const compare = (operator: string, value: number | undefined) => {
      if (value !== undefined) where.add((p) => `start ${operator} ${p}`, value);
    };
    compare('>', filter.timeGt);
    compare('>=', filter.timeGte);
    compare('<', filter.timeLt);
    compare('<=', filter.timeLte);
    return this.page('appointments', where, 'start, id', filter.limit, filter.offset);
  }

  listCustomers(organizationIds: string[] | undefined, sourceId: string | undefined, limit: number, offset: number) {
    const where = new Where();
    where.list('organization_id', organizationIds);
    if (sourceId !== undefined)
      where.add((p) => `id IN (SELECT customer_id FROM jobs WHERE source_id = ${p})`, sourceId);
    return this.page<Customer>('customers', where, 'id', limit, offset);
  }

  /**
   * The page and the total in one statement, so both come from the same snapshot. The page is the filter's
   * top rows (an index or a top-N sort, never a sort of every match); the outer ORDER BY, on the page's own
   * columns, keeps that order through the join.
   */
  private async page<T>(table: string, where: Where, order: string, limit: number, offset: number): Promise<Page<T>> {
    const values = [...where.values, limit, offset];
    const n = where.values.length;
    await this.beforeRead();
    const result = await this.db.query<{ total: number; data: string | null }>(
      `SELECT counted.total, paged.data FROM (SELECT count(*) AS total FROM ${table} ${where.clause}) AS counted
       LEFT JOIN LATERAL (SELECT * FROM ${table} ${where.clause} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2})
         AS paged ON true ORDER BY ${order}`,
      values,
    );
    const items = result.rows.filter((row) => row.data !== null) as DataRow[];
    return { items: parseAll<T>(items), total: result.rows[0]?.total ?? 0 };
  }

  async activityOfJob(jobId: string) {
    return parseAll<ActivityEvent>(
      await this.rows<DataRow>('SELECT data FROM activity WHERE job_id = $1 ORDER BY received_at, pos', [jobId]),
    );
  }

  async notificationsOfJob(jobId: string) {
    return parseAll<CustomerNotification>(
      await this.rows<DataRow>('SELECT data FROM notifications WHERE job_id = $1 ORDER BY pos', [jobId]),
    );
  }

  getNote(id: string) {
    return this.one<Note>('SELECT data FROM notes WHERE id = $1', [id]);
  }

  async notesOfJob(jobId: string) {
    // Newest first, as every reader shows them; insertion order breaks ties within one commit.
    return parseAll<Note>(
      await this.rows<DataRow>('SELECT data FROM notes WHERE job_id = $1 ORDER BY received_at DESC, pos DESC', [jobId]),
    );
  }

  /** A scan of completed appointments: rare (a job source changing a reason's effect), so no index of its own. */
  async isCompleteReasonUsed(reasonId: string) {
    const rows = await this.rows(
      "SELECT 1 FROM appointments WHERE status = 'complete' AND data::jsonb ->> 'completeReasonId' = $1 LIMIT 1",
      [reasonId],
    );
    return rows.length > 0;
  }

  async changesAfter(organizationId: string, cursor: number, limit: number): Promise<Change[]> {
    const rows = await this.rows<{ seq: number; kind: string; entity_id: string; data: string }>(
      'SELECT seq, kind, entity_id, data FROM changes WHERE organization_id = $1 AND seq > $2 ORDER BY seq, idx LIMIT $3',
      [organizationId, cursor, limit],
    );
    let changes = rows.map(toChange);
    if (changes.length === limit) {
      const lastSeq = changes[changes.length - 1].seq;
      const complete = changes.filter((change) => change.seq !== lastSeq);
      // One commit larger than a page is sent whole rather than split, so a client never sees half of it.
      changes = complete.length ? complete : await this.changesAt(organizationId, lastSeq);
    }
    return changes;
  }

  private async changesAt(organizationId: string, seq: number): Promise<Change[]> {
    const rows = await this.rows<{ seq: number; kind: string; entity_id: string; data: string }>(
      'SELECT seq, kind, entity_id, data FROM changes WHERE organization_id = $1 AND seq = $2 ORDER BY idx',
      [organizationId, seq],
    );
    return rows.map(toChange);
  }

  async headSeq(organizationId: string) {
    const rows = await this.rows<{ seq: number }>('SELECT seq FROM org_sequences WHERE organization_id = $1', [
      organizationId,
    ]);
    return rows[0]?.seq ?? 0;
  }

  async getCommandOutcome(clientId: string, commandId: number) {
    const rows = await this.rows<{ result: string }>(
      'SELECT result FROM command_results WHERE client_id = $1 AND command_id = $2',
      [clientId, commandId],
    );
    return rows[0] ? (JSON.parse(rows[0].result) as CommandOutcome) : undefined;
  }

  async getClient(clientId: string) {
    const rows = await this.rows<{ user_id: string; last_id: number }>(
      'SELECT user_id, last_id FROM clients WHERE client_id = $1',
      [clientId],
    );
    return rows[0] ? { userId: rows[0].user_id, lastProcessedId: rows[0].last_id } : undefined;
  }

  async getIdempotentResponse(userId: string, key: string) {
    const rows = await this.rows<{ fingerprint: string; status_code: number; body: string; created_at: number }>(
      'SELECT fingerprint, status_code, body, created_at FROM idempotency WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    const row = rows[0];
    return row
      ? {
          fingerprint: row.fingerprint,
          statusCode: row.status_code,
          body: JSON.parse(row.body),
          createdAt: row.created_at,
        }
      : undefined;
  }

  /** The directory's lists: the store's (at start-up) and the transaction's (a reload after another process wrote). */
  async listOrganizations() {
    return parseAll<Organization>(await this.rows<DataRow>('SELECT data FROM organizations ORDER BY id'));
  }

  async listUsers(): Promise<StoredUser[]> {
    const rows = await this.rows<{ data: string; password_hash: string }>(
      'SELECT data, password_hash FROM users ORDER BY id',
    );
    return rows.map((row) => ({ ...(JSON.parse(row.data) as StoredUser), passwordHash: row.password_hash }));
  }

  async listCompleteReasons() {
    return parseAll<CompleteReason>(await this.rows<DataRow>('SELECT data FROM complete_reasons ORDER BY pos'));
  }
}
