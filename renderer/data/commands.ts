import type { Table } from 'dexie';
import type {
  Actor,
  AppointmentStatus,
  CommandArgs,
  CommandName,
  Customer,
  EntityRef,
  Job,
  Location,
  SchedulingWarningCode,
  TimeWindow,
} from '../../domain';
import { CONFIRMED_TABLES, type DispatchDb, type OutboxEntry } from './db';
import { parseEntityKey } from './directoryState';
import { CommandRejected, enqueueCommand, type QueueOptions } from './outbox';

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

export interface MoveOptions {
  /** The scheduling warnings the dispatcher saw and chose to move anyway (recorded in the activity). */
  overruled?: readonly SchedulingWarningCode[];
  /** The appointment's job, when the caller has it in hand: the call then reads in one wave. */
  jobId?: string;
}

/** What an enterprise fills in to offer a job; the ids are made here. */
export interface OfferJobInput {
  organizationId: string;
  title: string;
  description?: string;
  serviceType?: string;
  address: Location;
  customer: Pick<Customer, 'firstName' | 'lastName' | 'email' | 'phoneNumbers' | 'homeAddress'>;
}

/** A provider's own new job, as the "New job" dialog fills it in; the ids are made here. */
export interface NewJobInput {
  title: string;
  description?: string;
  serviceType?: string;
  address: Location;
  timeWindows?: TimeWindow[];
  /** A customer of the organization picked from the cache, or a new one. */
  customer: { existingId: string; name: Pick<Customer, 'firstName' | 'lastName' | 'companyName'> } | NewCustomer;
}

export type NewCustomer = Pick<
  Customer,
  'firstName' | 'lastName' | 'companyName' | 'email' | 'phoneNumbers' | 'homeAddress'
>;

const newAppointmentId = () => `apt_${crypto.randomUUID()}`;

/** The warnings' argument, only when there were some: servers older than it refuse it (server/PROTOCOL.md). */
function acknowledged(codes: readonly SchedulingWarningCode[]) {
  return codes.length ? { acknowledgedWarnings: [...codes] } : {};
}

/** Commands whose arguments take the `expectedVersion` of the appointment they edit. */
const VERSIONED_COMMANDS = new Set(['appointment.move', 'appointment.cancel']);

/**
 * Every change a dispatcher can make, as one typed API. Each call checks the shared domain rules against
 * what the dispatcher sees (an impossible action is refused at once with the server's own message),
 * then queues the command durably; the sync engine does the rest.
 */
type DetailChanges = Pick<CommandArgs<'job.update'>, 'title' | 'description' | 'serviceType' | 'timeWindows'>;

/**
 * What the dispatcher saw of the job-detail fields being changed, for `job.update`'s `seen`: the server
 * refuses the edit if someone else changed one of them since, instead of overwriting it.
 */
export function seenDetails(job: Job, changes: DetailChanges): NonNullable<CommandArgs<'job.update'>['seen']> {
  const seen: NonNullable<CommandArgs<'job.update'>['seen']> = {};
  if (changes.title !== undefined) seen.title = job.title;
  if (changes.description !== undefined) seen.description = job.description ?? '';
  if (changes.serviceType !== undefined) seen.serviceType = job.serviceType ?? '';
  if (changes.timeWindows !== undefined) seen.timeWindows = job.timeWindows;
  return seen;
}

/** What `customer.update` may change (each field optional; `email: null` clears it). */
export type CustomerChanges = Omit<CommandArgs<'customer.update'>, 'customerId' | 'expectedVersion'>;

export class DispatchCommands {
  constructor(
    private readonly db: DispatchDb,
    private readonly actor: Actor,
    /** Whether the server is reachable right now (commands queued offline are marked so). */
    private readonly isOnline: () => boolean = () => true,
  ) {}

  /**
   * Queues a command by name. Its arguments are checked at compile time against the command's schema
   * (`CommandArgs`): a wrong shape is a type error here, not a refusal when the dispatcher acts.
   */
  run<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<OutboxEntry> {
    return this.queue(name, args);
  }

  /** Queues a command whose name and arguments are data (read back from the conflicts list). */
  private queue(name: string, args: unknown): Promise<OutboxEntry> {
    return enqueueCommand(this.db, this.actor, name, args, !this.isOnline());
  }

  /**
   * Queues a command that carries something read from the database (the version the dispatcher saw): read
   * in the transaction that queues it, beside that transaction's first reads, not in one of its own that
   * would wait its turn behind the sync engine's writes.
   */
  private queueSeen<N extends CommandName>(
    name: N,
    args: CommandArgs<N>,
    seen: () => Promise<{ expectedVersion?: number }>,
    options: Omit<QueueOptions, 'seen'> = {},
  ): Promise<OutboxEntry> {
    return enqueueCommand(this.db, this.actor, name, args, !this.isOnline(), { ...options, seen });
  }

