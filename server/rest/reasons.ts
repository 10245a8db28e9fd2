import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { completeReasonsFor, DEFAULT_DECLINE_REASONS, Id } from '../../domain';
import type { ServerContext } from '../context';
import { parse } from './http';
import { completeReasonToWire, declineReasonToWire } from './wire';

const CompleteReasonQuery = z.strictObject({ 'filter[source_id_eq]': Id.optional() });

/**
 * `/v3/complete_reasons` and `/v3/decline_reasons`: the reasons offered now (archived ones are left out).
 * A job source gets the defaults and its own reasons; a provider completes jobs from many sources, so it
 * gets every source's (each names its `source_id`), or the defaults and one source's with
 * `filter[source_id_eq]`. A job source's writes are in completeReasons.ts.
 */
export function registerReasons(api: FastifyInstance, context: ServerContext) {
  api.get('/complete_reasons', async (request) => {
    const query = parse(CompleteReasonQuery, request.query);
    const actor = request.actor;
    const all = context.directory.completeReasons();
    const requested = query['filter[source_id_eq]'];
    const reasons =
      actor.role === 'enterprise'
        ? requested !== undefined && requested !== actor.organizationId
          ? completeReasonsFor(null, all)
          : completeReasonsFor(actor.organizationId, all)
        : requested !== undefined
          ? completeReasonsFor(requested, all)
          : all.filter((reason) => !reason.archived);
    return { complete_reasons: reasons.map(completeReasonToWire) };
  });

  api.get('/decline_reasons', async () => ({ decline_reasons: DEFAULT_DECLINE_REASONS.map(declineReasonToWire) }));
}
