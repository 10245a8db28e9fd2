import { requireTechnician, stamp } from './commands/guards';
import type { CommandContext, JobState } from './commands/types';
import type { Appointment, AppointmentStatus, Job, JobLifecycle } from './entities';
import { CommandRefused } from './errors';
import type { JobDisplayStatus } from './status';

/**
 * The job lifecycle in one place: how a job is born, every change of its stored lifecycle, and what a
 * closed job still allows. Commands consult it for the decision and word the refusal themselves, since a
 * dispatcher is told why in terms of what they tried (see jobCommands.ts, appointmentCommands.ts).
 */

/** An accepted job that is not closed; which of these it shows depends only on its appointments. */
const OPEN: readonly JobDisplayStatus[] = ['unscheduled', 'scheduled', 'in_progress', 'paused'];

/** Declined offers and canceled jobs (withdrawn offers too) are read-only for good. */
const CLOSED = ['canceled', 'rejected'] as const satisfies readonly JobLifecycle[];
export type ClosedLifecycle = (typeof CLOSED)[number];

/** The lifecycle a new job starts in: an enterprise's offer waits for the provider, a created job is accepted. */
export const NEW_JOB_LIFECYCLE = {
  'job.offer': 'offered',
  'job.create': 'open',
} as const satisfies Record<string, JobLifecycle>;

interface Transition {
  /** The display statuses the change may start from; any other refuses the command (INVALID_TRANSITION). */
  from: readonly JobDisplayStatus[];
  /** The stored lifecycle it leads to. */
  to: JobLifecycle;
}

/** Every change of a job's stored lifecycle, named for what happens, with the command that makes it. */
export const JOB_TRANSITIONS = {
  /** job.accept: the provider takes the offer (optionally with a first appointment). */
  accept: { from: ['offered'], to: 'open' },
  /** job.decline: the provider refuses the offer with a reason. */
  decline: { from: ['offered'], to: 'rejected' },
  /** job.withdraw: the enterprise takes back an offer not answered yet (`withdrawn` is set as well). */
  withdraw: { from: ['offered'], to: 'canceled' },
  /** job.cancel: nobody is on the way or on site; the live appointments are canceled with the job. */
  cancel: { from: ['unscheduled', 'scheduled', 'paused'], to: 'canceled' },
  /** job.complete ("Complete Job"): a paused job completed without another visit. */
  complete: { from: ['paused'], to: 'complete' },
  /**
   * appointment.setStatus: an appointment completed with a reason whose effect is "complete". The job shows
   * Complete once no other appointment is live (until then the live ones decide what it shows).
   */
  finish: { from: OPEN, to: 'complete' },
  /** appointment.setStatus: an appointment completed with a pausing reason; Paused once none is live. */
  pause: { from: OPEN, to: 'open' },
  /** appointment.create on an accepted job that is not complete (see revisit). */
  schedule: { from: OPEN, to: 'open' },
  /**
   * appointment.create on a complete job (also one whose revisit is live): a revisit. The job shows the
   * revisit's status while it is live and stays complete underneath, so a canceled revisit leaves it
   * Complete; the revisit's own complete reason decides otherwise (finish, pause).
   */
  revisit: { from: ['scheduled', 'in_progress', 'complete'], to: 'complete' },
} as const satisfies Record<string, Transition>;

export type JobTransition = keyof typeof JOB_TRANSITIONS;

/** Whether a job showing `status` may take this transition. */
export function canTransition(transition: JobTransition, status: JobDisplayStatus): boolean {
  return (JOB_TRANSITIONS[transition].from as readonly JobDisplayStatus[]).includes(status);
}

/** The job after the transition, with the fields that go with it (a closing reason, `withdrawn`). */
export function transitioned(job: Job, transition: JobTransition, changes: Partial<Job> = {}): Job {
  return { ...job, lifecycle: JOB_TRANSITIONS[transition].to, ...changes };
}

/** A closed job is read-only: its details and appointments no longer change, and nothing reopens it. */
export function isClosed<J extends Pick<Job, 'lifecycle'>>(job: J): job is J & { lifecycle: ClosedLifecycle } {
  return (CLOSED as readonly JobLifecycle[]).includes(job.lifecycle);
}

/** Field work (On My Way, Start, Complete, undo) happens only on an accepted job that is not closed (a complete job's revisit included). */
export function acceptsFieldWork(job: Pick<Job, 'lifecycle'>): boolean {
  return job.lifecycle === 'open' || job.lifecycle === 'complete';
}

/** The appointment state machine: which field statuses may follow which. Canceled and complete are final. */
export const APPOINTMENT_TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  scheduled: ['enroute', 'started', 'complete'],
  enroute: ['scheduled', 'started', 'complete'],
  started: ['complete'],
  complete: [],
  canceled: [],
};

/** What a dispatcher asks for when scheduling a visit (appointment.create, job.accept with an appointment). */
export interface AppointmentRequest {
  id: string;
  technicianId: string | null;
  start: number;
  durationMinutes: number;
}

/**
 * The one way an appointment is born: scheduled, for a technician on the job's team (or unassigned), under
 * an id the job does not use yet.
 */
export function newAppointment(
  request: AppointmentRequest,
  job: Job,
  state: JobState,
  ctx: CommandContext,
): Appointment {
  requireTechnician(state, job, request.technicianId);
  if (state.appointments.some((appointment) => appointment.id === request.id)) {
    throw new CommandRefused('ALREADY_EXISTS', 'An appointment with this id already exists.');
  }
  return stamp<Appointment>(
    {
      id: request.id,
      jobId: job.id,
      organizationId: job.organizationId,
      technicianId: request.technicianId,
      start: request.start,
      durationMinutes: request.durationMinutes,
      status: 'scheduled',
      version: 0,
    },
    ctx.actor.name,
    ctx.occurredAt,
  );
}
