import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  archivedCompleteReason,
  CommandRefused,
  newCompleteReason,
  REASON_LABEL_MAX,
  requireOwnReason,
  revisedCompleteReason,
  type CompleteReason,
} from '../../domain';
import type { ServerContext } from '../context';
import type { TaskRun } from '../pipeline/groupCommit';
import { writeCompleteReason } from '../referenceData';
import type { RenderedResponse } from '../pipeline';
import { errorBody, statusOf } from './errors';
import { idempotencyOf, parse, pathId, RestError } from './http';
import { completeReasonToWire } from './wire';

const Label = z.string().trim().min(1).max(REASON_LABEL_MAX);
const Effect = z.enum(['complete', 'pause']);

const NewReasonBody = z.strictObject({ complete_reason: z.strictObject({ label: Label, effect: Effect }) });

const PatchReasonBody = z.strictObject({
  complete_reason: z
    .strictObject({ label: Label.optional(), effect: Effect.optional() })
    .refine((input) => input.label !== undefined || input.effect !== undefined, 'send at least one of label, effect'),
});

/**
 * A job source's own complete reasons: `POST /v3/complete_reasons`, `PATCH` and `DELETE
 * /v3/complete_reasons/:id` (a delete archives), and `GET /v3/complete_reasons/:id` (archived ones too,
 * so a visit that used one can still name it). The rules are the domain's (reasonManagement.ts); every
 * write goes through the group commit into every organization's change log, and consoles connected now
 * get it at once.
 */
export function registerCompleteReasons(api: FastifyInstance, context: ServerContext) {
  const { directory } = context;
  const find = (id: string) => directory.completeReasons().find((reason) => reason.id === id);

  /**
   * Runs a reason write in the group commit; a refusal of the rules answers with its code and writes
   * nothing. Under an `Idempotency-Key` a retry gets the first answer and writes nothing again.
   */
  async function write(
    request: FastifyRequest,
    reply: FastifyReply,
    successCode: number,
    run: TaskRun<CompleteReason>,
  ) {
    const idempotency = idempotencyOf(request);
    const respond: TaskRun<RenderedResponse> = async (tx, published) => {
      try {
        return { statusCode: successCode, body: { complete_reason: completeReasonToWire(await run(tx, published)) } };
      } catch (error) {
        if (error instanceof CommandRefused)
          return { statusCode: statusOf(error.code), body: errorBody(error.code, error.message) };
        throw error;
      }
    };
    const response = idempotency
      ? await context.pipeline.writeIdempotent(request.actor, idempotency, respond)
      : await context.pipeline.write(respond);
    if ('replayed' in response && response.replayed && response.statusCode !== 422) {
      reply.header('Idempotent-Replayed', 'true');
    }
    return reply.code(response.statusCode).send(response.body);
  }

  api.get('/complete_reasons/:id', async (request) => {
    const reason = find(pathId(request, 'complete reason'));
    const actor = request.actor;
    // A job source sees the defaults and its own; a provider sees every source's (it completes their jobs).
    const visible =
      reason && (actor.role !== 'enterprise' || reason.sourceId === null || reason.sourceId === actor.organizationId);
    if (!visible) throw new RestError('NOT_FOUND', 'This complete reason does not exist or is not yours.');
    return { complete_reason: completeReasonToWire(reason) };
  });

  api.post('/complete_reasons', async (request: FastifyRequest, reply) => {
    const { complete_reason: input } = parse(NewReasonBody, request.body);
    return write(request, reply, 201, async (tx, published) => {
      const reason = newCompleteReason(request.actor, `cr_${randomUUID()}`, input, directory.completeReasons());
      await writeCompleteReason(tx, directory, reason, published);
      return reason;
    });
  });

  api.patch('/complete_reasons/:id', async (request, reply) => {
    const id = pathId(request, 'complete reason');
    const { complete_reason: change } = parse(PatchReasonBody, request.body);
    return write(request, reply, 200, async (tx, published) => {
      const reason = requireOwnReason(request.actor, find(id));
      const inUse =
        change.effect !== undefined && change.effect !== reason.effect && (await tx.isCompleteReasonUsed(id));
      const revised = revisedCompleteReason(reason, change, inUse, directory.completeReasons());
      await writeCompleteReason(tx, directory, revised, published);
      return revised;
    });
  });

  api.delete('/complete_reasons/:id', async (request, reply) => {
    const id = pathId(request, 'complete reason');
    return write(request, reply, 200, async (tx, published) => {
      const archived = archivedCompleteReason(requireOwnReason(request.actor, find(id)));
      await writeCompleteReason(tx, directory, archived, published);
      return archived;
    });
  });
}
