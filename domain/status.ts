import type { Appointment, AppointmentStatus, CompleteReason, Job } from './entities';

/**
 * The status a dispatcher and an enterprise see for a job. Derived, never stored: storing it would let
 * it drift from the appointments it summarises.
 */
export type JobDisplayStatus =
  | 'offered'
  | 'unscheduled'
  | 'scheduled'
  | 'in_progress'
  | 'paused'
  | 'complete'
  | 'canceled'
  | 'rejected';

/** Appointments that still count towards the job's work. */
export const LIVE_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['scheduled', 'enroute', 'started'];

export function isLive(appointment: Pick<Appointment, 'status'>): boolean {
  return LIVE_APPOINTMENT_STATUSES.includes(appointment.status);
}

/** Finds the reason an appointment was completed with, so a paused job can be told apart. */
export type ReasonLookup = (reasonId: string) => CompleteReason | undefined;

/**
 * The seed's rules: In Progress when any appointment is On My Way or started; Scheduled when one is
 * scheduled; otherwise Paused when the last completed appointment ended with a pausing reason, or
 * Unscheduled. Lifecycle states (offered, complete, canceled, rejected) win outright.
 */
export function deriveJobStatus(
  job: Pick<Job, 'lifecycle'>,
  appointments: readonly Pick<Appointment, 'status' | 'completedAt' | 'completeReasonId'>[],
  reasonOf: ReasonLookup,
): JobDisplayStatus {
  if (job.lifecycle !== 'open') return job.lifecycle;
  let scheduled = false;
  let lastCompleted: (typeof appointments)[number] | undefined;
  for (const appointment of appointments) {
    if (appointment.status === 'enroute' || appointment.status === 'started') return 'in_progress';
    if (appointment.status === 'scheduled') scheduled = true;
    if (appointment.status === 'complete' && (lastCompleted?.completedAt ?? -Infinity) <= (appointment.completedAt ?? 0)) {
      lastCompleted = appointment;
    }
  }
  if (scheduled) return 'scheduled';
  const reason = lastCompleted?.completeReasonId ? reasonOf(lastCompleted.completeReasonId) : undefined;
  return reason?.effect === 'pause' ? 'paused' : 'unscheduled';
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
