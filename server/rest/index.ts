import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { registerAppointments } from './appointments';
import { authenticate } from './authenticate';
import { registerCustomers } from './customers';
import { drainBody } from './drain';
import { errorBody, statusOf } from './errors';
import { RestError } from './http';
import { registerJobs } from './jobs';
import { registerOrganizations } from './organizations';
import { registerNotes } from './notes';
import { registerOAuth, registerRevoke } from './oauth';
import { limitRate, type RateLimit } from './rateLimit';
import { registerCompleteReasons } from './completeReasons';
import { registerReasons } from './reasons';
import { registerUsers } from './users';

/** The integration API (after Dispatch v3) for enterprises' job sources and technicians' mobile apps. */
export async function registerRestApi(http: FastifyInstance, context: ServerContext, rateLimit?: RateLimit) {
  await http.register(formbody);
  http.setErrorHandler(async (error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    if (error instanceof RestError) return reply.code(statusOf(error.code)).send(errorBody(error.code, error.message));
    // Fastify's own refusals (malformed JSON, body too large) keep their status, in our error shape. A body
    // too large is refused while the client is still sending it: read the rest first, so the client gets
    // to read the answer (Fastify closes the connection after it).
    if (error.statusCode === 413) {
      await drainBody(request.raw);
      return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
    }
    if (error.statusCode && error.statusCode < 500)
      return reply.code(error.statusCode).send(errorBody('INVALID_ARGS', `The request is not valid: ${error.message}`));
    context.log.error({ err: error }, 'request failed');
    return reply.code(statusOf('INTERNAL')).send(errorBody('INTERNAL', 'The server could not process this request.'));
  });
  // Applied to the token endpoint and every /v3 route alike.
  await http.register(async (limited) => {
    limitRate(limited, context.clock, rateLimit);
    registerOAuth(limited, context);
    registerRevoke(limited, context);
    await limited.register(
      async (api) => {
        acceptEmptyJson(api);
        authenticate(api, context);
        registerJobs(api, context);
        registerAppointments(api, context);
        registerNotes(api, context);
        registerCustomers(api, context);
        registerUsers(api, context);
        registerOrganizations(api, context);
        registerReasons(api, context);
        registerCompleteReasons(api, context);
        api.setNotFoundHandler((request, reply) =>
          reply.code(404).send(errorBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}.`)),
        );
      },
      { prefix: '/v3' },
    );
  });
}

/**
 * Bodiless commands (accept, reject, delete) are often sent with `Content-Type: application/json` and
 * nothing after it; Fastify's parser refuses that, so an empty body is read as no body.
 */
function acceptEmptyJson(api: FastifyInstance) {
  const parseJson = api.getDefaultJsonParser('error', 'error');
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });
}
