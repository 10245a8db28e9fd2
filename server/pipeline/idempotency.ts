import type { Actor } from '../../domain';
import type { Tx } from '../store/types';
import type { RenderedResponse } from './types';

/** How long an `Idempotency-Key` is remembered (retries come within minutes; a day is generous). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** Expired records are deleted at most this often (one scan of a table a day's keys keep small). */
export const PRUNE_EVERY_MS = 10 * 60_000;

/** An `Idempotency-Key` and a fingerprint of the request it was first sent with. */
export interface IdempotencyKey {
  key: string;
  fingerprint: string;
}

/**
 * A REST write with an `Idempotency-Key`: the stored response is returned for a repeated key, a key reused
 * for a different request is refused, and otherwise `respond` runs and its response is stored. The caller
 * runs this inside one transaction, so two racing retries apply once.
 */
export async function respondIdempotently(
  tx: Tx,
  actor: Actor,
  idempotency: IdempotencyKey,
  respond: () => Promise<RenderedResponse>,
  now: number,
): Promise<RenderedResponse & { replayed: boolean }> {
  const owner = actor.userId ?? 'system';
  const found = await tx.getIdempotentResponse(owner, idempotency.key);
  // Records live IDEMPOTENCY_TTL_MS: an older one (not yet pruned) is as good as gone.
  const stored = found && now - found.createdAt < IDEMPOTENCY_TTL_MS ? found : undefined;
  if (stored) {
    if (stored.fingerprint !== idempotency.fingerprint) {
      return {
        statusCode: 422,
        body: {
          error: {
            code: 'IDEMPOTENCY_KEY_REUSED',
            message: 'This Idempotency-Key was already used for a different request.',
          },
        },
        replayed: true,
      };
    }
    return { statusCode: stored.statusCode, body: stored.body, replayed: true };
  }
  const response = await respond();
  await tx.saveIdempotentResponse(
    owner,
    idempotency.key,
    idempotency.fingerprint,
    response.statusCode,
    response.body,
    now,
  );
  return { ...response, replayed: false };
}
