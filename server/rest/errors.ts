import type { FastifyReply } from 'fastify';
import type { ErrorCode } from '../../domain';

/** HTTP status for each stable error code; the body always carries the code and a readable message. */
const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_ARGS: 400,
  UNKNOWN_COMMAND: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  STALE_VERSION: 409,
  REASON_REQUIRED: 409,
  UNKNOWN_REASON: 409,
  REASON_IN_USE: 409,
  UNKNOWN_TECHNICIAN: 409,
  UNKNOWN_TIME_ZONE: 400,
  ALREADY_EXISTS: 409,
  OUT_OF_ORDER: 409,
  PAYLOAD_TOO_LARGE: 413,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export function statusOf(code: string): number {
  return HTTP_STATUS[code as ErrorCode] ?? 400;
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function sendError(reply: FastifyReply, code: string, message: string) {
  return reply.code(statusOf(code)).send(errorBody(code, message));
}
