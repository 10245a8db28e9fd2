import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { errorBody, statusOf } from './errors';
import { registerOAuth } from './oauth';

/** The integration API (after Dispatch v3) for enterprises' job sources and technicians' mobile apps. */
export async function registerRestApi(http: FastifyInstance, context: ServerContext) {
  await http.register(formbody);
  http.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    // Fastify's own refusals (malformed JSON, body too large) keep their status, in our error shape.
    if (error.statusCode === 413) return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send(errorBody('INVALID_ARGS', `The request is not valid: ${error.message}`));
    context.log.error({ err: error }, 'request failed');
    return reply.code(statusOf('INTERNAL')).send(errorBody('INTERNAL', 'The server could not process this request.'));
  });
  registerOAuth(http, context);
}
