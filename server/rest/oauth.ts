import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, roleFor } from '../../domain';
import { DUMMY_HASH, verifyPassword } from '../auth';
import type { ServerContext } from '../context';
import { sendError } from './errors';

const TokenRequest = z.discriminatedUnion('grant_type', [
  z.object({ grant_type: z.literal('password'), username: z.string().min(1).max(200), password: z.string().min(1).max(200) }),
  z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1).max(2048) }),
]);

/** `POST /v3/oauth/token`, after Dispatch v3: password and refresh-token grants, JSON or form body. */
export function registerOAuth(http: FastifyInstance, context: ServerContext) {
  http.post('/v3/oauth/token', async (request, reply) => {
    const parsed = TokenRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 'INVALID_ARGS', describeIssues(parsed.error));
    let userId: string | undefined;
    if (parsed.data.grant_type === 'password') {
      const user = context.directory.storedUserByEmail(parsed.data.username);
      const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
      if (user && valid) userId = user.id;
    } else {
      userId = context.tokens.verify(parsed.data.refresh_token, 'refresh');
    }
    const user = userId ? context.directory.user(userId) : undefined;
    if (!user) return sendError(reply, 'UNAUTHENTICATED', 'The email or password is not correct.');
    const access = context.tokens.issue(user.id, 'access');
    const refresh = context.tokens.issue(user.id, 'refresh');
    return {
      access_token: access.token,
      token_type: 'bearer',
      created_at: access.createdAt,
      expires_in: access.expiresIn,
      refresh_token: refresh.token,
      user: {
        id: user.id,
        organization_id: user.organizationId,
        first_name: user.firstName,
        last_name: user.lastName,
        email: user.email,
        roles: user.roles,
        can_use_console: roleFor(user, 'console') !== null,
      },
    };
  });
}
