import {
  completeReasonsFor,
  customerName,
  deriveJobStatus,
  isLive,
  reasonLookup,
  MAX_DURATION_MINUTES,
  type ActivityEvent,
  type Actor,
  type Appointment,
  type CompleteReason,
  type Customer,
  type CustomerNotification,
  type Job,
  type JobDisplayStatus,
  type Note,
  type Organization,
  type User,
} from '../../domain';
import { readJobActivity } from './activityPacks';
import { appointmentsWithStatus } from './appointmentIndex';
import type { DispatchDb, OutboxEntry } from './db';
import { readPendingDirectory } from './directoryState';
import { readJobView, type JobView, type Lookups } from './jobState';
import { UNASSIGNED_START } from './unassignedMarker';

/** Pending effects of the whole outbox: what the dispatcher sees that the server has not confirmed. */
export interface PendingOverlay {
  jobs: Map<string, Job>;
  appointments: Map<string, Appointment>;
  pendingJobIds: Set<string>;
  pendingAppointmentIds: Set<string>;
  /**
   * Customers of the jobs pending commands touch, as replayed: a job created with a new customer (also
   * offline) names it before the server has stored it.
   */
  customers: Map<string, Customer>;
  /** Notes pending commands add (the board counts them on the blocks at once). */
  notes: Note[];
}

export function emptyOverlay(): PendingOverlay {
  return {
    jobs: new Map(),
    appointments: new Map(),
    pendingJobIds: new Set(),
    pendingAppointmentIds: new Set(),
    customers: new Map(),
    notes: [],
  };
}

export async function readPendingOverlay(db: DispatchDb, actor: Actor): Promise<PendingOverlay> {
  const jobIds = jobIdsOf(await db.outbox.toArray());
  const overlay = emptyOverlay();
  for (const jobId of jobIds) {
    const view = await readJobView(db, jobId, actor);
    overlay.notes.push(...view.pendingNotes);
    if (view.job) overlay.jobs.set(jobId, view.job);
    if (view.customer) overlay.customers.set(view.customer.id, view.customer);
    if (view.pendingJob || view.pendingAppointmentIds.size) overlay.pendingJobIds.add(jobId);
    for (const appointment of view.appointments) overlay.appointments.set(appointment.id, appointment);
    for (const id of view.pendingAppointmentIds) overlay.pendingAppointmentIds.add(id);
  }
  return overlay;
}

/** The jobs some of these outbox entries touch (entries about directory entities touch none). */
function jobIdsOf(entries: readonly OutboxEntry[]): string[] {
  return [...new Set(entries.map((entry) => entry.jobId).filter((id): id is string => id !== undefined))];
}

/** A job as every list shows it: derived status, its appointments, and whether it is still pending. */
export interface JobSummary {
  job: Job;
  status: JobDisplayStatus;
  appointments: Appointment[];
  pending: boolean;
}

/** Merges confirmed rows with the overlay (overlay wins) and derives each job's status. */
export function summarize(
  jobs: readonly Job[],
  appointments: readonly Appointment[],
  overlay: PendingOverlay,
  reasons: readonly CompleteReason[],
  /** Also list jobs that exist only as pending commands (created while offline). */
  includePendingJobs = false,
): JobSummary[] {
  const lookup = reasonLookup(reasons);
  const byJob = new Map<string, Map<string, Appointment>>();
  const add = (appointment: Appointment) => {
    let list = byJob.get(appointment.jobId);
    if (!list) byJob.set(appointment.jobId, (list = new Map()));
    list.set(appointment.id, appointment);
  };
  appointments.forEach(add);
  overlay.appointments.forEach(add);
  const merged = new Map(jobs.map((job) => [job.id, job]));
  for (const [id, job] of overlay.jobs) if (includePendingJobs || merged.has(id)) merged.set(id, job);
  return [...merged.values()].map((job) => {
    const jobAppointments = [...(byJob.get(job.id)?.values() ?? [])].sort((a, b) => a.start - b.start);
    return {
      job,
      status: deriveJobStatus(job, jobAppointments, lookup),
      appointments: jobAppointments,
      pending: overlay.pendingJobIds.has(job.id),
    };
  });
}

