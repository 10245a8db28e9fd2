import { z } from 'zod';
import type { Appointment, AppointmentStatus, CompleteReason, Job } from '../entities';
import { CommandRefused } from '../errors';
import {
  acceptsFieldWork,
  APPOINTMENT_TRANSITIONS,
  canTransition,
  isClosed,
  newAppointment,
  transitioned,
} from '../lifecycle';
import { STATUS_STYLES } from '../palette';
import {
  clockTime,
  displayStatus,
  requireAppointment,
  requireRole,
  requireTechnician,
  requireVisibleJob,
  stamp,
  technicianName,
  unchangedByOthersSince,
} from './guards';
import { appointmentCreated, jobStatusAfter, warningsOverruled } from './activity';
import { completed, completionSummary } from './completion';
import { fieldText, textNote, type FieldText } from './customerTexts';
import { AcknowledgedWarnings } from '../scheduling/warnings';
import { DurationMinutes, Id, Instant, NewAppointment, Version } from './schemas';
import { defineCommand, type ActivityDraft, type CommandContext, type JobState } from './types';

export const scheduleAppointment = defineCommand({
  name: 'appointment.create',
  summary: 'Schedules a new appointment for an accepted job (also reopens a paused or complete job).',
  schema: NewAppointment.extend({ jobId: Id, acknowledgedWarnings: AcknowledgedWarnings.optional() }),
  target: (args) => ({ jobId: args.jobId }),
  apply(args, state, ctx) {
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['dispatcher'], 'schedule appointments');
    const from = displayStatus(state, job);
    // On a complete job the new appointment is a revisit: the job stays complete underneath (lifecycle.ts).
    const transition = job.lifecycle === 'complete' || from === 'complete' ? 'revisit' : 'schedule';
    if (!canTransition(transition, from)) {
      const message = isClosed(job)
        ? `This job is ${STATUS_STYLES[job.lifecycle].label.toLowerCase()}; it cannot be scheduled.`
        : 'Accept the offer before scheduling it (drag it onto a lane to do both at once).';
      throw new CommandRefused('INVALID_TRANSITION', message);
    }
    const appointment = newAppointment(args, job, state, ctx);
    const reopened = stamp(transitioned(job, transition), ctx.actor.name, ctx.occurredAt);
    const activity = [
      appointmentCreated(appointment, state),
      ...warningsOverruled(appointment, args.acknowledgedWarnings, job, state),
    ];
    if (from !== 'scheduled' && from !== 'in_progress') {
      activity.push({
        jobId: job.id,
        kind: 'job.status',
        field: 'status',
        from,
        to: 'scheduled',
        summary: 'Job scheduled',
      });
    }
    return { job: reopened, appointments: [appointment], notifications: [], activity };
  },
});

/**
 * Refuses an edit made on a version the dispatcher no longer sees, and any edit of an appointment the
 * field has moved on: the technician's status beats a dispatcher's older edit.
 */
function requireMovable(
  appointment: Appointment,
  job: Job,
  state: JobState,
  expectedVersion: number | undefined,
  ctx: CommandContext,
  what: string,
): void {
  if (isClosed(job)) {
    throw new CommandRefused(
      'INVALID_TRANSITION',
      `This job is ${STATUS_STYLES[job.lifecycle].label.toLowerCase()}; its appointments cannot be ${what}.`,
    );
  }
  if (appointment.status !== 'scheduled') {
    const who = technicianName(state, appointment.technicianId);
    const tz = job.address.timezone;
    const detail =
      appointment.status === 'enroute'
        ? `${who} went On My Way at ${clockTime(appointment.enrouteAt ?? appointment.updatedAt ?? 0, tz)}`
        : appointment.status === 'started'
          ? `${who} started this appointment at ${clockTime(appointment.startedAt ?? appointment.updatedAt ?? 0, tz)}`
          : appointment.status === 'complete'
            ? `${who} completed this appointment at ${clockTime(appointment.completedAt ?? appointment.updatedAt ?? 0, tz)}`
            : `${appointment.updatedBy ?? 'Someone'} canceled this appointment at ${clockTime(appointment.canceledAt ?? appointment.updatedAt ?? 0, tz)}`;
    // An unassigned appointment's detail starts with "the technician".
    throw new CommandRefused(
      'INVALID_TRANSITION',
      `${detail.charAt(0).toUpperCase()}${detail.slice(1)}; it can no longer be ${what}.`,
    );
  }
  if (expectedVersion !== undefined && !unchangedByOthersSince(appointment, expectedVersion, ctx.clientId)) {
    const when = appointment.updatedAt ? ` at ${clockTime(appointment.updatedAt, job.address.timezone)}` : '';
    throw new CommandRefused(
      'STALE_VERSION',
      `${appointment.updatedBy ?? 'Someone'} changed this appointment${when} after you last saw it; your change was not applied.`,
    );
  }
}

