import type {
  ActivityEvent,
  Appointment,
  CompleteReason,
  Customer,
  CustomerNotification,
  Job,
  JobDisplayStatus,
  Note,
  Organization,
} from '../../../domain';
import type { Change, CommandOutcome, StoredUser, Tx } from '../types';
import { EntityCache } from '../entityCache';
import { SqliteReader } from './reader';
import type { Row } from './rows';

/**
 * The writer connection, handed to `transaction` callbacks as the `Tx`.
 *
 * Two per-command costs are kept off SQLite: organization sequences are counted in memory during a
 * transaction and written once at its end (a savepoint that rolls back restores them, so a refused
 * command never leaves a gap), and an entity written both to its table and to the change log is
 * serialized once (by reference: the pipeline builds a new object for every write and never mutates one
 * it has handed over, and the memo is dropped with the transaction). The jobs, appointments, customers and
 * client progress commands read are kept in memory across transactions (../entityCache.ts: this connection
 * is the only writer), forgotten where a rollback undoes what was written.
 */
export class SqliteWriter extends SqliteReader implements Tx {
  private savepointDepth = 0;
  /** Sequences handed out by the open transaction, written by `flushSequences` before COMMIT. */
  private sequences = new Map<string, number>();
  /** A plain Map, not a WeakMap: it lives one transaction, whose entities stay alive until it ends anyway, and weak keys cost the GC. */
  private json = new Map<object, string>();
  /** Undo callbacks of the open transaction, newest last; a savepoint remembers where its own begin. */
  private undos: (() => void)[] = [];
  private readonly cache = new EntityCache();

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
    const cacheMark = this.cache.mark;
    this.sql(`SAVEPOINT ${name}`).run();
    try {
      const result = await fn();
      this.sql(`RELEASE ${name}`).run();
      return result;
    } catch (error) {
      this.sql(`ROLLBACK TO ${name}`).run();
      this.sql(`RELEASE ${name}`).run();
      this.sequences = sequences;
      this.cache.rollBack(cacheMark);
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

  override getClient(clientId: string) {
    return this.cache.readClient(clientId, () => super.getClient(clientId));
  }

  async nextSeq(organizationId: string) {
    let seq = this.sequences.get(organizationId);
    if (seq === undefined) {
      const row = this.sql('SELECT seq FROM org_sequences WHERE organization_id = ?').get(organizationId) as
        Row | undefined;
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
    const upsert = this.sql(
      'INSERT INTO org_sequences (organization_id, seq) VALUES (?, ?) ON CONFLICT (organization_id) DO UPDATE SET seq = excluded.seq',
    );
    for (const [organizationId, seq] of this.sequences) upsert.run(organizationId, seq);
  }

  /** Forgets the transaction's in-memory state after COMMIT, or undoes it after a ROLLBACK. */
  endTransaction(committed: boolean): void {
    if (committed) this.cache.committed();
    else {
      this.cache.rollBack(0);
      this.rollBackMemory(0);
    }
    this.undos = [];
    this.sequences = new Map();
    this.json.clear();
  }

  async appendChanges(organizationId: string, changes: readonly Change[]) {
    const insert = this.sql(
      'INSERT INTO changes (organization_id, seq, idx, kind, entity_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    return changes.map((change, idx) => {
      const data = this.serialize(change.data as object);
      insert.run(organizationId, change.seq, idx, change.kind, change.id, data);
      return data;
    });
  }

  async putOrganization(organization: Organization) {
    this.sql('INSERT OR REPLACE INTO organizations (id, data) VALUES (?, ?)').run(
      organization.id,
      JSON.stringify(organization),
    );
  }

  async putUser(user: StoredUser) {
    const { passwordHash, ...data } = user;
    this.sql(
      'INSERT OR REPLACE INTO users (id, organization_id, email, password_hash, data) VALUES (?, ?, ?, ?, ?)',
    ).run(user.id, user.organizationId, user.email, passwordHash, JSON.stringify(data));
  }

  async putCustomer(customer: Customer) {
    this.sql(
      'INSERT INTO customers (id, organization_id, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, data = excluded.data',
    ).run(customer.id, customer.organizationId, this.serialize(customer));
    this.cache.wroteCustomer(customer);
  }

  async putJob(job: Job, displayStatus: JobDisplayStatus) {
    // An upsert, not INSERT OR REPLACE: REPLACE deletes and re-inserts the row, rewriting every index.
    this.sql(
      `INSERT INTO jobs (id, organization_id, source_id, customer_id, display_status, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, source_id = excluded.source_id, customer_id = excluded.customer_id,
         display_status = excluded.display_status, created_at = excluded.created_at, data = excluded.data`,
    ).run(job.id, job.organizationId, job.sourceId, job.customerId, displayStatus, job.createdAt, this.serialize(job));
    this.cache.wroteJob(job);
  }

  async putAppointment(appointment: Appointment, sourceId: string | null) {
    const known = this.cache.knownAppointment(appointment.id);
    // The row exists and keeps its job and organization: an UPDATE that leaves the job index alone, where the
    // upsert below would first try an insert and then rewrite every index of the row. Should the row be missing
    // after all, nothing was updated and the upsert writes it.
    if (
      known?.jobId === appointment.jobId &&
      known.organizationId === appointment.organizationId &&
      this.sql(
        'UPDATE appointments SET source_id = ?, technician_id = ?, start = ?, status = ?, data = ? WHERE id = ?',
      ).run(
        sourceId,
        appointment.technicianId,
        appointment.start,
        appointment.status,
        this.serialize(appointment),
        appointment.id,
      ).changes === 1
    ) {
      this.cache.wroteAppointment(appointment);
      return;
    }
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
    this.cache.wroteAppointment(appointment);
  }

  async putCompleteReason(reason: CompleteReason) {
    this.sql('INSERT OR REPLACE INTO complete_reasons (id, data) VALUES (?, ?)').run(reason.id, JSON.stringify(reason));
  }

  async appendActivity(event: ActivityEvent) {
    this.sql('INSERT INTO activity (id, job_id, received_at, data) VALUES (?, ?, ?, ?)').run(
      event.id,
      event.jobId,
      event.receivedAt,
      this.serialize(event),
    );
  }

  async appendNotification(notification: CustomerNotification) {
    this.sql('INSERT INTO notifications (id, job_id, data) VALUES (?, ?, ?)').run(
      notification.id,
      notification.jobId,
      this.serialize(notification),
    );
  }

  async appendNote(note: Note) {
    this.sql('INSERT INTO notes (id, job_id, appointment_id, received_at, data) VALUES (?, ?, ?, ?, ?)').run(
      note.id,
      note.jobId,
      note.appointmentId ?? null,
      note.receivedAt,
      this.serialize(note),
    );
  }

  async setClientProgress(clientId: string, userId: string, lastProcessedId: number) {
    this.sql(
      'INSERT INTO clients (client_id, user_id, last_id) VALUES (?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET last_id = excluded.last_id',
    ).run(clientId, userId, lastProcessedId);
    // The row's user stays the first one's (ON CONFLICT keeps it): so does the cached progress.
    const userOfRow = (await this.getClient(clientId))?.userId ?? userId;
    this.cache.wroteClient(clientId, { userId: userOfRow, lastProcessedId });
  }

  async saveCommandOutcome(clientId: string, outcome: CommandOutcome, recordedAt: number) {
    this.sql('INSERT INTO command_results (client_id, command_id, result, recorded_at) VALUES (?, ?, ?, ?)').run(
      clientId,
      outcome.id,
      JSON.stringify(outcome),
      recordedAt,
    );
  }

  async saveIdempotentResponse(
    userId: string,
    key: string,
    fingerprint: string,
    statusCode: number,
    body: unknown,
    createdAt: number,
  ) {
    this.sql(
      'INSERT OR REPLACE INTO idempotency (user_id, key, fingerprint, status_code, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(userId, key, fingerprint, statusCode, JSON.stringify(body), createdAt);
  }

  async pruneCommandOutcomes(clientId: string, upToId: number) {
    this.sql('DELETE FROM command_results WHERE client_id = ? AND command_id <= ?').run(clientId, upToId);
  }

  async pruneCommandOutcomesBefore(before: number) {
    this.sql('DELETE FROM command_results WHERE recorded_at < ?').run(before);
  }

  async pruneIdempotency(before: number) {
    this.sql('DELETE FROM idempotency WHERE created_at < ?').run(before);
  }
}
