import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fullName, Id } from '../../domain';
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
    const users = requested !== undefined && requested !== organizationId ? [] : context.directory.usersOf(organizationId);
    const matching = users
      .filter((user) => !role || user.roles.includes(role))
      .sort((a, b) => fullName(a).localeCompare(fullName(b)) || a.id.localeCompare(b.id));
    const { limit, offset } = query;
    return { users: matching.slice(offset, offset + limit).map(userToWire), meta: listMeta(matching.length, limit, offset) };
  });

  api.get('/users/me', async (request) => ({ user: userToWire(context.directory.user(request.actor.userId ?? '')!) }));
}