  accept(jobId: string) {
    return this.run('job.accept', { jobId });
  }

  /** Accepts an offer and schedules its first appointment in one command: both happen or neither. */
  async acceptAndSchedule(
    jobId: string,
    appointment: NewAppointmentInput,
    overruled: readonly SchedulingWarningCode[] = [],
  ): Promise<string> {
    const id = newAppointmentId();
    await this.run('job.accept', { jobId, appointment: { id, ...appointment }, ...acknowledged(overruled) });
    return id;
  }

  decline(jobId: string, reasonId: string, note?: string) {
    return this.run('job.decline', { jobId, reasonId, ...(note ? { note } : {}) });
  }

  /** `overruled`: the scheduling warnings the dispatcher saw and chose to schedule anyway (recorded in the activity). */
  async schedule(
    jobId: string,
    appointment: NewAppointmentInput,
    overruled: readonly SchedulingWarningCode[] = [],
  ): Promise<string> {
    const id = newAppointmentId();
    await this.run('appointment.create', { id, jobId, ...appointment, ...acknowledged(overruled) });
    return id;
  }

  /**
   * Reschedule, reassign or resize; carries the version the dispatcher saw. A `jobId` the caller has in
   * hand (the board's blocks do) saves the call a lookup (`QueueOptions.jobHint`).
   */
  move(appointmentId: string, change: AppointmentChange, options: MoveOptions = {}) {
    return this.queueSeen(
      'appointment.move',
      { appointmentId, ...change, ...acknowledged(options.overruled ?? []) },
      () => this.seenVersion(appointmentId),
      { jobHint: options.jobId },
    );
  }

  setStatus(
    appointmentId: string,
    status: Exclude<AppointmentStatus, 'canceled' | 'complete'>,
    details: { etaMinutes?: number } = {},
  ) {
    return this.run('appointment.setStatus', { appointmentId, status, ...details });
  }

  /**
   * Completes an appointment with the reason the dispatcher picked (every completion has one), and why in
   * their words when they wrote it: a note on the appointment, in the same command.
   */
  complete(appointmentId: string, completeReasonId: string, note?: string) {
    const why = note?.trim();
    return this.run('appointment.complete', { appointmentId, completeReasonId, ...(why ? { note: why } : {}) });
  }

  /** A note on the job, or on one of its appointments; it shows at once and is sent like every command. */
  async addNote(jobId: string, text: string, appointmentId?: string): Promise<string> {
    const noteId = `note_${crypto.randomUUID()}`;
    await this.run('note.add', { noteId, jobId, text, ...(appointmentId ? { appointmentId } : {}) });
    return noteId;
  }

  cancelAppointment(appointmentId: string) {
    return this.queueSeen('appointment.cancel', { appointmentId }, () => this.seenVersion(appointmentId));
  }

  cancelJob(jobId: string, reason?: string) {
    return this.run('job.cancel', { jobId, ...(reason ? { reason } : {}) });
  }

  completeJob(jobId: string) {
    return this.run('job.complete', { jobId });
  }

  /** An enterprise offers a new job, with a new customer, to a provider. */
  async offerJob(input: OfferJobInput): Promise<{ jobId: string; entry: OutboxEntry }> {
    const jobId = `job_${crypto.randomUUID()}`;
    const entry = await this.run('job.offer', {
      ...input,
      jobId,
      customer: { ...input.customer, id: `cus_${crypto.randomUUID()}` },
    });
    return { jobId, entry };
  }

  /**
   * The provider's own job (no job source), Unscheduled. An existing customer is named by id (the server
   * uses it as stored, so only its name travels); a new one is created with the job.
   */
  async createJob(input: NewJobInput): Promise<{ jobId: string; entry: OutboxEntry }> {
    const jobId = `job_${crypto.randomUUID()}`;
    const { customer, ...job } = input;
    const entry = await this.run('job.create', {
      ...job,
      jobId,
      organizationId: this.actor.organizationId ?? '',
      customer:
        'existingId' in customer
          ? { id: customer.existingId, ...customer.name }
          : { ...customer, id: `cus_${crypto.randomUUID()}` },
    });
    return { jobId, entry };
  }

  /** An enterprise takes back an offer the provider has not answered yet. */
  withdraw(jobId: string) {
    return this.run('job.withdraw', { jobId });
  }

  /**
   * Changes the dispatcher's organization's settings (name, office time zone, attention thresholds), on
   * the version of them the dispatcher last saw confirmed.
   */
  updateOrganization(changes: Omit<CommandArgs<'organization.update'>, 'organizationId' | 'expectedVersion'>) {
    const organizationId = this.actor.organizationId ?? '';
    return this.queueSeen('organization.update', { organizationId, ...changes }, () =>
      this.seenEntityVersion({ kind: 'organization', id: organizationId }),
    );
  }

