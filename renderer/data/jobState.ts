import {
  applyCommand,
  parseCommand,
  type Actor,
  type Appointment,
  type CompleteReason,
  type Customer,
  type Job,
  type JobState,
  type Note,
  type Organization,
  type User,
} from '../../domain';
import type { DispatchDb, OutboxEntry } from './db';
import { readClientId, readPendingDirectory, type PendingDirectory } from './directoryState';

/** One job as the console shows it: confirmed state with the pending commands replayed on top. */
export interface JobView {
  job: Job | undefined;
  appointments: Appointment[];
  customer: Customer | undefined;
  /** The job or one of these appointments carries an effect the server has not confirmed yet. */
  pendingJob: boolean;
  pendingAppointmentIds: Set<string>;
  /** Notes pending commands add, as the server will write them (author, clocks), oldest first. */
  pendingNotes: Note[];
}

/** Everything a command on this job may look up, read once per transaction. */
export interface Lookups {
  technicians: Map<string, User>;
  organizations: Map<string, Organization>;
  completeReasons: CompleteReason[];
}

/** Ids of technicians a command's args mention, at any depth that commands use. */
function technicianIdsIn(value: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (depth > 2 || typeof value !== 'object' || value === null) return found;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'technicianId' && typeof inner === 'string') found.add(inner);
    else technicianIdsIn(inner, found, depth + 1);
  }
  return found;
}

export async function readLookups(
  db: DispatchDb,
  appointments: Appointment[],
  commands: { args: unknown }[],
  organizationIds: string[],
): Promise<Lookups> {
  const technicianIds = new Set(
    appointments.map((appointment) => appointment.technicianId).filter((id): id is string => id !== null),
  );
  for (const command of commands) technicianIdsIn(command.args, technicianIds);
  const [technicians, organizations, completeReasons] = await Promise.all([
    db.users.bulkGet([...technicianIds]),
    db.organizations.bulkGet(organizationIds),
    db.completeReasons.toArray(),
  ]);
  return {
    technicians: new Map(technicians.filter((user): user is User => !!user).map((user) => [user.id, user])),
    organizations: new Map(
      organizations
        .filter((organization): organization is Organization => !!organization)
        .map((organization) => [organization.id, organization]),
    ),
    completeReasons,
  };
}

/**
 * Confirmed state of one job plus its pending commands, replayed in order with the same domain code the
 * server runs. A pending command the fresh state now refuses is skipped here (its effect disappears);
 * the server's answer will move it to the conflicts list. `clientId` is this console's sync client id:
 * with it, a pending second edit made on the version seen before our first edit stays accepted once that
 * first edit is confirmed (only our own writes lie between), exactly as the server will judge it.
 */
export function replay(
  confirmed: Pick<JobView, 'job' | 'appointments' | 'customer'>,
  pending: readonly OutboxEntry[],
  lookups: Lookups,
  actor: Actor,
  clientId?: string | null,
): JobView & { refused: number[] } {
  let job = confirmed.job;
  let customer = confirmed.customer;
  const appointments = new Map(confirmed.appointments.map((appointment) => [appointment.id, appointment]));
  const pendingAppointmentIds = new Set<string>();
  const refused: number[] = [];
  const pendingNotes: Note[] = [];
  let pendingJob = false;
  for (const command of pending) {
    const parsed = parseCommand(command.name, command.args);
    if (!parsed.ok) {
      refused.push(command.id);
      continue;
    }
    const state: JobState = {
      job,
      appointments: [...appointments.values()],
      customer,
      customerSeen: customer !== undefined,
      completeReasons: lookups.completeReasons,
      technician: (id) => lookups.technicians.get(id),
      organization: (id) => lookups.organizations.get(id),
    };
    const result = applyCommand(parsed.value, state, {
      actor,
      occurredAt: command.createdAt,
      now: command.createdAt,
      offline: command.offline,
      clientId,
    });
    if (!result.ok) {
      refused.push(command.id);
      continue;
    }
    if (JSON.stringify(result.effect.job) !== JSON.stringify(job)) pendingJob = true;
    job = result.effect.job;
    customer = result.effect.customer ?? customer;
    for (const appointment of result.effect.appointments) {
      appointments.set(appointment.id, appointment);
      pendingAppointmentIds.add(appointment.id);
    }
    for (const draft of result.effect.notes ?? []) {
      // Stamped as the server's writer stamps it; received is unknown yet, so it reads as written.
      pendingNotes.push({
        ...draft,
        organizationId: job?.organizationId ?? actor.organizationId ?? '',
        authorUserId: actor.userId,
        authorName: actor.name,
        authorRole: actor.role,
        source: actor.source,
        writtenAt: command.createdAt,
        receivedAt: command.createdAt,
        offline: command.offline,
        version: 0,
      });
    }
  }
  return {
    job,
    customer,
    appointments: [...appointments.values()],
    pendingJob,
    pendingAppointmentIds,
    pendingNotes,
    refused,
  };
}

