import { deriveJobStatus, type Actor, type Appointment, type CompleteReason, type Job, type JobDisplayStatus, type User } from '../../domain';
import type { DispatchDb } from './db';
import { readJobView } from './jobState';

/** Pending effects of the whole outbox: what the dispatcher sees that the server has not confirmed. */
export interface PendingOverlay {
  jobs: Map<string, Job>;
  appointments: Map<string, Appointment>;
  pendingJobIds: Set<string>;
  pendingAppointmentIds: Set<string>;
}

export async function readPendingOverlay(db: DispatchDb, actor: Actor): Promise<PendingOverlay> {
  const jobIds = [...new Set((await db.outbox.toArray()).map((entry) => entry.jobId))];
  const overlay: PendingOverlay = { jobs: new Map(), appointments: new Map(), pendingJobIds: new Set(), pendingAppointmentIds: new Set() };
  for (const jobId of jobIds) {
    const view = await readJobView(db, jobId, actor);
    if (view.job) overlay.jobs.set(jobId, view.job);
    if (view.pendingJob || view.pendingAppointmentIds.size) overlay.pendingJobIds.add(jobId);
    for (const appointment of view.appointments) overlay.appointments.set(appointment.id, appointment);
    for (const id of view.pendingAppointmentIds) overlay.pendingAppointmentIds.add(id);
  }
  return overlay;
}

/** A job as every list shows it: derived status, its appointments, and whether it is still pending. */
export interface JobSummary {
  job: Job;
  status: JobDisplayStatus;
  appointments: Appointment[];
  pending: boolean;
}

export function reasonLookup(reasons: readonly CompleteReason[]) {
  const byId = new Map(reasons.map((reason) => [reason.id, reason]));
  return (id: string) => byId.get(id);
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
    return { job, status: deriveJobStatus(job, jobAppointments, lookup), appointments: jobAppointments, pending: overlay.pendingJobIds.has(job.id) };
  });
}

/** The technicians of the dispatcher's organization, in lane order (by name). */
export async function readTechnicians(db: DispatchDb, organizationId: string): Promise<User[]> {
  const users = await db.users.where('organizationId').equals(organizationId).toArray();
  return users.filter((user) => user.roles.includes('technician')).sort((a, b) => `${a.firstName} ${a.lastName}`.localeCompare(`${b.firstName} ${b.lastName}`));
}

/** Longest appointment we expect; an appointment that started this long before the window may still show. */
const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

export interface BoardBlock {
  appointment: Appointment;
  job: Job;
  jobStatus: JobDisplayStatus;
  pending: boolean;
}

/** Every appointment block in [from, to), with its job's derived status, confirmed + pending. */
export async function readBoard(db: DispatchDb, actor: Actor, from: number, to: number): Promise<BoardBlock[]> {
  const [inWindow, overlay, reasons] = await Promise.all([
    db.appointments.where('start').between(from - MAX_DURATION_MS, to, true, false).toArray(),
    readPendingOverlay(db, actor),
    db.completeReasons.toArray(),
  ]);
  const visible = new Map(inWindow.map((appointment) => [appointment.id, appointment]));
  for (const [id, appointment] of overlay.appointments) visible.set(id, appointment);
  const shown = [...visible.values()].filter((appointment) => appointment.start < to && appointment.start + appointment.durationMinutes * 60_000 > from && appointment.status !== 'canceled');
  const jobIds = [...new Set(shown.map((appointment) => appointment.jobId))];
  const [jobs, siblings] = await Promise.all([db.jobs.bulkGet(jobIds), db.appointments.where('jobId').anyOf(jobIds).toArray()]);
  const confirmedJobs = jobs.filter((job): job is Job => !!job);
  const pendingOnly = [...overlay.jobs.values()].filter((job) => jobIds.includes(job.id) && !confirmedJobs.some((confirmed) => confirmed.id === job.id));
  const summaries = new Map(summarize([...confirmedJobs, ...pendingOnly], siblings, overlay, reasons).map((summary) => [summary.job.id, summary]));
  return shown.flatMap((appointment) => {
    const summary = summaries.get(appointment.jobId);
    if (!summary) return [];
    return [{ appointment, job: summary.job, jobStatus: summary.status, pending: overlay.pendingAppointmentIds.has(appointment.id) }];
  });
}

/** The queue beside the board: offers, unscheduled and paused jobs of the dispatcher's organization. */
export async function readQueue(db: DispatchDb, actor: Actor): Promise<JobSummary[]> {
  const [jobs, overlay, reasons] = await Promise.all([
    db.jobs.where('lifecycle').anyOf(['offered', 'open']).toArray(),
    readPendingOverlay(db, actor),
    db.completeReasons.toArray(),
  ]);
  const own = jobs.filter((job) => job.organizationId === actor.organizationId);
  const appointments = await db.appointments.where('jobId').anyOf(own.filter((job) => job.lifecycle === 'open').map((job) => job.id)).toArray();
  return summarize(own, appointments, overlay, reasons)
    .filter((summary) => summary.status === 'offered' || summary.status === 'unscheduled' || summary.status === 'paused')
    .sort((a, b) => a.job.createdAt - b.job.createdAt);
}

/** Every job the user can see, with derived status (the jobs list). */
export async function readAllJobs(db: DispatchDb, actor: Actor): Promise<JobSummary[]> {
  const [jobs, appointments, overlay, reasons] = await Promise.all([db.jobs.toArray(), db.appointments.toArray(), readPendingOverlay(db, actor), db.completeReasons.toArray()]);
  return summarize(jobs, appointments, overlay, reasons, true);
}
