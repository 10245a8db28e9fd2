/**
 * The entities of a dispatch network, as the seed describes them. Times are epoch milliseconds
 * (numbers sort and position on the board without parsing); the wire formats convert at the edges.
 * Every synced entity carries `version`: the sequence number of the change that last wrote it, so a
 * command can say which version it saw and the server can refuse a stale one.
 */

export type OrganizationKind = 'enterprise' | 'provider';

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  /**
   * The office's clock (IANA, e.g. America/Chicago): the board's day, working hours and every time a
   * dispatcher reads are shown in it, whatever zone the dispatcher's machine is set to.
   */
  timeZone?: string;
  /** Thresholds of the attention panel; missing fields take `DEFAULT_ATTENTION` (organization.ts). */
  attention?: Partial<{ lateStartGraceMinutes: number; offerWaitingMinutes: number; pausedAgingDays: number }>;
  /** Who last changed its settings and when (actor's clock), so a refused stale edit can say so. */
  updatedBy?: string;
  updatedAt?: number;
  /** Which client's command wrote this version (see `LastWrite`); absent when no command did. */
  lastWrite?: LastWrite;
  version: number;
}

/** What a user may act as. Enterprise users belong to an enterprise organization. */
export type UserRole = 'dispatcher' | 'technician' | 'enterprise';

export interface User {
  id: string;
  organizationId: string;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
  roles: UserRole[];
  /**
   * When a technician works, in the organization's office zone (see availability.ts). Absent: no hours
   * set, so the technician counts as available at any time (users stored before it existed keep working).
   */
  availability?: Availability;
  /**
   * What the technician can do: service types ('hvac', 'plumbing') and free tags ("EPA 608"), compared
   * without regard to case (skills.ts). Absent: never set, so no job is refused for skills.
   */
  skills?: string[];
  updatedBy?: string;
  updatedAt?: number;
  /** Which client's command wrote this version (see `LastWrite`); absent when no command did. */
  lastWrite?: LastWrite;
  /** Lane color/order hints live in the UI; the domain only needs who the person is. */
  version: number;
}

/** One working span of a weekday, on the office's wall clock. */
export interface WeeklyHours {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** 'HH:MM', 00:00–23:59. */
  start: string;
  /** 'HH:MM', up to '24:00'; before `start` the span runs past midnight into the next day. */
  end: string;
}

/** A span away from work (vacation, a doctor's visit); instants, so it means the same in every zone. */
export interface TimeOff {
  start: number;
  end: number;
  reason?: string;
}

export interface Availability {
  /** Working spans; several per weekday for a split shift. Empty: no hours set (any time is working time). */
  weekly: WeeklyHours[];
  timeOff: TimeOff[];
}

export interface Location {
  street1: string;
  street2?: string;
  city: string;
  state?: string;
  postalCode?: string;
  timezone?: string;
}

export interface PhoneNumber {
  /** RFC 3966, e.g. tel:+1-555-0100 */
  number: string;
  primary: boolean;
  type?: 'mobile' | 'home' | 'work' | 'other';
}

export interface Customer {
  id: string;
  organizationId: string;
  firstName: string;
  lastName?: string;
  companyName?: string;
  email?: string;
  phoneNumbers: PhoneNumber[];
  homeAddress?: Location;
  notes?: string;
  updatedBy?: string;
  updatedAt?: number;
  /** Which client's command wrote this version (see `LastWrite`); absent when no command did. */
  lastWrite?: LastWrite;
  version: number;
}

/**
 * The stored lifecycle of a job. The status a dispatcher sees (offered, unscheduled, scheduled,
 * in progress, paused, complete) is derived from this and the job's appointments — see status.ts.
 * `open` means accepted and not closed; whether it shows Unscheduled, Scheduled, In Progress or Paused
 * depends only on its appointments.
 */
export type JobLifecycle = 'offered' | 'open' | 'complete' | 'canceled' | 'rejected';

export interface TimeWindow {
  start: number;
  end: number;
}

