import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  describeIssues,
  fullName,
  Id,
  SkillTag,
  WeeklyHoursSchema,
  type Actor,
  type Availability,
  type User,
} from '../../domain';
import { HasherBusy } from '../passwords';
import { writePasswordHash } from '../referenceData';
import { sendError } from './errors';
import { checkPassword, tooMany } from './oauth';
import type { ServerContext } from '../context';
import { listMeta, PageQuery, parse, pathId, RestError, runCommands, type Render } from './http';
import { iso, IsoTime, userToWire } from './wire';

const UserListQuery = z.strictObject({
  'filter[role_eq]': z.enum(['technician', 'dispatcher', 'enterprise']).optional(),
  'filter[organization_id_eq]': Id.optional(),
  ...PageQuery,
});

/** `/v3/users`: the people of the caller's own organization (a mobile app's colleagues, a source's staff). */
export function registerUsers(api: FastifyInstance, context: ServerContext) {
  api.get('/users', async (request) => {
    const query = parse(UserListQuery, request.query);
    const organizationId = request.actor.organizationId ?? '';
    const role = query['filter[role_eq]'];
    const requested = query['filter[organization_id_eq]'];
    const users =
      requested !== undefined && requested !== organizationId ? [] : context.directory.usersOf(organizationId);
    const matching = users
      .filter((user) => !role || user.roles.includes(role))
      .sort((a, b) => fullName(a).localeCompare(fullName(b)) || a.id.localeCompare(b.id));
    const { limit, offset } = query;
    return {
      users: matching.slice(offset, offset + limit).map(userToWire),
      meta: listMeta(matching.length, limit, offset),
    };
  });

  api.get('/users/:id/availability', async (request) => {
    const user = readableTechnician(context, request.actor, pathId(request, 'technician'));
    return { availability: availabilityToWire(user.availability) };
  });

  /** Replaces the technician's hours and time off (`user.setAvailability`), answering what is now stored. */
  api.put('/users/:id/availability', async (request, reply) => {
    const userId = pathId(request, 'technician');
    const { availability } = parse(AvailabilityBody, request.body);
    return runCommands(
      context,
      request,
      reply,
      [{ name: 'user.setAvailability', args: { userId, availability } }],
      userResponse((user) => ({ availability: availabilityToWire(user.availability) })),
    );
  });

  /** A dispatcher sets a technician's skills (`user.update`): service types and tags such as "EPA 608". */
  api.patch('/users/:id', async (request, reply) => {
    const userId = pathId(request, 'technician');
    const { user: input } = parse(PatchUserBody, request.body);
    return runCommands(
      context,
      request,
      reply,
      [{ name: 'user.update', args: { userId, skills: input.skills } }],
      userResponse((user) => ({ user: userToWire(user) })),
    );
  });

  api.get('/users/me', async (request) => ({ user: userToWire(context.directory.user(request.actor.userId ?? '')!) }));

  /**
   * A user changes their own password (current and new); every other session of theirs ends, so a
   * device signed in with the old password is signed out. Guessing `current_password` is throttled as
   * sign-ins are.
   */
  api.post('/users/me/password', async (request, reply) => {
    const parsed = PasswordChange.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 'INVALID_ARGS', describeIssues(parsed.error));
    const user = context.directory.user(request.actor.userId ?? '')!;
    const refusal = { code: 'FORBIDDEN', message: 'The current password is not correct.' };
    if (!(await checkPassword(context, request, reply, user.email, parsed.data.current_password, refusal)))
      return reply;
    let hash: string;
    try {
      hash = await context.passwords.hash(parsed.data.new_password);
    } catch (error) {
      if (!(error instanceof HasherBusy)) throw error;
      return tooMany(reply, 1_000, error.message);
    }
    await context.pipeline.write((tx) => writePasswordHash(tx, context.directory, user.id, hash));
    const ended = await context.sessions.endOthers(user.id, request.sessionId);
    return { ended_sessions: ended };
  });
}

const PasswordChange = z
  .strictObject({
    current_password: z.string().min(1).max(200),
    new_password: z.string().min(8, 'use at least 8 characters').max(200),
  })
  .refine((body) => body.new_password !== body.current_password, {
    message: 'the new password is the current one',
    path: ['new_password'],
  });

/**
 * A technician's availability on the wire: weekly hours as the office's wall clock (HH:MM in the
 * organization's zone, exactly as the domain keeps them), time off as ISO 8601 instants.
 */
const AvailabilityBody = z
  .strictObject({
    availability: z.strictObject({
      weekly: z.array(WeeklyHoursSchema).max(50),
      time_off: z
        .array(
          z
            .strictObject({ start: IsoTime, end: IsoTime, reason: z.string().trim().max(200).nullish() })
            .refine((off) => off.end > off.start, { message: 'time off ends after it starts', path: ['end'] }),
        )
        .max(200),
    }),
    // The wire's time_off becomes the command's timeOff; an absent or null reason stays absent.
  })
  .transform(({ availability }) => ({
    availability: {
      weekly: availability.weekly,
      timeOff: availability.time_off.map(({ start, end, reason }) =>
        reason ? { start, end, reason } : { start, end },
      ),
    },
  }));

const PatchUserBody = z.strictObject({ user: z.strictObject({ skills: z.array(SkillTag).max(40) }) });

function availabilityToWire(availability: Availability | undefined) {
  return {
    weekly: (availability?.weekly ?? []).map(({ weekday, start, end }) => ({ weekday, start, end })),
    time_off: (availability?.timeOff ?? []).map((off) => ({
      start: iso(off.start),
      end: iso(off.end),
      reason: off.reason ?? null,
    })),
  };
}

/** A user command's answer, built from the technician as the commit stored them. */
function userResponse(body: (user: User) => unknown): Render {
  return async (applied) => {
    const user = applied.users?.[0];
    if (!user) throw new Error('A user command was applied without its user.');
    return { statusCode: 200, body: body(user) };
  };
}

/**
 * The technician whose availability the caller may read, by the rule the user commands apply: their
 * organization's dispatchers, or the technician themselves. Other organizations' ids are "not found".
 */
function readableTechnician(context: ServerContext, actor: Actor, userId: string): User {
  const user = context.directory.user(userId);
  if (!user || user.organizationId !== actor.organizationId || !user.roles.includes('technician'))
    throw new RestError('NOT_FOUND', 'This technician does not exist or is not in your organization.');
  if (actor.role === 'dispatcher' || (actor.role === 'technician' && actor.userId === user.id)) return user;
  throw new RestError('FORBIDDEN', "Only the organization's dispatchers and the technician can see these hours.");
}
