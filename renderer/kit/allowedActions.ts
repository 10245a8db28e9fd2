import { applyCommand, DEFAULT_DECLINE_REASONS, parseCommand, type Actor, type JobState } from '../../domain';
import type { JobDetails } from '../data/views';

export type AppointmentAction = 'enroute' | 'start' | 'complete' | 'undo-enroute' | 'cancel';
export type JobAction = 'accept' | 'decline' | 'complete-job' | 'cancel-job' | 'withdraw' | 'new-appointment';

/** What each action is called: on the drawer's button, and as the palette's command. */
export const ACTION_LABELS: Record<AppointmentAction | JobAction, string> = {
  enroute: 'On My Way',
  start: 'Start',
  complete: 'Complete',
  'undo-enroute': 'Undo On My Way',
  cancel: 'Cancel appointment',
  accept: 'Accept',
  decline: 'Decline',
  withdraw: 'Withdraw offer',
  'complete-job': 'Complete Job',
  'cancel-job': 'Cancel job',
  'new-appointment': 'New appointment',
};

export interface AllowedActions {
  job: Set<JobAction>;
  appointments: Map<string, Set<AppointmentAction>>;
}

/**
 * What the dispatcher may do on this job right now, found by trying each action against the job as they
 * see it with the same domain rules the server runs: a button is shown exactly when its command would be
 * accepted, so the drawer never offers what the state machine or the actor's role forbids.
 */
export function allowedActions(details: JobDetails, actor: Actor, now = Date.now()): AllowedActions {
  const allowed: AllowedActions = { job: new Set(), appointments: new Map() };
  const job = details.job;
  if (!job) return allowed;
  const state: JobState = {
    job,
    appointments: details.appointments,
    customer: details.customer,
    customerSeen: details.customer !== undefined,
    completeReasons: details.lookups.completeReasons,
    technician: (id) => details.people.get(id),
    organization: (id) => details.lookups.organizations.get(id),
  };
  const ctx = { actor, occurredAt: now, now, offline: false };
  const accepts = (name: string, args: unknown): boolean => {
    const parsed = parseCommand(name, args);
    return parsed.ok && applyCommand(parsed.value, state, ctx).ok;
  };
  const jobId = job.id;
  const probe: [JobAction, string, unknown][] = [
    ['accept', 'job.accept', { jobId }],
    ['decline', 'job.decline', { jobId, reasonId: DEFAULT_DECLINE_REASONS[0]!.id }],
    ['withdraw', 'job.withdraw', { jobId }],
    ['complete-job', 'job.complete', { jobId }],
    ['cancel-job', 'job.cancel', { jobId }],
    [
      'new-appointment',
      'appointment.create',
      { jobId, id: 'apt_probe', technicianId: null, start: now, durationMinutes: 120 },
    ],
  ];
  for (const [action, name, args] of probe) if (accepts(name, args)) allowed.job.add(action);

  // Any reason the job may use proves the transition; the picker then offers them all.
  const reasonId = details.completeReasons[0]?.id;
  for (const appointment of details.appointments) {
    const appointmentId = appointment.id;
    const actions = new Set<AppointmentAction>();
    const status = (to: string, extra: object = {}) =>
      accepts('appointment.setStatus', { appointmentId, status: to, ...extra });
    if (status('enroute', { etaMinutes: 30 })) actions.add('enroute');
    if (status('started')) actions.add('start');
    if (reasonId && accepts('appointment.complete', { appointmentId, completeReasonId: reasonId }))
      actions.add('complete');
    if (status('scheduled')) actions.add('undo-enroute');
    if (accepts('appointment.cancel', { appointmentId })) actions.add('cancel');
    allowed.appointments.set(appointmentId, actions);
  }
  return allowed;
}
