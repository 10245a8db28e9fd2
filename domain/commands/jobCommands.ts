import { z } from 'zod';
import type { Customer, Job } from '../entities';
import { CommandRefused } from '../errors';
import { canTransition, isClosed, NEW_JOB_LIFECYCLE, transitioned } from '../lifecycle';
import { STATUS_STYLES } from '../palette';
import { statusChange } from './activity';
import { displayStatus, liveAppointments, requireRole, requireVisibleJob, stamp } from './guards';
import { normalizeSkills } from '../skills';
import { CustomerInput, Id, LocationSchema, LongText, RequiredTags, ShortText, TimeWindows } from './schemas';
import { defineCommand, type CommandContext, type JobState } from './types';

const JobFields = {
  jobId: Id,
  organizationId: Id,
  title: ShortText,
  description: LongText.optional(),
  serviceType: z.string().trim().max(60).optional(),
  /** Tags the technician must carry besides the service type ("EPA 608"). */
  requiredTags: RequiredTags.optional(),
  address: LocationSchema,
  externalIds: z.array(z.string().min(1).max(100)).max(10).optional(),
  timeWindows: TimeWindows.default([]),
  /** A new customer, or an existing one by id (a duplicate id merges into the existing customer). */
  customer: CustomerInput,
};

const NewJobArgs = z.strictObject(JobFields);
type NewJobArgs = z.infer<typeof NewJobArgs>;

function newJob(
  args: NewJobArgs,
  state: JobState,
  ctx: CommandContext,
  command: keyof typeof NEW_JOB_LIFECYCLE,
  sourceId: string | null,
) {
  if (state.job) throw new CommandRefused('ALREADY_EXISTS', 'A job with this id already exists.');
  const provider = state.organization(args.organizationId);
  if (!provider || provider.kind !== 'provider') {
    throw new CommandRefused('NOT_FOUND', 'That service provider does not exist.');
  }
  const existing = state.customer;
  // Naming a customer by id reads it (the job answers with it), so only a customer the actor sees may be named.
  if (existing && !state.customerSeen)
    throw new CommandRefused('NOT_FOUND', 'That customer does not exist or is not yours.');
  if (existing && existing.organizationId !== args.organizationId) {
    throw new CommandRefused('ALREADY_EXISTS', 'A customer with this id belongs to another organization.');
  }
  const customer: Customer = existing ?? {
    ...args.customer,
    organizationId: args.organizationId,
    version: 0,
  };
  const job = stamp<Job>(
    {
      id: args.jobId,
      organizationId: args.organizationId,
      sourceId,
      customerId: customer.id,
      title: args.title,
      description: args.description,
      serviceType: args.serviceType,
      ...(args.requiredTags ? { requiredTags: normalizeSkills(args.requiredTags) } : {}),
      address: args.address,
      externalIds: args.externalIds,
      timeWindows: args.timeWindows,
      lifecycle: NEW_JOB_LIFECYCLE[command],
      createdAt: ctx.occurredAt,
      version: 0,
    },
    ctx.actor.name,
    ctx.occurredAt,
  );
  return { job, customer: existing ? undefined : customer };
}

export const offerJob = defineCommand({
  name: 'job.offer',
  summary: 'An enterprise offers a new job (with its customer) to a service provider.',
  schema: NewJobArgs,
  target: (args) => ({ jobId: args.jobId, customerId: args.customer.id }),
  apply(args, state, ctx) {
    requireRole(ctx.actor, ['enterprise'], 'offer jobs');
    const sourceId = ctx.actor.role === 'system' ? null : ctx.actor.organizationId;
    const { job, customer } = newJob(args, state, ctx, 'job.offer', sourceId);
    return {
      job,
      customer,
      appointments: [],
      notifications: [],
      activity: [
        {
          jobId: job.id,
          kind: 'job.offered',
          field: 'status',
          from: null,
          to: 'offered',
          summary: `Job offered: ${job.title}`,
        },
      ],
    };
  },
});

export const createJob = defineCommand({
  name: 'job.create',
  summary: "Creates an accepted (unscheduled) job: the provider's own, or one an enterprise assigns directly.",
  schema: NewJobArgs,
  target: (args) => ({ jobId: args.jobId, customerId: args.customer.id }),
  apply(args, state, ctx) {
    requireRole(ctx.actor, ['dispatcher', 'enterprise'], 'create jobs');
    if (ctx.actor.role === 'dispatcher' && args.organizationId !== ctx.actor.organizationId) {
      throw new CommandRefused('FORBIDDEN', 'Dispatchers can only create jobs for their own organization.');
    }
    const sourceId = ctx.actor.role === 'enterprise' ? ctx.actor.organizationId : null;
    const { job, customer } = newJob(args, state, ctx, 'job.create', sourceId);
    return {
      job,
      customer,
      appointments: [],
      notifications: [],
      activity: [
        {
          jobId: job.id,
          kind: 'job.created',
          field: 'status',
          from: null,
          to: 'unscheduled',
          summary: `Job created: ${job.title}`,
        },
      ],
    };
  },
});

