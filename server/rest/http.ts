import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { describeIssues, findUnsafeText, Id, unsafeTextMessage, type ErrorCode } from '../../domain';
import type { ServerContext } from '../context';
import type { Applied, IdempotencyKey, Outcome, RenderedResponse } from '../pipeline';
import type { Reads } from '../store/types';
import { errorBody, statusOf } from './errors';

/** A refusal raised while reading a request; the API's error handler answers it in the usual shape. */
export class RestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

/** Parses a body or query with zod; a mismatch is a 400 naming the wire fields at fault. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RestError('INVALID_ARGS', describeIssues(parsed.error));
  // Checked on what was sent, so the message names the wire field (`job.customer.first_name`).
  const unsafe = findUnsafeText(value);
  if (unsafe) throw new RestError('INVALID_ARGS', unsafeTextMessage(unsafe));
  return parsed.data;
}

/** An id from the path: one that could never exist is simply not found. */
export function pathId(request: FastifyRequest, what: string): string {
  const id = (request.params as { id?: unknown }).id;
  if (!Id.safeParse(id).success) throw new RestError('NOT_FOUND', `This ${what} does not exist or is not yours.`);
  return id as string;
}

const Count = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** `limit` (1–100, default 25) and `offset`, as every list takes them. */
export const PageQuery = {
  limit: Count(1, 100).default(25),
  offset: Count(0, 1_000_000_000).default(0),
};

/** `a,b,c` in a filter, each value checked by `item`. */
export function commaList<S extends z.ZodType<unknown, string>>(item: S) {
  return z
    .string()
    .max(4_000)
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(100));
}

export function listMeta(total: number, limit: number, offset: number) {
  return { total, limit, offset };
}

/** An `_eq` filter as a one-value list, so it combines with the matching `_in`. */
export const eq = <T>(value: T | undefined): T[] | undefined => (value === undefined ? undefined : [value]);

/** Values both filters allow: `undefined` means "no restriction", `[]` means nothing can match. */
export function intersect(allowed: string[] | undefined, requested: string[] | undefined): string[] | undefined {
  if (!allowed) return requested;
  if (!requested) return allowed;
  return allowed.filter((value) => requested.includes(value));
}

/** Visible ASCII, no spaces: the server derives per-step keys by appending a space-separated suffix. */
const IdempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key is 1–200 visible ASCII characters');

function idempotencyKey(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const parsed = IdempotencyKey.safeParse(header);
  if (!parsed.success)
    throw new RestError(
      'INVALID_ARGS',
      'The Idempotency-Key header must be one value of 1–200 visible ASCII characters.',
    );
  return parsed.data;
}

export interface Step {
  name: string;
  args: unknown;
}

/** Builds the success response of a command from its outcome, reading the committed state through `reads`. */
export type Render = (applied: Applied, reads: Reads) => Promise<RenderedResponse>;

/**
 * The request's `Idempotency-Key` with the fingerprint a retry must match, or undefined without a key.
 * A malformed key or a body too deeply nested to fingerprint is refused (`INVALID_ARGS`).
 */
export function idempotencyOf(request: FastifyRequest): IdempotencyKey | undefined {
  const key = idempotencyKey(request);
  if (!key) return undefined;
  const fingerprint = fingerprintOf(request);
  if (!fingerprint) throw new RestError('INVALID_ARGS', 'The request body is nested too deeply.');
  return { key, fingerprint };
}

/** What makes a retried request the same request; undefined for a body too deeply nested to serialize. */
function fingerprintOf(request: FastifyRequest): string | undefined {
  try {
    return createHash('sha256')
      .update(`${request.method}${request.url.split('?')[0]}${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * Runs one request's commands through the pipeline, in order, stopping at the first refusal, and answers
 * with the last response. With an `Idempotency-Key` each step is stored under its own derived key, so a
 * retry replays the steps that were done and runs only those that were not.
 */
export async function runCommands(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  steps: readonly Step[],
  render: Render,
) {
  const idempotency = idempotencyOf(request);
  const respond = async (outcome: Outcome, reads: Reads): Promise<RenderedResponse> =>
    outcome.status === 'applied'
      ? render(outcome, reads)
      : { statusCode: statusOf(outcome.code), body: errorBody(outcome.code, outcome.message) };
  if (context.pipeline.queued >= context.settings.maxPipelineQueue) {
    return reply
      .code(429)
      .header('retry-after', 1)
      .send(errorBody('RATE_LIMITED', 'The server is busy writing other changes; retry in a moment.'));
  }
  let response: RenderedResponse = { statusCode: 400, body: errorBody('INVALID_ARGS', 'There is nothing to change.') };
  for (const [index, step] of steps.entries()) {
    if (idempotency) {
      const stepKey = index === 0 ? idempotency.key : `${idempotency.key} step ${index + 1}`;
      const result = await context.pipeline.submitIdempotent(
        request.actor,
        { key: stepKey, fingerprint: idempotency.fingerprint },
        step.name,
        step.args,
        respond,
      );
      // 422 is the key-reuse refusal, not a replay of a stored answer.
      if (result.replayed && result.statusCode !== 422) reply.header('Idempotent-Replayed', 'true');
      response = result;
    } else {
      response = await respond(await context.pipeline.submit(request.actor, step.name, step.args), context.store);
    }
    if (response.statusCode >= 400) break;
  }
  return reply.code(response.statusCode).send(response.body);
}

/** Leaves out fields the caller did not send (undefined), keeping explicit nulls ("unassign"). */
export function sent<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