/** A dispatcher's edit of one appointment (move, cancel): who may make it, then whether it may still apply. */
function requireDispatcherEdit(
  args: { appointmentId: string; expectedVersion?: number },
  state: JobState,
  ctx: CommandContext,
  action: string,
  what: string,
): { appointment: Appointment; job: Job } {
  const appointment = requireAppointment(state, ctx.actor, args.appointmentId);
  const job = requireVisibleJob(state, ctx.actor);
  requireRole(ctx.actor, ['dispatcher'], action);
  requireMovable(appointment, job, state, args.expectedVersion, ctx, what);
  return { appointment, job };
}

export const moveAppointment = defineCommand({
  name: 'appointment.move',
  summary: 'Reschedules, reassigns or resizes a scheduled appointment; carries the version the dispatcher saw.',
  schema: z
    .strictObject({
      appointmentId: Id,
      expectedVersion: Version.optional(),
      start: Instant.optional(),
      technicianId: Id.nullable().optional(),
      durationMinutes: DurationMinutes.optional(),
      acknowledgedWarnings: AcknowledgedWarnings.optional(),
    })
    .refine(
      (args) => args.start !== undefined || args.technicianId !== undefined || args.durationMinutes !== undefined,
      'nothing to change',
    ),
  target: (args) => ({ appointmentId: args.appointmentId }),
  apply(args, state, ctx) {
    const { appointment, job } = requireDispatcherEdit(args, state, ctx, 'move appointments', 'moved');
    if (args.technicianId !== undefined) requireTechnician(state, job, args.technicianId);
    const moved = stamp(
      {
        ...appointment,
        start: args.start ?? appointment.start,
        technicianId: args.technicianId === undefined ? appointment.technicianId : args.technicianId,
        durationMinutes: args.durationMinutes ?? appointment.durationMinutes,
      },
      ctx.actor.name,
      ctx.occurredAt,
    );
    const activity: ActivityDraft[] = [];
    const base = { jobId: job.id, appointmentId: appointment.id, kind: 'appointment.moved' };
    if (moved.start !== appointment.start) {
      activity.push({
        ...base,
        field: 'start',
        from: appointment.start,
        to: moved.start,
        summary: 'Appointment rescheduled',
      });
    }
    if (moved.technicianId !== appointment.technicianId) {
      activity.push({
        ...base,
        field: 'technicianId',
        from: appointment.technicianId,
        to: moved.technicianId,
        summary: `Appointment reassigned from ${technicianName(state, appointment.technicianId)} to ${technicianName(state, moved.technicianId)}`,
      });
    }
    if (moved.durationMinutes !== appointment.durationMinutes) {
      activity.push({
        ...base,
        field: 'durationMinutes',
        from: appointment.durationMinutes,
        to: moved.durationMinutes,
        summary: 'Appointment duration changed',
      });
    }
    // A drop back on the same spot still writes the appointment (new version, updatedBy), so it is recorded too.
    if (activity.length === 0) activity.push({ ...base, summary: 'Appointment saved unchanged' });
    activity.push(...warningsOverruled(moved, args.acknowledgedWarnings, job, state));
    return { job, appointments: [moved], notifications: [], activity };
  },
});

