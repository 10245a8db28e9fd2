import { LIVE_APPOINTMENT_STATUSES, type Actor, type Customer, type Job } from '../../domain';
import { jobIdsWithStatus } from './appointmentIndex';
import type { DispatchDb } from './db';
import { readPendingOverlay, summarize, type JobSummary, type PendingOverlay } from './views';

/**
 * The queue beside the board: offers, unscheduled and paused jobs of the dispatcher's organization,
 * oldest first.
 *
 * An open job is in the queue only when it has no live appointment. Which open jobs have one comes from
 * index keys (the status index's job ids, appointmentIndex.ts) and the open jobs' ids from the `lifecycle` index, so with
 * 20,000 scheduled jobs a change reads a few rows — the queue's own jobs — not every open job and every
 * appointment. Jobs with pending commands are always read: a pending cancel or a pending appointment
 * can move a job in or out of the queue.
 */
export async function readQueueJobs(db: DispatchDb, actor: Actor): Promise<JobSummary[]> {
  return (await readQueue(db, actor)).jobs;
}

/**
 * The queue, and the customers its pending jobs bring (not in the customers table until the server has them).
 * The attention panel, which reads the queue and more, passes the pending overlay it reads anyway.
 */
export async function readQueue(
  db: DispatchDb,
  actor: Actor,
  pendingOverlay: PendingOverlay | Promise<PendingOverlay> = readPendingOverlay(db, actor),
): Promise<{ jobs: JobSummary[]; pendingCustomers: Map<string, Customer> }> {
  const [offered, openIds, liveJobIds, overlay, reasons] = await Promise.all([
    db.jobs.where('lifecycle').equals('offered').toArray(),
    db.jobs.where('lifecycle').equals('open').primaryKeys(),
    Promise.all(LIVE_APPOINTMENT_STATUSES.map((status) => jobIdsWithStatus(db, status))),
    pendingOverlay,
    db.completeReasons.toArray(),
  ]);
  const scheduledJobIds = new Set(liveJobIds.flat());
  const candidateIds = openIds.filter((id) => !scheduledJobIds.has(id) || overlay.jobs.has(id));
  const [open, appointments] = candidateIds.length
    ? await Promise.all([db.jobs.bulkGet(candidateIds), db.appointments.where('jobId').anyOf(candidateIds).toArray()])
    : [[], []];
  const own = [...offered, ...open.filter((job): job is Job => !!job)].filter(
    (job) => job.organizationId === actor.organizationId,
  );
  // Pending jobs too: a job created here (also offline) is in the queue before the server has it.
  const jobs = summarize(own, appointments, overlay, reasons, true)
    .filter(
      (summary) =>
        summary.job.organizationId === actor.organizationId &&
        (summary.status === 'offered' || summary.status === 'unscheduled' || summary.status === 'paused'),
    )
    .sort((a, b) => a.job.createdAt - b.job.createdAt);
  return { jobs, pendingCustomers: overlay.customers };
}
