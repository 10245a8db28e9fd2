import type { Appointment, AppointmentStatus, CompleteReason, Job } from './entities';

/**
 * The status a dispatcher and an enterprise see for a job. Derived, never stored: storing it would let
 * it drift from the appointments it summarises.
 */
export type JobDisplayStatus =
  'offered' | 'unscheduled' | 'scheduled' | 'in_progress' | 'paused' | 'complete' | 'canceled' | 'rejected';

/** Every status an appointment can have, once each: a record, so a status added to the type must be listed here. */
const EVERY_STATUS: Record<AppointmentStatus, true> = {
  scheduled: true,
  enroute: true,
  started: true,
  complete: true,
  canceled: true,
};
/** What a read over every status through a status index covers (renderer/data/appointmentIndex.ts). */
export const APPOINTMENT_STATUSES = Object.keys(EVERY_STATUS) as readonly AppointmentStatus[];

/** Appointments that still count towards the job's work. */
export const LIVE_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['scheduled', 'enroute', 'started'];

export function isLive(appointment: Pick<Appointment, 'status'>): boolean {
  return LIVE_APPOINTMENT_STATUSES.includes(appointment.status);
}

/** Finds the reason an appointment was completed with, so a paused job can be told apart. */
export type ReasonLookup = (reasonId: string) => CompleteReason | undefined;

/**
 * The seed's rules. Offers and closed jobs (canceled, declined) show their lifecycle. Otherwise the live
 * appointments decide: In Progress when one is On My Way or started, Scheduled when one is scheduled. When
 * none is live, how the job last ended decides: Complete when it was completed (a completing reason, or
 * "Complete Job"; the stored lifecycle is then `complete`), Paused when its last completed appointment
 * ended otherwise, and Unscheduled only when no appointment ever completed. So a canceled revisit leaves
 * a finished job Complete instead of reopening it.
 */
export function deriveJobStatus(
  job: Pick<Job, 'lifecycle'>,
  appointments: readonly Pick<Appointment, 'status' | 'completedAt' | 'completeReasonId'>[],
  reasonOf: ReasonLookup,
): JobDisplayStatus {
  if (job.lifecycle !== 'open' && job.lifecycle !== 'complete') return job.lifecycle;
  let scheduled = false;
  let lastCompleted: (typeof appointments)[number] | undefined;
  for (const appointment of appointments) {
    if (appointment.status === 'enroute' || appointment.status === 'started') return 'in_progress';
    if (appointment.status === 'scheduled') scheduled = true;
    if (
      appointment.status === 'complete' &&
      (lastCompleted?.completedAt ?? -Infinity) <= (appointment.completedAt ?? 0)
    ) {
      lastCompleted = appointment;
    }
  }
  if (scheduled) return 'scheduled';
  if (job.lifecycle === 'complete') return 'complete';
  if (!lastCompleted) return 'unscheduled';
  // An open job whose last visit ended with a completing reason while another visit was still live, and
  // that visit was then canceled: the visit's reason is how the job ended. A visit completed without a
  // reason (older clients) or with one nobody knows leaves the job waiting: Paused.
  const reason = lastCompleted.completeReasonId ? reasonOf(lastCompleted.completeReasonId) : undefined;
  return reason?.effect === 'complete' ? 'complete' : 'paused';
}

/** The API's stored-status vocabulary: Dispatch has no "in progress" on the wire (apps derive it). */
export function apiJobStatus(status: JobDisplayStatus): Exclude<JobDisplayStatus, 'in_progress'> {
  return status === 'in_progress' ? 'scheduled' : status;
}

/**
 * Jobs a provider's board and queue still show; declined jobs and withdrawn offers leave it. It takes the
 * job, not its display status: a withdrawn offer and a canceled job both display Canceled, and only the
 * canceled job stays (gray, labelled Canceled).
 */
export function isOnProviderBoard(job: Pick<Job, 'lifecycle' | 'withdrawn'>): boolean {
  return job.lifecycle !== 'rejected' && !job.withdrawn;
}