export const cancelAppointment = defineCommand({
  name: 'appointment.cancel',
  summary: 'Cancels a scheduled appointment.',
  schema: z.strictObject({ appointmentId: Id, expectedVersion: Version.optional() }),
  target: (args) => ({ appointmentId: args.appointmentId }),
  apply(args, state, ctx) {
    const { appointment, job } = requireDispatcherEdit(args, state, ctx, 'cancel appointments', 'canceled');
    const canceled = stamp(
      { ...appointment, status: 'canceled' as const, canceledAt: ctx.occurredAt },
      ctx.actor.name,
      ctx.occurredAt,
    );
    const activity: ActivityDraft[] = [
      {
        jobId: job.id,
        appointmentId: appointment.id,
        kind: 'appointment.status',
        field: 'status',
        from: 'scheduled',
        to: 'canceled',
        summary: 'Appointment canceled',
      },
      ...jobStatusAfter(state, job, job, canceled),
    ];
    return { job, appointments: [canceled], notifications: [], activity };
  },
});

const FieldStatus = z.enum(['scheduled', 'enroute', 'started', 'complete']);

const STATUS_WORDS: Record<AppointmentStatus, string> = {
  scheduled: 'scheduled',
  enroute: 'On My Way',
  started: 'started',
  complete: 'complete',
  canceled: 'canceled',
};

export const setAppointmentStatus = defineCommand({
  name: 'appointment.setStatus',
  summary:
    'Field status: On My Way (with ETA), Start, or undo On My Way; also Complete, kept for older clients (appointment.complete requires a reason on every completion). Technicians for their own appointments; dispatchers as backup.',
  schema: z.strictObject({
    appointmentId: Id,
    status: FieldStatus,
    etaMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    completeReasonId: Id.optional(),
  }),
  target: (args) => ({ appointmentId: args.appointmentId }),
  apply(args, state, ctx) {
    const appointment = requireAppointment(state, ctx.actor, args.appointmentId);
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['dispatcher', 'technician'], 'change appointment statuses');
    const from = appointment.status;
    const to = args.status;
    if (!APPOINTMENT_TRANSITIONS[from].includes(to)) {
      const undo = to === 'scheduled' ? ' Only an On My Way can be undone.' : '';
      throw new CommandRefused(
        'INVALID_TRANSITION',
        `This appointment is ${STATUS_WORDS[from]}; it cannot be set to ${STATUS_WORDS[to]}.${undo}`,
      );
    }
    if (!acceptsFieldWork(job)) {
      throw new CommandRefused(
        'INVALID_TRANSITION',
        `This job is ${STATUS_STYLES[displayStatus(state, job)].label}; its appointments cannot change.`,
      );
    }
    const at = ctx.occurredAt;
    let next: Appointment = stamp({ ...appointment, status: to }, ctx.actor.name, at);
    let nextJob = job;
    let told: FieldText | undefined;
    let reason: CompleteReason | undefined;
    if (to === 'enroute') {
      next = { ...next, enrouteAt: at, etaMinutes: args.etaMinutes ?? 30 };
      told = fieldText(to, state, job, next, ctx);
    } else if (to === 'started') {
      next = { ...next, startedAt: at };
      told = fieldText(to, state, job, next, ctx);
    } else if (to === 'scheduled') {
      next = { ...next, enrouteAt: undefined, etaMinutes: undefined };
    } else {
      ({ next, nextJob, reason } = completed(
        appointment,
        job,
        state,
        ctx,
        args.completeReasonId,
        'last live appointment',
      ));
    }
    const activity: ActivityDraft[] = [
      {
        jobId: job.id,
        appointmentId: appointment.id,
        kind: 'appointment.status',
        field: 'status',
        from,
        to,
        summary:
          to === 'enroute'
            ? `On My Way, ETA ${next.etaMinutes} min${textNote(told!)}`
            : to === 'scheduled'
              ? 'On My Way undone'
              : to === 'started'
                ? `Appointment started${textNote(told!)}`
                : completionSummary(reason),
      },
      ...jobStatusAfter(state, job, nextJob, next),
    ];
    const notifications = told && 'text' in told ? [told.text] : [];
    return { job: nextJob, appointments: [next], notifications, activity };
  },
});
