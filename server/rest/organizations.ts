import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { attentionThresholds, isKnownTimeZone, officeTimeZone, type Organization } from '../../domain';
import type { ServerContext } from '../context';
import { parse, RestError, runCommands, sent } from './http';

/** An organization's settings on the wire (v3 style): every setting with its default filled in. */
export function organizationToWire(organization: Organization) {
  const attention = attentionThresholds(organization);
  return {
    id: organization.id,
    name: organization.name,
    kind: organization.kind,
    time_zone: officeTimeZone(organization),
    attention: {
      late_start_grace_minutes: attention.lateStartGraceMinutes,
      offer_waiting_minutes: attention.offerWaitingMinutes,
      paused_aging_days: attention.pausedAgingDays,
    },
    version: organization.version,
  };
}

/** Shapes only; the limits and the zone are the command's rules (organization.update), answered with its codes. */
const PatchBody = z.strictObject({
  organization: z.strictObject({
    name: z.string().max(200).optional(),
    time_zone: z.string().min(1).max(64).optional(),
    attention: z
      .strictObject({
        late_start_grace_minutes: z.number().optional(),
        offer_waiting_minutes: z.number().optional(),
        paused_aging_days: z.number().optional(),
      })
      .optional(),
    /** The version the caller last read: a change since is refused STALE_VERSION. */
    version: z.number().int().min(0).optional(),
  }),
});

/** `/v3/organizations/me`: the caller's own organization's settings; dispatchers change them. */
export function registerOrganizations(api: FastifyInstance, context: ServerContext) {
  api.get('/organizations/me', async (request) => {
    const organization = context.directory.organization(request.actor.organizationId ?? '');
    if (!organization) throw new RestError('NOT_FOUND', 'This organization does not exist or is not yours.');
    return { organization: organizationToWire(organization) };
  });

  api.patch('/organizations/me', async (request, reply) => {
    const { organization: input } = parse(PatchBody, request.body);
    if (input.time_zone !== undefined && !isKnownTimeZone(input.time_zone))
      throw new RestError(
        'UNKNOWN_TIME_ZONE',
        `The request is not valid: organization.time_zone: ${JSON.stringify(input.time_zone)} is not a known IANA time zone (such as America/Chicago).`,
      );
    const attention = input.attention
      ? sent({
          lateStartGraceMinutes: input.attention.late_start_grace_minutes,
          offerWaitingMinutes: input.attention.offer_waiting_minutes,
          pausedAgingDays: input.attention.paused_aging_days,
        })
      : undefined;
    const args = sent({
      organizationId: request.actor.organizationId ?? '',
      expectedVersion: input.version,
      name: input.name,
      timeZone: input.time_zone,
      attention,
    });
    return runCommands(context, request, reply, [{ name: 'organization.update', args }], async (applied) => ({
      statusCode: 200,
      body: { organization: organizationToWire(applied.organization!) },
    }));
  });
}
