import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Id, LongText, RequiredTags, ShortText, type Customer, type Job, type JobDisplayStatus } from '../../domain';
import type { ServerContext } from '../context';
import type { Applied } from '../pipeline';
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
import { scopeOf, visibleCustomer, visibleJob } from './visibility';
import {
  activityToWire,
  appointmentToWire,
  DurationSeconds,
  IsoTime,
  jobToWire,
  WireCustomerInput,
  WireLocation,
  WireTimeWindows,
} from './wire';

const ServiceType = z.string().trim().max(60);
const ExternalIds = z.array(z.string().min(1).max(100)).max(10);

const NewJobBody = z.strictObject({
  job: z
    .strictObject({
      id: Id.optional(),
      title: ShortText,
      description: LongText.nullish(),
      service_type: ServiceType.nullish(),
      required_tags: RequiredTags.optional(),
      organization_id: Id,
      status: z.enum(['offered', 'unscheduled']).default('offered'),
      address: WireLocation,
      customer_id: Id.optional(),
      customer: WireCustomerInput.optional(),
      external_ids: ExternalIds.optional(),
      time_windows: WireTimeWindows.optional(),
    })
    .refine((job) => job.customer_id !== undefined || job.customer !== undefined, {
      message: 'send customer_id or customer',
      path: ['customer_id'],
    })
    .refine((job) => !job.customer?.id || !job.customer_id || job.customer.id === job.customer_id, {
      message: 'customer.id and customer_id name different customers',
      path: ['customer', 'id'],
    }),
});

const JobStatus = z.enum([
  'offered',
  'unscheduled',
  'scheduled',
  'in_progress',
  'paused',
  'complete',
  'canceled',
  'rejected',
]);

/** Status filters match the display status, so `in_progress` can be asked for and `scheduled` excludes it. */
const JobListQuery = z.strictObject({
  'filter[status_eq]': JobStatus.optional(),
  'filter[status_in]': commaList(JobStatus).optional(),
  'filter[status_not_eq]': JobStatus.optional(),
  'filter[organization_id_eq]': Id.optional(),
  'filter[organization_id_in]': commaList(Id).optional(),
  'filter[customer_id_eq]': Id.optional(),
  'filter[customer_id_in]': commaList(Id).optional(),
  'filter[source_id_eq]': Id.optional(),
  'filter[external_ids_contains]': z.string().min(1).max(100).optional(),
  ...PageQuery,
});

const AcceptBody = z.strictObject({
  appointment: z
    .strictObject({
      id: Id.optional(),
      time: IsoTime,
      duration: DurationSeconds.optional(),
      user_id: Id.nullish(),
    })
    .optional(),
});

const RejectBody = z.strictObject({ reason_id: Id.default('dr-other'), note: z.string().max(500).optional() });

const TimeWindowsBody = z.strictObject({ time_windows: WireTimeWindows });

const PatchJobBody = z.strictObject({
  job: z.strictObject({
    status: z.enum(['canceled', 'complete']).optional(),
    title: ShortText.optional(),
    description: LongText.optional(),
    service_type: ServiceType.optional(),
    required_tags: RequiredTags.optional(),
    address: WireLocation.optional(),
    time_windows: WireTimeWindows.optional(),
  }),
});

/** A job command's outcome always carries its job (only directory commands have none). */
function jobOf(applied: Applied): Job {
  if (!applied.job) throw new Error('A job command was applied without its job.');
  return applied.job;
}

export async function renderJob(context: ServerContext, reads: Reads, job: Job) {
  const [appointments, customer] = await Promise.all([
    reads.appointmentsOfJob(job.id),
    reads.getCustomer(job.customerId),
  ]);
  return jobToWire(job, appointments, customer, context.directory.completeReasons());
}

