import { z } from 'zod';
import type { User } from '../entities';
import { CommandRefused } from '../errors';
import { normalizeSkills } from '../skills';
import type { Actor } from '../actor';
import { AvailabilitySchema, Id, SkillTag } from './schemas';
import { defineCommand, type CommandState } from './types';

/** The technician a user command is about, if the actor may change it: their organization's dispatchers, or themselves. */
function editableTechnician(state: CommandState, actor: Actor, self: boolean): User {
  const user = state.user;
  const sameOrganization = user && (actor.role === 'system' || actor.organizationId === user.organizationId);
  if (!user || !sameOrganization || !user.roles.includes('technician'))
    throw new CommandRefused('NOT_FOUND', 'This technician does not exist or is not in your organization.');
  if (actor.role === 'system' || actor.role === 'dispatcher') return user;
  if (self && actor.role === 'technician' && actor.userId === user.id) return user;
  throw new CommandRefused('FORBIDDEN', 'Only dispatchers of the organization can change this technician.');
}

export const setAvailability = defineCommand({
  name: 'user.setAvailability',
  summary: "Replaces a technician's weekly hours and time off (dispatchers of the organization, or the technician).",
  schema: z.strictObject({ userId: Id, availability: AvailabilitySchema }),
  target: (args) => ({ userId: args.userId }),
  apply(args, state, ctx) {
    const user = editableTechnician(state, ctx.actor, true);
    const updated: User = { ...user, availability: args.availability };
    return { users: [updated], appointments: [], activity: [], notifications: [] };
  },
});

export const updateUser = defineCommand({
  name: 'user.update',
  summary:
    'Changes a technician\'s skills (service types and tags such as "EPA 608"); dispatchers of the organization.',
  schema: z.strictObject({ userId: Id, skills: z.array(SkillTag).max(40) }),
  target: (args) => ({ userId: args.userId }),
  apply(args, state, ctx) {
    const user = editableTechnician(state, ctx.actor, false);
    const updated: User = { ...user, skills: normalizeSkills(args.skills) };
    return { users: [updated], appointments: [], activity: [], notifications: [] };
  },
});