/** The technicians of the dispatcher's organization, in lane order (by name). */
export async function readTechnicians(db: DispatchDb, organizationId: string, actor?: Actor): Promise<User[]> {
  const [confirmed, directory] = await Promise.all([
    db.users.where('organizationId').equals(organizationId).toArray(),
    actor ? readPendingDirectory(db, actor) : undefined,
  ]);
  return laneTechnicians(confirmed, directory?.users);
}

/**
 * The technicians among an organization's users, in lane order (by name), with pending edits of them (their
 * skills, their hours: `edited`, by id) shown at once.
 */
export function laneTechnicians(confirmed: readonly User[], edited?: ReadonlyMap<string, User>): User[] {
  const users = edited?.size ? confirmed.map((user) => edited.get(user.id) ?? user) : confirmed;
  return users
    .filter((user) => user.roles.includes('technician'))
    .sort((a, b) => `${a.firstName} ${a.lastName}`.localeCompare(`${b.firstName} ${b.lastName}`));
}

/** The longest appointment the rules allow: one that started this long before a window may still reach into it. */
const MAX_DURATION_MS = MAX_DURATION_MINUTES * 60_000;

/** Every job the user can see, with derived status (the jobs list). */
export async function readAllJobs(db: DispatchDb, actor: Actor): Promise<JobSummary[]> {
  const [jobs, appointments, overlay, reasons] = await Promise.all([
    db.jobs.toArray(),
    db.appointments.toArray(),
    readPendingOverlay(db, actor),
    db.completeReasons.toArray(),
  ]);
  return summarize(jobs, appointments, overlay, reasons, true);
}

/** Everything the job drawer shows about one job, confirmed + pending, read in one live query. */
export interface JobDetails extends JobView {
  lookups: Lookups;
  status: JobDisplayStatus;
  /** The enterprise that offered the job, or undefined for the provider's own jobs. */
  source: Organization | undefined;
  provider: Organization | undefined;
  completeReasons: CompleteReason[];
  /** Every user the drawer may name (technicians on appointments, people in the activity). */
  people: Map<string, User>;
  /** The provider's technicians, for a new appointment. */
  technicians: User[];
  /** Newest first. */
  activity: ActivityEvent[];
  /**
   * This console holds only some of the job's activity (a far catch-up left the rest on the server,
   * `activityGaps`); the drawer asks for the rest when online.
   */
  activityOnServer: boolean;
  texts: CustomerNotification[];
  /**
   * Every note on the job and its visits, confirmed and pending (`pendingNotes` says which), newest first by
   * when it was written: an offline note takes its place in the story (it is marked as such).
   */
  notes: Note[];
  /** The job's commands the server has not applied yet, oldest first. */
  unsent: OutboxEntry[];
}

export async function readJobDetails(db: DispatchDb, actor: Actor, jobId: string): Promise<JobDetails> {
  const [view, reasons, activity, gap, texts, confirmedNotes, outbox] = await Promise.all([
    readJobView(db, jobId, actor),
    db.completeReasons.toArray(),
    readJobActivity(db, jobId),
    db.activityGaps.get(jobId),
    db.notifications.where('jobId').equals(jobId).toArray(),
    db.notes.where('jobId').equals(jobId).toArray(),
    db.outbox.where('jobId').equals(jobId).sortBy('id'),
  ]);
  // A pending note stays in the outbox until the log reaches it: once confirmed, the confirmed row wins.
  const confirmedIds = new Set(confirmedNotes.map((note) => note.id));
  const notes = [...confirmedNotes, ...view.pendingNotes.filter((note) => !confirmedIds.has(note.id))];
  const job = view.job;
  const [source, provider, people] = await Promise.all([
    job?.sourceId ? db.organizations.get(job.sourceId) : undefined,
    job ? db.organizations.get(job.organizationId) : undefined,
    job ? db.users.where('organizationId').equals(job.organizationId).toArray() : [],
  ]);
  const technicians = people
    .filter((user) => user.roles.includes('technician'))
    .sort((a, b) => `${a.firstName} ${a.lastName}`.localeCompare(`${b.firstName} ${b.lastName}`));
  const byId = new Map(people.map((user) => [user.id, user]));
  for (const [id, technician] of view.lookups.technicians) byId.set(id, technician);
  const appointments = [...view.appointments].sort((a, b) => a.start - b.start);
  return {
    ...view,
    appointments,
    status: job ? deriveJobStatus(job, appointments, reasonLookup(reasons)) : 'canceled',
    source,
    provider,
    completeReasons: job ? completeReasonsFor(job.sourceId, reasons) : [],
    people: byId,
    technicians,
    // By when it happened: an offline replay takes its place in the story (it is marked as such).
    activity: activity.sort(
      (a, b) => b.occurredAt - a.occurredAt || b.version - a.version || writeIndex(b.id) - writeIndex(a.id),
    ),
    activityOnServer: gap !== undefined,
    texts: texts.sort((a, b) => b.createdAt - a.createdAt),
    pendingNotes: view.pendingNotes.filter((note) => !confirmedIds.has(note.id)),
    notes: notes.sort((a, b) => b.writtenAt - a.writtenAt || b.receivedAt - a.receivedAt),
    unsent: outbox.filter((entry) => entry.ackedSeq === undefined),
  };
}