  /**
   * Corrects a customer's name, contact, home address or notes, on the version of the customer the
   * dispatcher last saw confirmed (someone else's edit since is refused, as for a move).
   */
  updateCustomer(customerId: string, changes: CustomerChanges) {
    return this.queueSeen('customer.update', { customerId, ...changes }, () =>
      this.seenEntityVersion({ kind: 'customer', id: customerId }),
    );
  }

  /** Replaces a technician's weekly hours and time off (office wall clock); the last write wins, as on the server. */
  setAvailability(userId: string, availability: CommandArgs<'user.setAvailability'>['availability']) {
    return this.run('user.setAvailability', { userId, availability });
  }

  /** Replaces a technician's skills (service types and free tags such as "EPA 608"). */
  updateSkills(userId: string, skills: string[]) {
    return this.run('user.update', { userId, skills });
  }

  dismissConflict(key: number) {
    return this.db.conflicts.delete(key);
  }

  /**
   * Runs a refused action again on the fresh state: the same intent, a new command id, and the version
   * the dispatcher sees now. The conflict leaves the list only if the action is accepted locally.
   */
  async applyAgain(key: number): Promise<OutboxEntry> {
    const { db } = this;
    // One transaction: the new command and the conflict's removal happen together or not at all, and a
    // second "apply again" of the same conflict (a double click) waits for the first, then finds the
    // conflict gone instead of queuing the action twice.
    return db.transaction(
      'rw',
      [db.conflicts, db.outbox, db.meta, ...CONFIRMED_TABLES.map((table) => db.table(table))],
      async () => {
        const conflict = await db.conflicts.get(key);
        if (!conflict) throw new CommandRejected('NOT_FOUND', 'This conflict was already dismissed.');
        const args = { ...(conflict.args as Record<string, unknown>) };
        // Every edit that can carry a version gets the confirmed one seen now, also when the refused command
        // had none (older consoles sent none after a pending change of theirs): applying again must not
        // overwrite blindly.
        if (VERSIONED_COMMANDS.has(conflict.name) && typeof args.appointmentId === 'string') {
          delete args.expectedVersion;
          Object.assign(args, await this.seenVersion(args.appointmentId));
        }
        // Job details: what the dispatcher sees now of the fields the edit changes.
        if (conflict.name === 'job.update' && args.seen && typeof args.jobId === 'string') {
          const job = await db.jobs.get(args.jobId);
          if (job) args.seen = seenDetails(job, args as DetailChanges);
        }
        // A command about an organization, a user or a customer that carried a version gets the one seen now.
        const entity = conflict.entity ? parseEntityKey(conflict.entity) : undefined;
        if (entity && 'expectedVersion' in args) {
          delete args.expectedVersion;
          Object.assign(args, await this.seenEntityVersion(entity));
        }
        const entry = await this.queue(conflict.name, args);
        await db.conflicts.delete(key);
        return entry;
      },
    );
  }

  /**
   * The confirmed version of an appointment: the last one the dispatcher saw written by someone, also when
   * pending commands of ours already edit it. The server accepts it as long as every write since was our
   * own client's (our earlier pending edits, once applied), and refuses it when anyone else's came in
   * between — so a second offline edit can no longer silently overwrite another dispatcher's change.
   * An appointment that a pending command of ours creates has no confirmed version yet: its chain of our
   * writes starts at 0 (see `LastWrite`), so 0 is the version we saw, and the edit is refused should
   * anyone else change the appointment between its creation and this edit.
   */
  /**
   * The confirmed version of an organization, a user or a customer, for a command that edits it: the same
   * rule as `seenVersion` (our own pending edits since do not count), so a second offline edit of the
   * organization's settings is accepted after our first, and refused after anyone else's.
   */
  private async seenEntityVersion(entity: EntityRef): Promise<{ expectedVersion?: number }> {
    const table = { organization: this.db.organizations, user: this.db.users, customer: this.db.customers }[
      entity.kind
    ];
    const confirmed = await (table as Table<{ version: number }, string>).get(entity.id);
    return confirmed ? { expectedVersion: confirmed.version } : {};
  }

  private async seenVersion(appointmentId: string): Promise<{ expectedVersion?: number }> {
    const confirmed = await this.db.appointments.get(appointmentId);
    if (confirmed) return { expectedVersion: confirmed.version };
    const created = await this.db.outbox.where('appointmentIds').equals(appointmentId).count();
    return created ? { expectedVersion: 0 } : {};
  }
}
