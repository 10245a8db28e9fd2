import { z } from 'zod';
import type { Appointment, Job } from '../entities';
import { CommandRefused } from '../errors';
import { requireAppointment, requireRole, requireVisibleJob } from './guards';
import { Id, NoteText } from './schemas';
import { defineCommand, type CommandContext, type JobState, type NoteDraft } from './types';

/**
 * Who may write a note where: dispatchers on their organization's jobs, a job source on the jobs it sent
 * (the same `canSee` every command uses), and technicians about their own visits only — on one of their
 * appointments, or on a job they have a visit on.
 */
export function requireNoteWriter(
  state: JobState,
  ctx: CommandContext,
  appointmentId: string | undefined,
): { job: Job; appointment?: Appointment } {
  const job = requireVisibleJob(state, ctx.actor);
  requireRole(ctx.actor, ['dispatcher', 'technician', 'enterprise'], 'add notes');
  if (appointmentId !== undefined) return { job, appointment: requireAppointment(state, ctx.actor, appointmentId) };
  const actor = ctx.actor;
  if (actor.role === 'technician' && !state.appointments.some((visit) => visit.technicianId === actor.userId)) {
    throw new CommandRefused('FORBIDDEN', 'Technicians can only add notes to jobs they have a visit on.');
  }
  return { job };
}

export const addNote = defineCommand({
  name: 'note.add',
  summary:
    'Adds a note to a job, or to one of its appointments. Dispatchers; job sources on their jobs; technicians on their own visits.',
  schema: z.strictObject({ noteId: Id, jobId: Id, appointmentId: Id.optional(), text: NoteText }),
  target: (args) => ({ jobId: args.jobId }),
  apply(args, state, ctx) {
    const { job } = requireNoteWriter(state, ctx, args.appointmentId);
    const note: NoteDraft = { id: args.noteId, jobId: job.id, text: args.text };
    if (args.appointmentId !== undefined) note.appointmentId = args.appointmentId;
    // A note changes neither the job nor its visits: the commit carries the note alone.
    return { job, appointments: [], activity: [], notifications: [], notes: [note] };
  },
});
