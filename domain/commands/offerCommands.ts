import { z } from 'zod';
import { CommandRefused } from '../errors';
import { canTransition, newAppointment, transitioned } from '../lifecycle';
import { STATUS_STYLES } from '../palette';
import { DEFAULT_DECLINE_REASONS } from '../reasons';
import { appointmentCreated, statusChange, warningsOverruled } from './activity';
import { displayStatus, requireRole, requireVisibleJob, stamp } from './guards';
import { Id, NewAppointment } from './schemas';
import { AcknowledgedWarnings } from '../scheduling/warnings';
import { defineCommand } from './types';

// The answers to an enterprise's offer (job.offer, in jobCommands.ts): the provider accepts or declines it,
// or the enterprise withdraws it first. Each is a transition out of Offered (lifecycle.ts).

export const acceptJob = defineCommand({
  name: 'job.accept',
  summary: 'The provider accepts an offered job, optionally scheduling its first appointment in the same step.',
  schema: z.strictObject({
    jobId: Id,
    appointment: NewAppointment.optional(),
    /** Warnings about the appointment the dispatcher overruled (see appointment.create). */
    acknowledgedWarnings: AcknowledgedWarnings.optional(),
  }),
  target: (args) => ({ jobId: args.jobId }),
  apply(args, state, ctx) {
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['dispatcher'], 'accept offers');
    const status = displayStatus(state, job);
    if (!canTransition('accept', status)) {
      const reason = job.withdrawn ? 'the enterprise withdrew the offer' : `it is ${STATUS_STYLES[status].label}`;
      throw new CommandRefused('INVALID_TRANSITION', `This offer can no longer be accepted: ${reason}.`);
    }
    const accepted = stamp(transitioned(job, 'accept'), ctx.actor.name, ctx.occurredAt);
    const appointments = args.appointment ? [newAppointment(args.appointment, accepted, state, ctx)] : [];
    const to = appointments.length ? 'scheduled' : 'unscheduled';
    const activity = [statusChange(job.id, 'job.accepted', 'offered', to, 'Offer accepted')];
    if (appointments[0]) {
      activity.push(appointmentCreated(appointments[0], state));
      activity.push(...warningsOverruled(appointments[0], args.acknowledgedWarnings, accepted, state));
    }
    return { job: accepted, appointments, notifications: [], activity };
  },
});

export const declineJob = defineCommand({
  name: 'job.decline',
  summary: 'The provider declines an offered job with a reason; it leaves the board and becomes read-only.',
  schema: z.strictObject({ jobId: Id, reasonId: Id, note: z.string().max(500).optional() }),
  target: (args) => ({ jobId: args.jobId }),
  apply(args, state, ctx) {
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['dispatcher'], 'decline offers');
    const status = displayStatus(state, job);
    if (!canTransition('decline', status)) {
      throw new CommandRefused(
        'INVALID_TRANSITION',
        `Only offers can be declined; this job is ${STATUS_STYLES[status].label}.`,
      );
    }
    const reason = DEFAULT_DECLINE_REASONS.find((candidate) => candidate.id === args.reasonId);
    if (!reason) throw new CommandRefused('UNKNOWN_REASON', 'Choose one of the listed decline reasons.');
    const closedReason = args.note ? `${reason.label}: ${args.note}` : reason.label;
    return {
      job: stamp(transitioned(job, 'decline', { closedReason }), ctx.actor.name, ctx.occurredAt),
      appointments: [],
      notifications: [],
      activity: [statusChange(job.id, 'job.declined', 'offered', 'rejected', `Offer declined: ${closedReason}`)],
    };
  },
});

export const withdrawOffer = defineCommand({
  name: 'job.withdraw',
  summary: 'The enterprise withdraws an offer the provider has not answered yet.',
  schema: z.strictObject({ jobId: Id }),
  target: (args) => ({ jobId: args.jobId }),
  apply(args, state, ctx) {
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['enterprise'], 'withdraw offers');
    const status = displayStatus(state, job);
    if (!canTransition('withdraw', status)) {
      const label = STATUS_STYLES[status].label;
      const message = job.withdrawn
        ? 'This offer was already withdrawn.'
        : job.lifecycle === 'open'
          ? `The provider already accepted this offer; it is ${label}. Cancel the job instead.`
          : `This offer can no longer be withdrawn; it is ${label}.`;
      throw new CommandRefused('INVALID_TRANSITION', message);
    }
    return {
      job: stamp(
        transitioned(job, 'withdraw', { withdrawn: true, closedReason: 'Offer withdrawn' }),
        ctx.actor.name,
        ctx.occurredAt,
      ),
      appointments: [],
      notifications: [],
      activity: [statusChange(job.id, 'job.withdrawn', 'offered', 'canceled', 'Offer withdrawn by the enterprise')],
    };
  },
});
