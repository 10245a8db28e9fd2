import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain';
import type { ServerContext } from '../context';
import { actorFromToken, type Path } from '../session';
import { RestError } from './http';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by `authenticate` on every /v3 route except the token endpoint. */
    actor: Actor;
    /** The caller's sign-in session, when its token carries one. */
    sessionId: string | undefined;
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Resolves the bearer token to an actor before the body is even read, so an anonymous caller learns
 * nothing about its request. A technician-only user is a mobile app; everyone else (dispatchers,
 * enterprise job sources) is an integration, which decides the role and the activity's source.
 */
export function authenticate(api: FastifyInstance, context: ServerContext) {
  api.decorateRequest('actor', null as unknown as Actor);
  api.decorateRequest('sessionId', undefined);
  api.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (!token)
      throw new RestError(
        'UNAUTHENTICATED',
        'Sign in first: send "Authorization: Bearer <access_token>" from POST /v3/oauth/token.',
      );
    const user = context.directory.user(context.tokens.verify(token, 'access') ?? '');
    if (!user) throw new RestError('UNAUTHENTICATED', 'Your session has expired or is not valid; sign in again.');
    const path: Path =
      user.roles.includes('technician') && !user.roles.includes('dispatcher') ? 'mobile' : 'integration';
    const session = await actorFromToken(token, path, context.tokens, context.directory, context.sessions);
    if (!session.ok) throw new RestError(session.code, session.message);
    request.actor = session.actor;
    request.sessionId = session.sessionId;
  });
}
