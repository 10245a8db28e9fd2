import { z } from 'zod';
import type { Organization } from '../entities';
import { CommandRefused } from '../errors';
import { officeTimeZone } from '../organization';
import { isKnownTimeZone } from '../text';
import { requireRole, requireUnchangedSince, stamp } from './guards';
import { Id, Version } from './schemas';
import { defineCommand } from './types';

/** Whole minutes or days, at least 1; the maxima keep a typo from silencing the attention panel for years. */
const Threshold = (max: number, unit: string) =>
  z
    .number()
    .int(`must be whole ${unit}`)
    .min(1, `must be at least 1 ${unit.replace(/s$/, '')}`)
    .max(max, `must be at most ${max} ${unit}`);

/** The limits of the attention thresholds (also the settings panel's). */
export const ATTENTION_LIMITS = {
  lateStartGraceMinutes: 24 * 60,
  offerWaitingMinutes: 7 * 24 * 60,
  pausedAgingDays: 365,
} as const;

const AttentionInput = z
  .strictObject({
    lateStartGraceMinutes: Threshold(ATTENTION_LIMITS.lateStartGraceMinutes, 'minutes').optional(),
    offerWaitingMinutes: Threshold(ATTENTION_LIMITS.offerWaitingMinutes, 'minutes').optional(),
    pausedAgingDays: Threshold(ATTENTION_LIMITS.pausedAgingDays, 'days').optional(),
  })
  .refine((attention) => Object.keys(attention).length > 0, 'name at least one threshold');

/**
 * A dispatcher changes their organization's settings: its name, the office's time zone, the attention
 * thresholds. Every field is optional (a missing one keeps its value; thresholds merge one by one).
 */
export const updateOrganization = defineCommand({
  name: 'organization.update',
  summary: "Changes the dispatcher's organization's name, office time zone or attention thresholds.",
  schema: z
    .strictObject({
      organizationId: Id,
      expectedVersion: Version.optional(),
      name: z.string().trim().min(1).max(200).optional(),
      // Its shape here; whether the zone exists is a refusal of its own (UNKNOWN_TIME_ZONE) below.
      timeZone: z.string().min(1).max(64).optional(),
      attention: AttentionInput.optional(),
    })
    .refine(
      (args) => args.name !== undefined || args.timeZone !== undefined || args.attention !== undefined,
      'nothing to change',
    ),
  target: (args) => ({ organizationId: args.organizationId }),
  apply(args, state, ctx) {
    const organization = state.organization(args.organizationId);
    if (!organization || (ctx.actor.role !== 'system' && ctx.actor.organizationId !== organization.id))
      throw new CommandRefused('NOT_FOUND', 'This organization does not exist or is not yours.');
    requireRole(ctx.actor, ['dispatcher'], "change the organization's settings");
    if (args.timeZone !== undefined && !isKnownTimeZone(args.timeZone))
      throw new CommandRefused(
        'UNKNOWN_TIME_ZONE',
        `The request is not valid: timeZone: ${JSON.stringify(args.timeZone)} is not a known IANA time zone (such as America/Chicago).`,
      );
    requireUnchangedSince(
      organization,
      args.expectedVersion,
      ctx,
      "the organization's settings",
      officeTimeZone(organization),
    );
    const updated: Organization = {
      ...organization,
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.timeZone !== undefined ? { timeZone: args.timeZone } : {}),
      ...(args.attention ? { attention: { ...organization.attention, ...args.attention } } : {}),
    };
    return {
      organization: stamp(updated, ctx.actor.name, ctx.occurredAt),
      appointments: [],
      activity: [],
      notifications: [],
    };
  },
});
