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
import { PgTransaction } from './transaction';

/**
 * One transaction's client, handed to `transaction` callbacks as the `Tx`: every write (transaction.ts has the
 * rest). Jobs, appointments and customers written also go to the store's cache (client progress does not:
 * a push whose commands were all refused moves it without a sequence number, so another process's would go unseen).
 */
export class PgTx extends PgTransaction implements Tx {
  async appendChanges(organizationId: string, changes: readonly Change[]) {
    if (!changes.length) return [];
    // One statement for the whole commit, whatever its size.
    const rows = changes.map((_, index) => {
      const at = 2 + index * 5;
      return `($1, $${at}, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4})`;
    });
    const data = changes.map((change) => this.serialize(change.data as object));
    await this.run(`INSERT INTO changes (organization_id, seq, idx, kind, entity_id, data) VALUES ${rows.join(', ')}`, [
      organizationId,
      ...changes.flatMap((change, idx) => [change.seq, idx, change.kind, change.id, data[idx]]),
    ]);
    return data;
  }

  async putOrganization(organization: Organization) {
    this.directoryWritten = true;
    await this.run(
      'INSERT INTO organizations (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
      [organization.id, JSON.stringify(organization)],
    );
  }

  async putUser(user: StoredUser) {
    this.directoryWritten = true;
    const { passwordHash, ...data } = user;
    await this.run(
      `INSERT INTO users (id, organization_id, email, password_hash, data) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, email = excluded.email,
         password_hash = excluded.password_hash, data = excluded.data`,
      [user.id, user.organizationId, user.email, passwordHash, JSON.stringify(data)],
    );
  }

  async putCustomer(customer: Customer) {
    await this.run(
      `INSERT INTO customers (id, organization_id, data) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, data = excluded.data`,
      [customer.id, customer.organizationId, this.serialize(customer)],
    );
    this.cache.wroteCustomer(customer);
  }

  async putJob(job: Job, displayStatus: JobDisplayStatus) {
    await this.run(
      `INSERT INTO jobs (id, organization_id, source_id, customer_id, display_status, created_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, source_id = excluded.source_id,
         customer_id = excluded.customer_id, display_status = excluded.display_status, created_at = excluded.created_at,
         data = excluded.data`,
      [job.id, job.organizationId, job.sourceId, job.customerId, displayStatus, job.createdAt, this.serialize(job)],
    );
    this.cache.wroteJob(job);
  }

  async putAppointment(appointment: Appointment, sourceId: string | null) {
    await this.run(
      `INSERT INTO appointments (id, job_id, organization_id, source_id, technician_id, start, status, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, organization_id = excluded.organization_id,
         source_id = excluded.source_id, technician_id = excluded.technician_id, start = excluded.start,
         status = excluded.status, data = excluded.data`,
      [
        appointment.id,
        appointment.jobId,
        appointment.organizationId,
        sourceId,
        appointment.technicianId,
        appointment.start,
        appointment.status,
        this.serialize(appointment),
      ],
    );
    this.cache.wroteAppointment(appointment);
  }

  /** A rewritten reason moves to the end of the list, as SQLite's INSERT OR REPLACE (a new rowid) and the directory do. */
  async putCompleteReason(reason: CompleteReason) {
    this.directoryWritten = true;
    await this.run(
      'INSERT INTO complete_reasons (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = excluded.data, pos = excluded.pos',
      [reason.id, JSON.stringify(reason)],
    );
  }

  async appendActivity(event: ActivityEvent) {
    await this.run('INSERT INTO activity (id, job_id, received_at, data) VALUES ($1, $2, $3, $4)', [
      event.id,
      event.jobId,
      event.receivedAt,
      this.serialize(event),
    ]);
  }

  async appendNotification(notification: CustomerNotification) {
    await this.run('INSERT INTO notifications (id, job_id, data) VALUES ($1, $2, $3)', [
      notification.id,
      notification.jobId,
      this.serialize(notification),
    ]);
  }

  async appendNote(note: Note) {
    await this.run('INSERT INTO notes (id, job_id, appointment_id, received_at, data) VALUES ($1, $2, $3, $4, $5)', [
      note.id,
      note.jobId,
      note.appointmentId ?? null,
      note.receivedAt,
      this.serialize(note),
    ]);
  }

  async setClientProgress(clientId: string, userId: string, lastProcessedId: number) {
    await this.run(
      `INSERT INTO clients (client_id, user_id, last_id) VALUES ($1, $2, $3)
       ON CONFLICT (client_id) DO UPDATE SET last_id = excluded.last_id`,
      [clientId, userId, lastProcessedId],
    );
  }

  async saveCommandOutcome(clientId: string, outcome: CommandOutcome, recordedAt: number) {
    await this.run('INSERT INTO command_results (client_id, command_id, result, recorded_at) VALUES ($1, $2, $3, $4)', [
      clientId,
      outcome.id,
      JSON.stringify(outcome),
      recordedAt,
    ]);
  }

  async saveIdempotentResponse(
    userId: string,
    key: string,
    fingerprint: string,
    statusCode: number,
    body: unknown,
    createdAt: number,
  ) {
    await this.run(
      `INSERT INTO idempotency (user_id, key, fingerprint, status_code, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = excluded.fingerprint, status_code = excluded.status_code,
         body = excluded.body, created_at = excluded.created_at`,
      [userId, key, fingerprint, statusCode, JSON.stringify(body), createdAt],
    );
  }

  async pruneCommandOutcomes(clientId: string, upToId: number) {
    await this.run('DELETE FROM command_results WHERE client_id = $1 AND command_id <= $2', [clientId, upToId]);
  }

  async pruneCommandOutcomesBefore(before: number) {
    await this.run('DELETE FROM command_results WHERE recorded_at < $1', [before]);
  }

  async pruneIdempotency(before: number) {
    await this.run('DELETE FROM idempotency WHERE created_at < $1', [before]);
  }
}