/** `/v3/jobs`: offers and jobs, their lifecycle commands, and their activity. */
export function registerJobs(api: FastifyInstance, context: ServerContext) {
  const jobResponse = (statusCode: number) => async (applied: Applied, reads: Reads) => ({
    statusCode,
    body: { job: await renderJob(context, reads, jobOf(applied)) },
  });

  api.post('/jobs', async (request, reply) => {
    const { job: input } = parse(NewJobBody, request.body);
    const customer = input.customer
      ? { ...input.customer, id: input.customer.id ?? input.customer_id ?? `cus_${randomUUID()}` }
      : customerArgs(await visibleCustomer(context.store, request.actor, input.customer_id!));
    const args = sent({
      jobId: input.id ?? `job_${randomUUID()}`,
      organizationId: input.organization_id,
      title: input.title,
      description: input.description ?? undefined,
      serviceType: input.service_type ?? undefined,
      requiredTags: input.required_tags,
      address: input.address,
      externalIds: input.external_ids,
      timeWindows: input.time_windows,
      customer,
    });
    const name = input.status === 'offered' ? 'job.offer' : 'job.create';
    return runCommands(context, request, reply, [{ name, args }], jobResponse(201));
  });

  api.get('/jobs', async (request) => {
    const query = parse(JobListQuery, request.query);
    const scope = scopeOf(request.actor);
    const requestedOrganizations = intersect(
      eq(query['filter[organization_id_eq]']),
      query['filter[organization_id_in]'],
    );
    const organizationIds = intersect(scope.organizationIds, requestedOrganizations);
    const sourceIds = intersect(eq(scope.sourceId), eq(query['filter[source_id_eq]']));
    const customerIdIn = intersect(eq(query['filter[customer_id_eq]']), query['filter[customer_id_in]']);
    const displayStatusIn = intersect(eq(query['filter[status_eq]']), query['filter[status_in]']) as
      JobDisplayStatus[] | undefined;
    const { limit, offset } = query;
    if ([organizationIds, sourceIds, customerIdIn, displayStatusIn].some((list) => list?.length === 0)) {
      return { jobs: [], meta: listMeta(0, limit, offset) };
    }
    const page = await context.store.listJobs({
      organizationIds,
      sourceId: sourceIds?.[0],
      customerIdIn,
      displayStatusIn,
      displayStatusNotIn: eq(query['filter[status_not_eq]']),
      externalId: query['filter[external_ids_contains]'],
      limit,
      offset,
    });
    const jobs = await Promise.all(page.items.map((job) => renderJob(context, context.store, job)));
    return { jobs, meta: listMeta(page.total, limit, offset) };
  });

  api.get('/jobs/:id', async (request) => {
    const job = await visibleJob(context.store, request.actor, pathId(request, 'job'));
    return { job: await renderJob(context, context.store, job) };
  });

  api.get('/jobs/:id/activity', async (request) => {
    const job = await visibleJob(context.store, request.actor, pathId(request, 'job'));
    return { activity: (await context.store.activityOfJob(job.id)).map(activityToWire) };
  });

  api.post('/jobs/:id/accept', async (request, reply) => {
    const jobId = pathId(request, 'job');
    const { appointment: input } = parse(AcceptBody, request.body ?? {});
    const appointment = input && {
      id: input.id ?? `apt_${randomUUID()}`,
      technicianId: input.user_id ?? null,
      start: input.time,
      durationMinutes: input.duration ?? 120,
    };
    // Scheduling the accepted job's first visit is checked as any other (server/rest/schedulingWarnings.ts).
    const warnings = appointment ? await warningsForPlacement(context, { jobId, ...appointment }) : [];
    return runCommands(
      context,
      request,
      reply,
      [{ name: 'job.accept', args: sent({ jobId, appointment, ...acknowledged(warnings) }) }],
      async (applied, reads) => ({
        statusCode: 200,
        body: {
          job: await renderJob(context, reads, jobOf(applied)),
          ...(applied.appointments[0] ? { appointment: appointmentToWire(applied.appointments[0]), warnings } : {}),
        },
      }),
    );
  });

  api.post('/jobs/:id/reject', async (request, reply) => {
    const jobId = pathId(request, 'job');
    const body = parse(RejectBody, request.body ?? {});
    const args = sent({ jobId, reasonId: body.reason_id, note: body.note });
    return runCommands(context, request, reply, [{ name: 'job.decline', args }], jobResponse(200));
  });

  api.post('/jobs/:id/time_windows', async (request, reply) => {
    const jobId = pathId(request, 'job');
    const body = parse(TimeWindowsBody, request.body);
    return runCommands(
      context,
      request,
      reply,
      [{ name: 'job.update', args: { jobId, timeWindows: body.time_windows } }],
      jobResponse(200),
    );
  });

  api.patch('/jobs/:id', async (request, reply) => {
    const jobId = pathId(request, 'job');
    const { job: input } = parse(PatchJobBody, request.body);
    const { status, ...fields } = input;
    const steps: Step[] = [];
    const changes = sent({
      title: fields.title,
      description: fields.description,
      serviceType: fields.service_type,
      requiredTags: fields.required_tags,
      address: fields.address,
      timeWindows: fields.time_windows,
    });
    // Details first: once the job is canceled it is read-only.
    if (Object.keys(changes).length) steps.push({ name: 'job.update', args: { jobId, ...changes } });
    if (status === 'complete') steps.push({ name: 'job.complete', args: { jobId } });
    if (status === 'canceled') {
      const job = await visibleJob(context.store, request.actor, jobId);
      // An enterprise takes back an unanswered offer; anything accepted is canceled.
      const withdraw = job.lifecycle === 'offered' && request.actor.role === 'enterprise';
      steps.push({ name: withdraw ? 'job.withdraw' : 'job.cancel', args: { jobId } });
    }
    if (!steps.length)
      throw new RestError(
        'INVALID_ARGS',
        'The request is not valid: send at least one of status, title, description, service_type, required_tags, address, time_windows.',
      );
    return runCommands(context, request, reply, steps, jobResponse(200));
  });
}

/** An existing customer as the `customer` argument of a new job (the domain keeps the stored one). */
/** A stored customer as a command's customer input: its own fields, not its bookkeeping (version, lastWrite). */
function customerArgs(customer: Customer) {
  const { id, firstName, lastName, companyName, email, phoneNumbers, homeAddress, notes } = customer;
  return sent({ id, firstName, lastName, companyName, email, phoneNumbers, homeAddress, notes });
}
