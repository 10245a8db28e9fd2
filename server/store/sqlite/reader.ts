import type Database from 'better-sqlite3';
import type { ActivityEvent, Appointment, Customer, CustomerNotification, Job, Note } from '../../../domain';
import type { AppointmentFilter, Change, CommandOutcome, JobFilter, Page, Reads } from '../types';
import { parse, parseAll, placeholders, toChange, type Row } from './rows';

/**
 * Reads over one connection. The store reads through its own read-only connection, which in WAL mode
 * sees only committed data; a transaction reads through the writer, which sees its own writes.
 */
export class SqliteReader implements Reads {
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
    return parseAll<Appointment>(
      this.sql('SELECT data FROM appointments WHERE job_id = ? ORDER BY start').all(jobId) as Row[],
    );
  }

  async getCustomer(id: string) {
    return parse<Customer>(this.sql('SELECT data FROM customers WHERE id = ?').get(id) as Row);
  }

  async sourcesOfCustomer(organizationId: string, customerId: string) {
    const rows = this.sql(
      'SELECT DISTINCT source_id FROM jobs WHERE organization_id = ? AND customer_id = ? AND source_id IS NOT NULL',
    ).all(organizationId, customerId) as { source_id: string }[];
    return rows.map((row) => row.source_id);
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

  async listCustomers(
    organizationIds: string[] | undefined,
    sourceId: string | undefined,
    limit: number,
    offset: number,
  ) {
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

  private page<T>(
    table: string,
    where: string[],
    params: unknown[],
    order: string,
    limit: number,
    offset: number,
  ): Page<T> {
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table} ${clause}`).get(...params) as Row).n as number;
    const rows = this.db
      .prepare(`SELECT data FROM ${table} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as Row[];
    return { items: parseAll<T>(rows), total };
  }

  async activityOfJob(jobId: string) {
    return parseAll<ActivityEvent>(
      this.sql('SELECT data FROM activity WHERE job_id = ? ORDER BY received_at, rowid').all(jobId) as Row[],
    );
  }

  async notificationsOfJob(jobId: string) {
    return parseAll<CustomerNotification>(
      this.sql('SELECT data FROM notifications WHERE job_id = ? ORDER BY rowid').all(jobId) as Row[],
    );
  }

  async getNote(id: string) {
    return parse<Note>(this.sql('SELECT data FROM notes WHERE id = ?').get(id) as Row);
  }

  async notesOfJob(jobId: string) {
    // Newest first, as every reader shows them; rowid breaks ties within one commit.
    return parseAll<Note>(
      this.sql('SELECT data FROM notes WHERE job_id = ? ORDER BY received_at DESC, rowid DESC').all(jobId) as Row[],
    );
  }

  /** A scan of completed appointments: rare (a job source changing a reason's effect), so no index of its own. */
  async isCompleteReasonUsed(reasonId: string) {
    return !!this.sql(
      "SELECT 1 FROM appointments WHERE status = 'complete' AND json_extract(data, '$.completeReasonId') = ? LIMIT 1",
    ).get(reasonId);
  }

  async changesAfter(organizationId: string, cursor: number, limit: number): Promise<Change[]> {
    const rows = this.sql(
      'SELECT seq, kind, entity_id, data FROM changes WHERE organization_id = ? AND seq > ? ORDER BY seq, idx LIMIT ?',
    ).all(organizationId, cursor, limit) as Row[];
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
    const rows = this.sql(
      'SELECT seq, kind, entity_id, data FROM changes WHERE organization_id = ? AND seq = ? ORDER BY idx',
    ).all(organizationId, seq) as Row[];
    return rows.map(toChange);
  }

  async headSeq(organizationId: string) {
    const row = this.sql('SELECT seq FROM org_sequences WHERE organization_id = ?').get(organizationId) as
      Row | undefined;
    return (row?.seq as number | undefined) ?? 0;
  }

  async getCommandOutcome(clientId: string, commandId: number) {
    const row = this.sql('SELECT result FROM command_results WHERE client_id = ? AND command_id = ?').get(
      clientId,
      commandId,
    ) as Row | undefined;
    return row ? (JSON.parse(row.result as string) as CommandOutcome) : undefined;
  }

  async getClient(clientId: string) {
    const row = this.sql('SELECT user_id, last_id FROM clients WHERE client_id = ?').get(clientId) as Row | undefined;
    return row ? { userId: row.user_id as string, lastProcessedId: row.last_id as number } : undefined;
  }

  async getIdempotentResponse(userId: string, key: string) {
    const row = this.sql(
      'SELECT fingerprint, status_code, body, created_at FROM idempotency WHERE user_id = ? AND key = ?',
    ).get(userId, key) as Row | undefined;
    return row
      ? {
          fingerprint: row.fingerprint as string,
          statusCode: row.status_code as number,
          body: JSON.parse(row.body as string),
          createdAt: row.created_at as number,
        }
      : undefined;
  }
}