export const cancelJob = defineCommand({
  name: 'job.cancel',
  summary: 'Cancels an accepted job that is not under way; its live appointments are canceled with it.',
  schema: z.strictObject({ jobId: Id, reason: z.string().trim().max(500).optional() }),
  target: (args) => ({ jobId: args.jobId }),
  apply(args, state, ctx) {
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['dispatcher', 'enterprise'], 'cancel jobs');
    const status = displayStatus(state, job);
    if (!canTransition('cancel', status)) {
      const instead = ctx.actor.role === 'enterprise' ? 'withdraw it instead' : 'decline it instead';
      const message =
        status === 'in_progress'
          ? 'A technician is on the way or on site; complete or undo that appointment before canceling the job.'
          : status === 'offered'
            ? `This job is still an offer; ${instead}.`
            : `This job is ${STATUS_STYLES[status].label}; it cannot be canceled.`;
      throw new CommandRefused('INVALID_TRANSITION', message);
    }
    const appointments = liveAppointments(state.appointments).map((appointment) =>
      stamp(
        { ...appointment, status: 'canceled' as const, canceledAt: ctx.occurredAt },
        ctx.actor.name,
        ctx.occurredAt,
      ),
    );
    const closedReason = args.reason || 'Canceled';
    return {
      job: stamp(transitioned(job, 'cancel', { closedReason }), ctx.actor.name, ctx.occurredAt),
      appointments,
      notifications: [],
      activity: [
        statusChange(job.id, 'job.canceled', status, 'canceled', `Job canceled: ${closedReason}`),
        ...appointments.map((appointment) => ({
          jobId: job.id,
          appointmentId: appointment.id,
          kind: 'appointment.status',
          field: 'status',
          from: 'scheduled',
          to: 'canceled',
          summary: 'Appointment canceled with the job',
        })),
      ],
    };
  },
});

export const completeJob = defineCommand({
  name: 'job.complete',
  summary: 'Completes a paused job without another visit ("Complete Job").',
  schema: z.strictObject({ jobId: Id }),
  target: (args) => ({ jobId: args.jobId }),
  apply(_args, state, ctx) {
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['dispatcher'], 'complete jobs');
    const status = displayStatus(state, job);
    if (!canTransition('complete', status)) {
      throw new CommandRefused(
        'INVALID_TRANSITION',
        `Only a paused job can be completed without a visit; this one is ${STATUS_STYLES[status].label}.`,
      );
    }
    return {
      job: stamp(transitioned(job, 'complete'), ctx.actor.name, ctx.occurredAt),
      appointments: [],
      notifications: [],
      activity: [statusChange(job.id, 'job.completed', status, 'complete', 'Job completed')],
    };
  },
});

/** What a job's details looked like to an editor: the fields it changes, as it saw them. */
const SeenDetails = z.strictObject({
  title: z.string().max(200).optional(),
  description: z.string().max(10_000).optional(),
  serviceType: z.string().max(60).optional(),
  requiredTags: z.array(z.string().max(60)).max(40).optional(),
  address: LocationSchema.optional(),
  timeWindows: z
    .array(z.strictObject({ start: z.number(), end: z.number() }))
    .max(3)
    .optional(),
});

const DETAIL_NAMES: Record<keyof z.infer<typeof SeenDetails>, string> = {
  title: 'title',
  description: 'description',
  serviceType: 'service type',
  requiredTags: 'required tags',
  address: 'address',
  timeWindows: 'preferred times',
};

/**
 * The job-details form of the conflict rule moves follow: each field is compared with what the editor
 * saw, so a technician's status change in between (which rewrites the job) does not refuse a title edit,
 * while another dispatcher's new title does. A field absent on the job reads as empty.
 */
function requireDetailsUnchanged(job: Job, seen: z.infer<typeof SeenDetails>): void {
  const changed = (Object.keys(seen) as (keyof typeof seen)[]).filter(
    (field) => JSON.stringify(job[field] ?? emptyOf(field)) !== JSON.stringify(seen[field] ?? emptyOf(field)),
  );
  if (!changed.length) return;
  const fields = changed.map((field) => DETAIL_NAMES[field]).join(', ');
  throw new CommandRefused(
    'STALE_VERSION',
    `${job.updatedBy ?? 'Someone'} changed the job's ${fields} after you last saw it; your change was not applied.`,
  );
}

function emptyOf(field: string): unknown {
  return field === 'requiredTags' || field === 'timeWindows' ? [] : field === 'address' ? null : '';
}

export const updateJob = defineCommand({
  name: 'job.update',
  summary: "Edits a job's details (title, description, service type, required tags, address, customer time windows).",
  schema: z
    .strictObject({
      jobId: Id,
      title: ShortText.optional(),
      description: LongText.optional(),
      serviceType: z.string().trim().max(60).optional(),
      requiredTags: RequiredTags.optional(),
      address: LocationSchema.optional(),
      timeWindows: TimeWindows.optional(),
      /**
       * The values the editor saw of the fields it changes. A field someone else changed since is refused
       * (STALE_VERSION) instead of overwritten; without `seen` (an integration) the edit writes over.
       */
      seen: SeenDetails.optional(),
    })
    .refine((args) => Object.keys(args).some((key) => key !== 'jobId' && key !== 'seen'), 'nothing to change'),
  target: (args) => ({ jobId: args.jobId }),
  apply(args, state, ctx) {
    const job = requireVisibleJob(state, ctx.actor);
    requireRole(ctx.actor, ['dispatcher', 'enterprise'], 'edit jobs');
    if (isClosed(job)) {
      throw new CommandRefused('INVALID_TRANSITION', 'This job is closed and read-only.');
    }
    const { jobId, seen, ...given } = args;
    if (seen) requireDetailsUnchanged(job, seen);
    const changes = given.requiredTags ? { ...given, requiredTags: normalizeSkills(given.requiredTags) } : given;
    const fields = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
    return {
      job: stamp({ ...job, ...changes }, ctx.actor.name, ctx.occurredAt),
      appointments: [],
      notifications: [],
      activity: [
        { jobId, kind: 'job.updated', field: fields.join(','), summary: `Job details changed: ${fields.join(', ')}` },
      ],
    };
  },
});