/** One job's confirmed rows and its pending commands (oldest first): what its view is replayed from. */
export interface JobRows {
  job: Job | undefined;
  appointments: Appointment[];
  pending: OutboxEntry[];
}

export async function readJobRows(db: DispatchDb, jobId: string): Promise<JobRows> {
  const [job, appointments, pending] = await Promise.all([
    db.jobs.get(jobId),
    db.appointments.where('jobId').equals(jobId).toArray(),
    db.outbox.where('jobId').equals(jobId).sortBy('id'),
  ]);
  return { job, appointments, pending };
}

/**
 * Reads one job's view. Call inside a transaction when the result decides a write (one that includes
 * the meta table: the replay needs this console's client id).
 */
export async function readJobView(
  db: DispatchDb,
  jobId: string,
  actor: Actor,
  customerId?: string,
  extraCommands: { args: unknown }[] = [],
): Promise<JobView & { lookups: Lookups }> {
  // Two waves of reads (each await is a round trip to IndexedDB): what depends on nothing, then what depends on those.
  const [{ job, appointments, pending }, directory] = await Promise.all([
    readJobRows(db, jobId),
    readPendingDirectory(db, actor),
  ]);
  const customerKey = job?.customerId ?? customerId ?? pendingCustomerId(pending);
  const organizationIds = [
    job?.organizationId,
    ...[...pending, ...extraCommands].map((command) => (command.args as { organizationId?: string })?.organizationId),
  ].filter((id): id is string => typeof id === 'string');
  const [clientId, confirmedCustomer, confirmedLookups] = await Promise.all([
    // Without pending commands there is nothing to replay, so no need to read (and, in a live query,
    // watch) the sync row, which changes with every cursor advance.
    pending.length ? readClientId(db) : undefined,
    customerKey ? db.customers.get(customerKey) : undefined,
    readLookups(db, appointments, [...pending, ...extraCommands], organizationIds),
  ]);
  // Pending edits of the customer, a technician or an organization show (and are judged on) here too.
  const customer = (customerKey && directory.customers.get(customerKey)) || confirmedCustomer;
  const lookups = overlayLookups(confirmedLookups, directory);
  return { ...replay({ job, appointments, customer }, pending, lookups, actor, clientId), lookups };
}

/** The lookups with the directory's pending values in place of their confirmed ones. */
export function overlayLookups(lookups: Lookups, directory: PendingDirectory): Lookups {
  if (!directory.pending.size) return lookups;
  const technicians = new Map(lookups.technicians);
  for (const id of technicians.keys()) {
    const pending = directory.users.get(id);
    if (pending) technicians.set(id, pending);
  }
  const organizations = new Map(lookups.organizations);
  for (const id of organizations.keys()) {
    const pending = directory.organizations.get(id);
    if (pending) organizations.set(id, pending);
  }
  return { ...lookups, technicians, organizations };
}

function pendingCustomerId(pending: readonly OutboxEntry[]): string | undefined {
  for (const command of pending) {
    const customer = (command.args as { customer?: { id?: unknown } })?.customer;
    if (typeof customer?.id === 'string') return customer.id;
  }
  return undefined;
}
