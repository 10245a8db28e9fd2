import type { Actor, AppointmentStatus } from '../../domain';
import type { DispatchDb, OutboxEntry } from './db';
import { readJobView } from './jobState';
import { CommandRejected, enqueueCommand } from './outbox';

export interface NewAppointmentInput {
  technicianId: string | null;
  start: number;
  durationMinutes?: number;
}

export interface AppointmentChange {
  start?: number;
  technicianId?: string | null;
  durationMinutes?: number;
}

const newAppointmentId = () => `apt_${crypto.randomUUID()}`;

/**
 * Every change a dispatcher can make, as one typed API. Each call checks the shared domain rules against
 * what the dispatcher sees (an impossible action is refused at once with the server's own message),
 * then queues the command durably; the sync engine does the rest.
 */
export class DispatchCommands {
  constructor(
    private readonly db: DispatchDb,
    private readonly actor: Actor,
    /** Whether the server is reachable right now (commands queued offline are marked so). */
    private readonly isOnline: () => boolean = () => true,
  ) {}

  private run(name: string, args: unknown): Promise<OutboxEntry> {
    return enqueueCommand(this.db, this.actor, name, args, !this.isOnline());
  }

  accept(jobId: string) {
    return this.run('job.accept', { jobId });
  }

  /** Accepts an offer and schedules its first appointment in one command: both happen or neither. */
  async acceptAndSchedule(jobId: string, appointment: NewAppointmentInput): Promise<string> {
    const id = newAppointmentId();
    await this.run('job.accept', { jobId, appointment: { id, ...appointment } });
    return id;
  }

  decline(jobId: string, reasonId: string, note?: string) {
    return this.run('job.decline', { jobId, reasonId, ...(note ? { note } : {}) });
  }

  async schedule(jobId: string, appointment: NewAppointmentInput): Promise<string> {
    const id = newAppointmentId();
    await this.run('appointment.create', { id, jobId, ...appointment });
    return id;
  }

  /** Reschedule, reassign or resize; carries the version the dispatcher saw. */
  async move(appointmentId: string, change: AppointmentChange) {
    return this.run('appointment.move', { appointmentId, ...change, ...(await this.seenVersion(appointmentId)) });
  }

  setStatus(appointmentId: string, status: Exclude<AppointmentStatus, 'canceled'>, details: { etaMinutes?: number; completeReasonId?: string } = {}) {
    return this.run('appointment.setStatus', { appointmentId, status, ...details });
  }

  async cancelAppointment(appointmentId: string) {
    return this.run('appointment.cancel', { appointmentId, ...(await this.seenVersion(appointmentId)) });
  }

  cancelJob(jobId: string, reason?: string) {
    return this.run('job.cancel', { jobId, ...(reason ? { reason } : {}) });
  }

  completeJob(jobId: string) {
    return this.run('job.complete', { jobId });
  }

  dismissConflict(key: number) {
    return this.db.conflicts.delete(key);
  }

  /**
   * Runs a refused action again on the fresh state: the same intent, a new command id, and the version
   * the dispatcher sees now. The conflict leaves the list only if the action is accepted locally.
   */
  async applyAgain(key: number): Promise<OutboxEntry> {
    const conflict = await this.db.conflicts.get(key);
    if (!conflict) throw new CommandRejected('NOT_FOUND', 'This conflict was already dismissed.');
    const args = { ...(conflict.args as Record<string, unknown>) };
    if ('expectedVersion' in args && typeof args.appointmentId === 'string') {
      delete args.expectedVersion;
      Object.assign(args, await this.seenVersion(args.appointmentId));
    }
    const entry = await this.run(conflict.name, args);
    await this.db.conflicts.delete(key);
    return entry;
  }

  /**
   * The confirmed version of an appointment, when the dispatcher's view of it is confirmed. When an
   * earlier pending command of ours already touches it, that command carries the check, and a second
   * version would wrongly call our own first change stale.
   */
  private async seenVersion(appointmentId: string): Promise<{ expectedVersion?: number }> {
    const confirmed = await this.db.appointments.get(appointmentId);
    if (!confirmed) return {};
    const view = await readJobView(this.db, confirmed.jobId, this.actor);
    return view.pendingAppointmentIds.has(appointmentId) ? {} : { expectedVersion: confirmed.version };
  }
}
