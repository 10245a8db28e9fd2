import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, fullName, Id } from '../../domain';
import { HasherBusy } from '../passwords';
import { writePasswordHash } from '../referenceData';
import { sendError } from './errors';
import { checkPassword, tooMany } from './oauth';
import type { ServerContext } from '../context';
import { listMeta, PageQuery, parse } from './http';
import { userToWire } from './wire';

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
    const ended = context.sessions.endOthers(user.id, request.sessionId);
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
