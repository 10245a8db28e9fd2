import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Id, NoteText, type Actor, type Note } from '../../domain';
import type { ServerContext } from '../context';
import type { Reads } from '../store/types';
import { parse, pathId, runCommands } from './http';
import { visibleAppointment, visibleJob } from './visibility';
import { noteToWire } from './wire';

const NewNoteBody = z.strictObject({
  note: z.strictObject({
    /** The caller's own id for the note (a mobile app makes it offline); made here when absent. */
    id: Id.optional(),
    text: NoteText,
  }),
});

/**
 * The notes a caller reads: everyone who sees the job sees its notes, except that a technician reads the
 * notes of their own visits only (as they read only their own appointments), besides the job's own notes.
 */
async function readableNotes(reads: Reads, actor: Actor, jobId: string): Promise<Note[]> {
  const notes = await reads.notesOfJob(jobId);
  if (actor.role !== 'technician') return notes;
  const own = new Set(
    (await reads.appointmentsOfJob(jobId))
      .filter((appointment) => appointment.technicianId === actor.userId)
      .map((appointment) => appointment.id),
  );
  return notes.filter((note) => note.appointmentId === undefined || own.has(note.appointmentId));
}

/**
 * `/v3/jobs/:id/notes` and `/v3/appointments/:id/notes`: what technicians and job sources write about a job
 * or a visit, through `note.add` (the rules of who may write where are the domain's).
 */
export function registerNotes(api: FastifyInstance, context: ServerContext) {
  const addNote = (jobId: string, appointmentId: string | undefined, body: unknown) => {
    const { note: input } = parse(NewNoteBody, body);
    const noteId = input.id ?? `note_${randomUUID()}`;
    const args = { noteId, jobId, text: input.text, ...(appointmentId ? { appointmentId } : {}) };
    const render = async (_applied: unknown, reads: Reads) => ({
      statusCode: 201,
      body: { note: noteToWire((await reads.getNote(noteId))!) },
    });
    return { args, render };
  };

  api.post('/jobs/:id/notes', async (request, reply) => {
    const jobId = pathId(request, 'job');
    const { args, render } = addNote(jobId, undefined, request.body);
    return runCommands(context, request, reply, [{ name: 'note.add', args }], render);
  });

  api.get('/jobs/:id/notes', async (request) => {
    const job = await visibleJob(context.store, request.actor, pathId(request, 'job'));
    return { notes: (await readableNotes(context.store, request.actor, job.id)).map(noteToWire) };
  });

  api.post('/appointments/:id/notes', async (request, reply) => {
    const appointment = await visibleAppointment(context.store, request.actor, pathId(request, 'appointment'));
    const { args, render } = addNote(appointment.jobId, appointment.id, request.body);
    return runCommands(context, request, reply, [{ name: 'note.add', args }], render);
  });

  api.get('/appointments/:id/notes', async (request) => {
    const appointment = await visibleAppointment(context.store, request.actor, pathId(request, 'appointment'));
    const notes = await context.store.notesOfJob(appointment.jobId);
    return { notes: notes.filter((note) => note.appointmentId === appointment.id).map(noteToWire) };
  });
}