/** One command's events share a version; their ids end in the order the command wrote them. */
function writeIndex(activityId: string): number {
  return Number(activityId.slice(activityId.lastIndexOf('.') + 1)) || 0;
}

/** One job as the command palette searches it: title, customer and address in one lower-case string. */
export interface JobSearchEntry {
  jobId: string;
  title: string;
  customerName: string;
  address: string;
  haystack: string;
}

/** The palette's search index: every job the user can see, with its customer's name and the address. */
export async function readJobSearchIndex(db: DispatchDb): Promise<JobSearchEntry[]> {
  const [jobs, customers] = await Promise.all([db.jobs.toArray(), db.customers.toArray()]);
  const customerById = new Map(customers.map((customer) => [customer.id, customer]));
  return jobs.map((job) => {
    const customer = customerById.get(job.customerId);
    const name = customerName(customer);
    const address = [
      job.address.street1,
      job.address.street2,
      job.address.city,
      [job.address.state, job.address.postalCode].filter(Boolean).join(' '),
    ]
      .filter(Boolean)
      .join(', ');
    const haystack = [job.title, name, customer?.companyName, address, job.id, ...(job.externalIds ?? [])]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    return { jobId: job.id, title: job.title, customerName: name, address, haystack };
  });
}

/** A few jobs by id, with derived status and pending effects: the palette's results. */
export async function readJobSummaries(db: DispatchDb, actor: Actor, jobIds: readonly string[]): Promise<JobSummary[]> {
  const [jobs, appointments, unsent, reasons] = await Promise.all([
    db.jobs.bulkGet([...jobIds]),
    db.appointments
      .where('jobId')
      .anyOf([...jobIds])
      .toArray(),
    db.outbox
      .where('jobId')
      .anyOf([...jobIds])
      .toArray(),
    db.completeReasons.toArray(),
  ]);
  const overlay = emptyOverlay();
  for (const jobId of jobIdsOf(unsent)) {
    const view = await readJobView(db, jobId, actor);
    if (view.job) overlay.jobs.set(jobId, view.job);
    if (view.pendingJob || view.pendingAppointmentIds.size) overlay.pendingJobIds.add(jobId);
    for (const appointment of view.appointments) overlay.appointments.set(appointment.id, appointment);
  }
  return summarize(
    jobs.filter((job): job is Job => !!job),
    appointments,
    overlay,
    reasons,
  );
}

/** One lane of the board as confirmed: a technician's (or, for null, the unassigned) appointments in a window. */
export interface LaneWindow {
  /** Not canceled, reaching into [from, to). */
  appointments: Appointment[];
  jobs: Job[];
  /**
   * What decides those jobs' status besides the visits under way, which the board reads once for every lane
   * (`readVisitsUnderWay`): every appointment of a job with no live visit (scheduled, On My Way, started) in
   * the window, and the window's own visits of the others — for those, a visit under way elsewhere is the
   * only other appointment that could change the status (`deriveJobStatus`). Merge with `mergeLane`.
   */
  siblings: Appointment[];
  customers: Customer[];
  /** The notes of those jobs (the blocks show how many concern each visit). */
  notes: Note[];
}

