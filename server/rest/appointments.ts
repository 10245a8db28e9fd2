import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Id, NoteText, type SchedulingWarning } from '../../domain';
import type { ServerContext } from '../context';
import type { Reads } from '../store/types';
import {
  commaList,
  eq,
  intersect,
  listMeta,
  PageQuery,
  parse,
  pathId,
  RestError,
  runCommands,
  sent,
  type Step,
} from './http';
import { acknowledged, warningsForPlacement } from './schedulingWarnings';
import { scopeOf, visibleAppointment } from './visibility';
import { appointmentToWire, DurationSeconds, IsoTime } from './wire';

/** What appointment.create fills in for a visit sent without a duration (its schema's default). */
const DEFAULT_DURATION_MINUTES = 120;

const AppointmentStatus = z.enum(['scheduled', 'enroute', 'started', 'complete', 'canceled']);
const Version = z.number().int().min(0);

const NewAppointmentBody = z.strictObject({
  appointment: z.strictObject({
    id: Id.optional(),
    job_id: Id,
    time: IsoTime,
    duration: DurationSeconds.optional(),
    user_id: Id.nullish(),
    status: z.literal('scheduled').optional(),
  }),
});

const AppointmentListQuery = z.strictObject({
  'filter[job_id_eq]': Id.optional(),
  'filter[job_id_in]': commaList(Id).optional(),
  'filter[organization_id_eq]': Id.optional(),
  'filter[status_eq]': AppointmentStatus.optional(),
  'filter[status_in]': commaList(AppointmentStatus).optional(),
  'filter[time_gt]': IsoTime.optional(),
  'filter[time_gteq]': IsoTime.optional(),
  'filter[time_lt]': IsoTime.optional(),
  'filter[time_lteq]': IsoTime.optional(),
  'filter[user_id_eq]': Id.optional(),
  'filter[user_id_in]': commaList(Id).optional(),
  'filter[user_id_null]': z.literal('true').optional(),
  ...PageQuery,
});

const PatchAppointmentBody = z.strictObject({
  appointment: z
    .strictObject({
      time: IsoTime.optional(),
      duration: DurationSeconds.optional(),
      user_id: Id.nullable().optional(),
      status: AppointmentStatus.optional(),
      eta_minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .optional(),
      complete_reason_id: Id.optional(),
      /** With status complete: why, in the completer's words; kept as a note on the appointment. */
      note: NoteText.optional(),
      /** The version the caller last saw: a move or cancel on a stale one is refused (409 STALE_VERSION). */
      version: Version.optional(),
    })
    .refine((input) => input.eta_minutes === undefined || input.status === 'enroute', {
      message: 'eta_minutes goes with status enroute',
      path: ['eta_minutes'],
    })
    .refine((input) => input.complete_reason_id === undefined || input.status === 'complete', {
      message: 'complete_reason_id goes with status complete',
      path: ['complete_reason_id'],
    })
    .refine((input) => input.note === undefined || input.status === 'complete', {
      message: 'note goes with status complete (other notes: POST /v3/appointments/:id/notes)',
      path: ['note'],
    }),
});

const DeleteQuery = z.strictObject({
  version: z
    .string()
    .regex(/^\d{1,15}$/, 'expected a whole number')
    .transform(Number)
    .optional(),
});

