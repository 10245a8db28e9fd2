import { z } from 'zod';
import type { Appointment, CompleteReason, Job } from '../entities';
import { CommandRefused } from '../errors';
import { acceptsFieldWork, APPOINTMENT_TRANSITIONS, JOB_TRANSITIONS, transitioned } from '../lifecycle';
import { STATUS_STYLES } from '../palette';
import { completeReasonsFor } from '../reasons';
import { isLive } from '../status';
import { jobStatusAfter } from './activity';
import { displayStatus, requireAppointment, requireRole, requireVisibleJob, stamp } from './guards';
import { Id, NoteText } from './schemas';
import { defineCommand, type ActivityDraft, type CommandContext, type JobState, type NoteDraft } from './types';

/**
 * Completing an appointment: "the technician marks the appointment as completed and selects the
 * 'complete reason' or outcome of the appointment". The reason is recorded on the visit, and the job records
 * how its latest visit ended (lifecycle finish or pause); while another visit of the job is live, that one
 * decides what the job shows (status.ts).
 *
 * `appointment.complete` requires a reason on every completion. `appointment.setStatus` with status
 * `complete`, the older way, keeps its rule (a reason only for the job's last live appointment) so that
 * commands older clients queued stay valid: a newly required argument gets a new command name.
 */
export type ReasonRule = 'every completion' | 'last live appointment';

/** The reason for completing on this job: one of the job's offered reasons, or none when the rule allows it. */
function chooseReason(
  job: Job,
  appointment: Appointment,
  state: JobState,
  reasonId: string | undefined,
  rule: ReasonRule,
): CompleteReason | undefined {
  if (reasonId) {
    const reason = state.completeReasons.find((candidate) => candidate.id === reasonId);
    if (!reason || !completeReasonsFor(job.sourceId, state.completeReasons).includes(reason)) {
      // An archived reason stays readable on the visits that used it but is no longer offered.
      const message =
        reason?.archived && (reason.sourceId === null || reason.sourceId === job.sourceId)
          ? `"${reason.label}" is no longer offered; choose another complete reason.`
          : 'That complete reason is not available for this job.';
      throw new CommandRefused('UNKNOWN_REASON', message);
    }
    return reason;
  }
  if (rule === 'every completion') {
    throw new CommandRefused(
      'REASON_REQUIRED',
      'Choose a complete reason: it records how the visit ended, and decides whether the job is complete or paused.',
    );
  }
  const othersLive = state.appointments.some((other) => other.id !== appointment.id && isLive(other));
  if (!othersLive) {
    throw new CommandRefused(
      'REASON_REQUIRED',
      "Choose a complete reason: it is the job's last appointment, and the reason decides whether the job is complete or paused.",
    );
  }
  return undefined;
}

/** The completed appointment and the job after it (its lifecycle records how the visit ended). */
export function completed(
  appointment: Appointment,
  job: Job,
  state: JobState,
  ctx: CommandContext,
  reasonId: string | undefined,
  rule: ReasonRule,
): { next: Appointment; nextJob: Job; reason: CompleteReason | undefined } {
  const reason = chooseReason(job, appointment, state, reasonId, rule);
  const at = ctx.occurredAt;
  const next = stamp<Appointment>(
    {
      ...appointment,
      status: 'complete',
      completedAt: at,
      completeReasonId: reason?.id,
      startedAt: appointment.startedAt ?? at,
    },
    ctx.actor.name,
    at,
  );
  const ending = reason && (reason.effect === 'complete' ? 'finish' : 'pause');
  const nextJob =
    ending && JOB_TRANSITIONS[ending].to !== job.lifecycle ? stamp(transitioned(job, ending), ctx.actor.name, at) : job;
  return { next, nextJob, reason };
}

/** The activity line of a completion. */
export function completionSummary(reason: CompleteReason | undefined): string {
  return `Appointment completed${reason ? `: ${reason.label}` : ''}`;
}

/**
 * The id of the note a completion carries. Made from the appointment, which completes at most once, so the
 * console's optimistic replay and the server name the same note without the command carrying an id.
 */
export function completionNoteId(appointmentId: string): string {
  return `note_${appointmentId}.completion`;
}

export const completeAppointment = defineCommand({
  name: 'appointment.complete',
  summary:
    'Completes an appointment with its complete reason (required). Technicians for their own appointments; dispatchers as backup.',
  // The reason is checked by the rule, not the schema, so that a missing one answers REASON_REQUIRED.
  // `note` (optional, added later: older clients' commands stay valid) is why, in the completer's words.
  schema: z.strictObject({ appointmentId: Id, completeReasonId: Id.optional(), note: NoteText.optional() }),
  target: (args) => ({ appointmentId: args.appointmentId }),
  apply(args, state, ctx) {
    const appointment = requireAppointment(state, ctx.actor, args.appointmentId);
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['dispatcher', 'technician'], 'complete appointments');
    if (!APPOINTMENT_TRANSITIONS[appointment.status].includes('complete')) {
      const was = appointment.status === 'complete' ? 'already complete' : appointment.status;
      throw new CommandRefused('INVALID_TRANSITION', `This appointment is ${was}; it cannot be completed.`);
    }
    if (!acceptsFieldWork(job)) {
      throw new CommandRefused(
        'INVALID_TRANSITION',
        `This job is ${STATUS_STYLES[displayStatus(state, job)].label}; its appointments cannot change.`,
      );
    }
    const { next, nextJob, reason } = completed(
      appointment,
      job,
      state,
      ctx,
      args.completeReasonId,
      'every completion',
    );
    const activity: ActivityDraft[] = [
      {
        jobId: job.id,
        appointmentId: appointment.id,
        kind: 'appointment.status',
        field: 'status',
        from: appointment.status,
        to: 'complete',
        summary: completionSummary(reason),
      },
      ...jobStatusAfter(state, job, nextJob, next),
    ];
    const notes: NoteDraft[] =
      args.note === undefined
        ? []
        : [{ id: completionNoteId(appointment.id), jobId: job.id, appointmentId: appointment.id, text: args.note }];
    return { job: nextJob, appointments: [next], notifications: [], activity, notes };
  },
});