/**
 * The board's per-lane live query. It reads one technician's appointments through `[technicianId+start]`,
 * so a change to one technician's day re-runs only that lane's query. A job's other appointments are read
 * (one `anyOf`) only for the jobs without a live visit in the window, mostly visits done earlier: the status
 * of a job with a live visit here depends on nothing else than the visits under way, read once for the whole
 * board (`readVisitsUnderWay`). Each step of a cursor is one more round trip to the database, and at the first
 * paint the lanes' reads are what the board waits for (bench/README.md, `board`). Inside a live query each
 * query is also matched against Dexie's cache of the others, so fewer is cheaper.
 * Pending commands are not applied here: the board merges `readPendingOverlay`, read once for all lanes,
 * on top. Appointments without a technician are not in that index; for null it reads the `unassignedStart`
 * index (schema v7), which holds only them.
 */
export function readLaneWindow(
  db: DispatchDb,
  technicianId: string | null,
  from: number,
  to: number,
): Promise<LaneWindow> {
  // One read transaction for the lane's three steps: first paint opens one per visible lane instead of four,
  // and the lane never mixes rows from before and after a sync write.
  return db.transaction('r', [db.appointments, db.jobs, db.customers, db.notes], () =>
    readLaneRows(db, technicianId, from, to),
  );
}

async function readLaneRows(
  db: DispatchDb,
  technicianId: string | null,
  from: number,
  to: number,
): Promise<LaneWindow> {
  const candidates =
    technicianId === null
      ? // Only appointments without a technician carry the marker (schema v7, unassignedMarker.ts).
        await db.appointments
          .where(UNASSIGNED_START)
          .between(from - MAX_DURATION_MS, to, true, false)
          .toArray()
      : await db.appointments
          .where('[technicianId+start]')
          .between([technicianId, from - MAX_DURATION_MS], [technicianId, to], true, false)
          .toArray();
  const appointments = candidates.filter(
    (appointment) =>
      appointment.status !== 'canceled' && appointment.start + appointment.durationMinutes * 60_000 > from,
  );
  const jobIds = [...new Set(appointments.map((appointment) => appointment.jobId))];
  if (jobIds.length === 0) return { appointments, jobs: [], siblings: [], customers: [], notes: [] };
  // A job with a live visit here is Scheduled, or In Progress when one of its visits is under way (read board-wide).
  const live = new Set(appointments.filter(isLive).map((appointment) => appointment.jobId));
  const settled = jobIds.filter((jobId) => !live.has(jobId));
  const [jobs, others, notes] = await Promise.all([
    db.jobs.bulkGet(jobIds),
    settled.length ? db.appointments.where('jobId').anyOf(settled).toArray() : [],
    db.notes.where('jobId').anyOf(jobIds).toArray(),
  ]);
  const found = jobs.filter((job): job is Job => !!job);
  const customers = await db.customers.bulkGet([...new Set(found.map((job) => job.customerId))]);
  return {
    appointments,
    jobs: found,
    siblings: [...appointments.filter((appointment) => live.has(appointment.jobId)), ...others],
    customers: customers.filter((customer): customer is Customer => !!customer),
    notes,
  };
}

const UNDER_WAY = ['enroute', 'started'] as const;

/** The visits under way (On My Way or started), by job: what a lane's window leaves to the board (`LaneWindow.siblings`). */
export type VisitsUnderWay = ReadonlyMap<string, readonly Appointment[]>;

/**
 * Every visit On My Way or started, whatever its day or technician, through the status index: a few rows (at
 * most about one per technician), read once for the board instead of every job's appointments in each lane.
 * As a live query it runs again when a visit under way changes, or one starts or ends.
 */
export async function readVisitsUnderWay(db: DispatchDb): Promise<VisitsUnderWay> {
  const visits = await Promise.all(UNDER_WAY.map((status) => appointmentsWithStatus(db, status)));
  const byJob = new Map<string, Appointment[]>();
  for (const visit of visits.flat()) {
    const ofJob = byJob.get(visit.jobId);
    if (ofJob) ofJob.push(visit);
    else byJob.set(visit.jobId, [visit]);
  }
  return byJob;
}