/** `/v3/appointments`: visits of accepted jobs, moved by dispatchers and advanced by technicians. */
export function registerAppointments(api: FastifyInstance, context: ServerContext) {
  /** `warnings`: what a schedule or move overruled (never a refusal); only writes that place a visit answer it. */
  const appointmentResponse =
    (statusCode: number, appointmentId: string, warnings?: readonly SchedulingWarning[]) =>
    async (_applied: unknown, reads: Reads) => ({
      statusCode,
      body: {
        appointment: appointmentToWire((await reads.getAppointment(appointmentId))!),
        ...(warnings ? { warnings } : {}),
      },
    });

  api.post('/appointments', async (request, reply) => {
    const { appointment: input } = parse(NewAppointmentBody, request.body);
    const id = input.id ?? `apt_${randomUUID()}`;
    const placement = {
      jobId: input.job_id,
      technicianId: input.user_id ?? null,
      start: input.time,
      durationMinutes: input.duration ?? DEFAULT_DURATION_MINUTES,
    };
    const warnings = await warningsForPlacement(context, placement);
    const args = sent({ id, ...placement, durationMinutes: input.duration, ...acknowledged(warnings) });
    return runCommands(
      context,
      request,
      reply,
      [{ name: 'appointment.create', args }],
      appointmentResponse(201, id, warnings),
    );
  });

  api.get('/appointments', async (request) => {
    const query = parse(AppointmentListQuery, request.query);
    const actor = request.actor;
    const scope = scopeOf(actor);
    const organizationIds = intersect(scope.organizationIds, eq(query['filter[organization_id_eq]']));
    const jobIdIn = intersect(eq(query['filter[job_id_eq]']), query['filter[job_id_in]']);
    const statusIn = intersect(eq(query['filter[status_eq]']), query['filter[status_in]']);
    const requestedTechnicians = intersect(eq(query['filter[user_id_eq]']), query['filter[user_id_in]']);
    // A technician's list is its own schedule, whatever else it asks for.
    const technicianIdIn = intersect(
      actor.role === 'technician' ? [actor.userId ?? ''] : undefined,
      requestedTechnicians,
    );
    const technicianIdNull = query['filter[user_id_null]'] === 'true';
    const { limit, offset } = query;
    const impossible =
      [organizationIds, jobIdIn, statusIn, technicianIdIn].some((list) => list?.length === 0) ||
      (technicianIdNull && technicianIdIn !== undefined);
    if (impossible) return { appointments: [], meta: listMeta(0, limit, offset) };
    const page = await context.store.listAppointments({
      organizationIds,
      sourceId: scope.sourceId,
      jobIdIn,
      statusIn,
      technicianIdIn,
      technicianIdNull: technicianIdNull || undefined,
      timeGt: query['filter[time_gt]'],
      timeGte: query['filter[time_gteq]'],
      timeLt: query['filter[time_lt]'],
      timeLte: query['filter[time_lteq]'],
      limit,
      offset,
    });
    return { appointments: page.items.map(appointmentToWire), meta: listMeta(page.total, limit, offset) };
  });

  api.get('/appointments/:id', async (request) => {
    const appointment = await visibleAppointment(context.store, request.actor, pathId(request, 'appointment'));
    return { appointment: appointmentToWire(appointment) };
  });

  api.patch('/appointments/:id', async (request, reply) => {
    const appointmentId = pathId(request, 'appointment');
    const { appointment: input } = parse(PatchAppointmentBody, request.body);
    const steps: Step[] = [];
    const move = sent({ start: input.time, durationMinutes: input.duration, technicianId: input.user_id });
    const warnings = Object.keys(move).length ? await warningsForPlacement(context, { appointmentId, ...move }) : [];
    if (Object.keys(move).length)
      steps.push({
        name: 'appointment.move',
        args: sent({ appointmentId, expectedVersion: input.version, ...move, ...acknowledged(warnings) }),
      });
    // The version guards only the first step; field statuses carry none (the technician's status wins).
    const expectedVersion = steps.length ? undefined : input.version;
    if (input.status === 'canceled') {
      steps.push({ name: 'appointment.cancel', args: sent({ appointmentId, expectedVersion }) });
    } else if (input.status === 'complete') {
      // Every completion over REST names its reason (REASON_REQUIRED otherwise), as the console's do.
      steps.push({
        name: 'appointment.complete',
        args: sent({ appointmentId, completeReasonId: input.complete_reason_id, note: input.note }),
      });
    } else if (input.status) {
      steps.push({
        name: 'appointment.setStatus',
        args: sent({ appointmentId, status: input.status, etaMinutes: input.eta_minutes }),
      });
    }
    if (!steps.length)
      throw new RestError(
        'INVALID_ARGS',
        'The request is not valid: send at least one of time, duration, user_id, status.',
      );
    return runCommands(context, request, reply, steps, appointmentResponse(200, appointmentId, warnings));
  });

  api.delete('/appointments/:id', async (request, reply) => {
    const appointmentId = pathId(request, 'appointment');
    const { version } = parse(DeleteQuery, request.query);
    const args = sent({ appointmentId, expectedVersion: version });
    return runCommands(
      context,
      request,
      reply,
      [{ name: 'appointment.cancel', args }],
      appointmentResponse(200, appointmentId),
    );
  });
}