export interface Job {
  id: string;
  /** The provider organization that does the work. */
  organizationId: string;
  /** The enterprise that offered the job; null for the provider's own jobs. */
  sourceId: string | null;
  customerId: string;
  title: string;
  description?: string;
  serviceType?: string;
  /** Tags the technician must carry besides the service type (e.g. "EPA 608"), see skills.ts. */
  requiredTags?: string[];
  address: Location;
  externalIds?: string[];
  timeWindows: TimeWindow[];
  lifecycle: JobLifecycle;
  /** Why the job was declined or canceled, shown read-only afterwards. */
  closedReason?: string;
  /** Set when the enterprise withdrew its offer before the provider answered. */
  withdrawn?: boolean;
  createdAt: number;
  updatedBy?: string;
  updatedAt?: number;
  version: number;
}

export type AppointmentStatus = 'scheduled' | 'enroute' | 'started' | 'complete' | 'canceled';

export interface Appointment {
  id: string;
  jobId: string;
  organizationId: string;
  technicianId: string | null;
  start: number;
  durationMinutes: number;
  status: AppointmentStatus;
  /** Minutes to arrival the customer was texted when the technician went On My Way. */
  etaMinutes?: number;
  enrouteAt?: number;
  startedAt?: number;
  completedAt?: number;
  completeReasonId?: string;
  canceledAt?: number;
  /** Who last changed it and when (actor's clock), so a conflict can say "Sam moved it at 10:05". */
  updatedBy?: string;
  updatedAt?: number;
  /**
   * Which client's command wrote this version, and where that client's chain of edits began. Set by
   * `applyCommand` on every write; absent on appointments written before it existed.
   */
  lastWrite?: LastWrite;
  version: number;
}

/**
 * The chain of edits one client (one console installation) made in a row. An offline dispatcher's
 * second edit of an appointment is made on the version he saw before his first edit was confirmed; the
 * chain lets the server tell "only my own edits came since" (accept) from "someone else's did" (refuse).
 */
export interface LastWrite {
  /** The sync clientId whose command wrote the version; null for the REST API and the server itself. */
  clientId: string | null;
  /**
   * The last version written by someone else that the chain started from (0 for an appointment the
   * chain created): every version after it up to the current one was written by `clientId`.
   */
  basedOn: number;
}

export type CompleteReasonEffect = 'complete' | 'pause';

export interface CompleteReason {
  id: string;
  /** The job source (enterprise) the reason belongs to; null for the defaults every job can use. */
  sourceId: string | null;
  label: string;
  effect: CompleteReasonEffect;
  /**
   * Set when its job source deleted it: it stays readable on the visits that used it (and still decides
   * their job's status) but is no longer offered for new completions.
   */
  archived?: boolean;
}

export interface DeclineReason {
  id: string;
  label: string;
}

export type ActorRole = 'dispatcher' | 'technician' | 'enterprise' | 'system';
export type ChangeSource = 'console' | 'mobile' | 'integration' | 'system';

/** One line of a job's history. Append-only: never edited, never deleted. */
export interface ActivityEvent {
  id: string;
  organizationId: string;
  jobId: string;
  appointmentId?: string;
  /** e.g. "job.accepted", "appointment.status" */
  kind: string;
  field?: string;
  from?: string | number | null;
  to?: string | number | null;
  summary: string;
  actorUserId: string | null;
  actorName: string;
  actorRole: ActorRole;
  source: ChangeSource;
  /** When it happened, on the actor's clock. */
  occurredAt: number;
  /** When the server accepted it. */
  receivedAt: number;
  /** Made while the actor was offline and replayed later. */
  offline: boolean;
  version: number;
}

/**
 * A note someone wrote about a job or one of its visits ("ordering parts, back Thursday"). Its own entity
 * and its own kind of change, not activity: notes are what people wrote, so every console keeps all of
 * them (activity may one day be windowed). Append-only, like activity.
 */
export interface Note {
  /** Made by the writer (the console makes it offline), so a retry cannot add it twice. */
  id: string;
  organizationId: string;
  jobId: string;
  /** Set when the note is about one visit. */
  appointmentId?: string;
  text: string;
  authorUserId: string | null;
  authorName: string;
  authorRole: ActorRole;
  source: ChangeSource;
  /** When it was written, on the writer's clock. */
  writtenAt: number;
  /** When the server accepted it. */
  receivedAt: number;
  /** Written while the writer was offline and sent later. */
  offline: boolean;
  version: number;
}

/** A text sent to the customer (recorded; the gateway is outside this product). */
export interface CustomerNotification {
  id: string;
  organizationId: string;
  jobId: string;
  appointmentId: string;
  customerId: string;
  channel: 'sms';
  to: string | null;
  body: string;
  createdAt: number;
  version: number;
}
