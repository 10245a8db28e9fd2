import type { Appointment, Job } from '../entities';
import { officeTimeZone } from '../organization';
import { STATUS_STYLES } from '../palette';
import { overruledSummary, type SchedulingWarningCode } from '../scheduling/warnings';
import { displayStatus } from './guards';
import type { ActivityDraft, JobState } from './types';

/** A change of the job's status, recorded under the command's own kind (job.accepted, job.canceled, ...). */
export function statusChange(jobId: string, kind: string, from: string, to: string, summary: string): ActivityDraft {
  return { jobId, kind, field: 'status', from, to, summary };
}

/** A new appointment, with its technician's name when it has one. */
export function appointmentCreated(appointment: Appointment, state: JobState): ActivityDraft {
  const technician = appointment.technicianId ? state.technician(appointment.technicianId) : undefined;
  return {
    jobId: appointment.jobId,
    appointmentId: appointment.id,
    kind: 'appointment.scheduled',
    field: 'start',
    from: null,
    to: appointment.start,
    summary: `Appointment scheduled${technician ? ` with ${technician.firstName} ${technician.lastName}` : ''}`,
  };
}

/**
 * The change of the job's display status that writing one of its appointments causes, if any: a cancel
 * can leave a job Unscheduled, a field status can put it In Progress, Paused or Complete.
 */
export function jobStatusAfter(state: JobState, job: Job, nextJob: Job, written: Appointment): ActivityDraft[] {
  const from = displayStatus(state, job);
  const after = state.appointments.map((candidate) => (candidate.id === written.id ? written : candidate));
  const to = displayStatus(state, nextJob, after);
  return from === to
    ? []
    : [
        {
          jobId: job.id,
          kind: 'job.status',
          field: 'status',
          from,
          to,
          summary: `Job is now ${STATUS_STYLES[to].label}`,
        },
      ];
}

/**
 * The warnings a dispatcher overruled when placing this appointment ("Schedule anyway"), as one line of
 * the activity; none when there were none or the appointment has no technician to warn about.
 */
export function warningsOverruled(
  appointment: Appointment,
  codes: readonly SchedulingWarningCode[] | undefined,
  job: Job,
  state: JobState,
): ActivityDraft[] {
  // Most placements overrule nothing: the technician is looked up only when something was.
  if (!codes?.length) return [];
  const technician = appointment.technicianId ? state.technician(appointment.technicianId) : undefined;
  if (!technician) return [];
  const timeZone = officeTimeZone(state.organization(appointment.organizationId));
  return [
    {
      jobId: appointment.jobId,
      appointmentId: appointment.id,
      kind: 'appointment.overruled',
      to: [...new Set(codes)].join(','),
      summary: overruledSummary(codes, { technician, start: appointment.start, job }, timeZone),
    },
  ];
}
