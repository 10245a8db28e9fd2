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
  User,
} from '../../domain';
import type { Change, CommandResult } from '../../domain/protocol';

export type { Change } from '../../domain/protocol';

/** A command's stored outcome (the push answer's result), returned again when the same command id is resent. */
export type CommandOutcome = CommandResult & {
  /** Stored, never sent: a hash of the command's name and arguments, so a resend that differs is caught. */
  fingerprint?: string;
};

export interface StoredUser extends User {
  passwordHash: string;
}

export interface JobFilter {
  /** The organizations whose jobs the caller may see (provider view). */
  organizationIds?: string[];
  /** For enterprise callers: only the jobs this source sent. */
  sourceId?: string;
  displayStatusIn?: JobDisplayStatus[];
  displayStatusNotIn?: JobDisplayStatus[];
  customerIdIn?: string[];
  externalId?: string;
  limit: number;
  offset: number;
}

export interface AppointmentFilter {
  organizationIds?: string[];
  sourceId?: string;
  jobIdIn?: string[];
  statusIn?: string[];
  technicianIdIn?: string[];
  technicianIdNull?: boolean;
  timeGt?: number;
  timeGte?: number;
  timeLt?: number;
  timeLte?: number;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Reads available inside and outside a transaction. */
export interface Reads {
  getJob(id: string): Promise<Job | undefined>;
  getAppointment(id: string): Promise<Appointment | undefined>;
  appointmentsOfJob(jobId: string): Promise<Appointment[]>;
  getCustomer(id: string): Promise<Customer | undefined>;
  /** The job sources that sent the organization a job for this customer (they follow the customer too). */
  sourcesOfCustomer(organizationId: string, customerId: string): Promise<string[]>;
  listJobs(filter: JobFilter): Promise<Page<Job>>;
  listAppointments(filter: AppointmentFilter): Promise<Page<Appointment>>;
  listCustomers(
    organizationIds: string[] | undefined,
    sourceId: string | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<Customer>>;
  activityOfJob(jobId: string): Promise<ActivityEvent[]>;
  notificationsOfJob(jobId: string): Promise<CustomerNotification[]>;
  getNote(id: string): Promise<Note | undefined>;
  /** The job's notes (on it and on its appointments), newest first. */
  notesOfJob(jobId: string): Promise<Note[]>;
  /** Whether any appointment was completed with this reason. */
  isCompleteReasonUsed(reasonId: string): Promise<boolean>;
  /** Changes after `cursor`, never splitting one commit across pages. */
  changesAfter(organizationId: string, cursor: number, limit: number): Promise<Change[]>;
  headSeq(organizationId: string): Promise<number>;
  getCommandOutcome(clientId: string, commandId: number): Promise<CommandOutcome | undefined>;
  getClient(clientId: string): Promise<{ userId: string; lastProcessedId: number } | undefined>;
  getIdempotentResponse(
    userId: string,
    key: string,
  ): Promise<{ fingerprint: string; statusCode: number; body: unknown; createdAt: number } | undefined>;
}

/** Writes happen only inside a transaction. */
export interface Tx extends Reads {
  /** Runs `fn` so that if it throws, only its writes are undone (a rejected command in a group commit). */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Registers the undo of a change made outside the database (the in-memory directory) on the strength
   * of this transaction's writes: run if the writes are rolled back, by their savepoint or the whole
   * transaction, so memory never claims what the disk does not hold.
   */
  onRollback(undo: () => void): void;
  /** Advances the organization's counter row and returns the new sequence number. */
  nextSeq(organizationId: string): Promise<number>;
  /**
   * Appends one commit's changes (all with the same seq) to an organization's log, in order. Returns the JSON
   * text of each change's `data` as written (`JSON.stringify` of it), so the broadcast need not serialize it again.
   */
  appendChanges(organizationId: string, changes: readonly Change[]): Promise<string[]>;
  putOrganization(organization: Organization): Promise<void>;
  putUser(user: StoredUser): Promise<void>;
  putCustomer(customer: Customer): Promise<void>;
  putJob(job: Job, displayStatus: JobDisplayStatus): Promise<void>;
  putAppointment(appointment: Appointment, sourceId: string | null): Promise<void>;
  putCompleteReason(reason: CompleteReason): Promise<void>;
  appendActivity(event: ActivityEvent): Promise<void>;
  appendNotification(notification: CustomerNotification): Promise<void>;
  appendNote(note: Note): Promise<void>;
  setClientProgress(clientId: string, userId: string, lastProcessedId: number): Promise<void>;
  saveCommandOutcome(clientId: string, outcome: CommandOutcome, recordedAt: number): Promise<void>;
  saveIdempotentResponse(
    userId: string,
    key: string,
    fingerprint: string,
    statusCode: number,
    body: unknown,
    createdAt: number,
  ): Promise<void>;
  /** Forgets a client's stored outcomes of command ids up to `upToId`. */
  pruneCommandOutcomes(clientId: string, upToId: number): Promise<void>;
  /** Forgets every client's outcomes recorded before `before`. */
  pruneCommandOutcomesBefore(before: number): Promise<void>;
  /** Forgets idempotency records made before `before` (their keys may be used again). */
  pruneIdempotency(before: number): Promise<void>;
}

/** What the in-memory directory is loaded from: the store, or a transaction (a reload inside a write). */
export type DirectoryReads = Pick<Store, 'listOrganizations' | 'listUsers' | 'listCompleteReasons'>;

/**
 * The storage the server needs: SQLite (embedded, the default, `sqlite/`) or PostgreSQL (several server
 * processes on one database, `postgres/`). Everything is async so that a networked store fits the same shape.
 */
export interface Store extends Reads {
  /** A stable id of this database, so clients can tell a reset server from the one they synced with. */
  readonly databaseId: string;
  /** Runs `fn` in one transaction; transactions never interleave. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Loaded once at start-up and kept current by the writers: small, and read by every command. */
  listOrganizations(): Promise<Organization[]>;
  listUsers(): Promise<StoredUser[]>;
  listCompleteReasons(): Promise<CompleteReason[]>;
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Stores shared by several processes only (PostgreSQL): `reload` is called with the transaction's reads
   * at the start of a write transaction when another process changed organizations, users or complete
   * reasons since this one last looked, before the transaction's work runs. SQLite has one writer: absent.
   */
  watchDirectory?(reload: (reads: DirectoryReads) => Promise<void>): void;
  /** Runs the `watchDirectory` reload now if the directory changed elsewhere (queued after this process's writes). */
  refreshDirectory?(): Promise<void>;
}
