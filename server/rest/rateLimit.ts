import type { FastifyInstance } from 'fastify';
import { TokenBucket } from '../rateLimit';
import { errorBody } from './errors';

export interface RateLimit {
  /** Requests a caller may make at once. */
  capacity: number;
  /** Requests a caller regains per second. */
  perSecond: number;
}

/** Per caller address: generous for mobile apps and job sources, a wall for floods and password guessing. */
export const REST_RATE_LIMIT: RateLimit = { capacity: 600, perSecond: 100 };
/** Buckets of callers idle this long are forgotten, so the map cannot grow without bound. */
const IDLE_MS = 10 * 60_000;

export function limitRate(http: FastifyInstance, clock: () => number, limit: RateLimit = REST_RATE_LIMIT) {
  const buckets = new Map<string, { bucket: TokenBucket; seenAt: number }>();
  let sweptAt = clock();
  http.addHook('onRequest', async (request, reply) => {
    const now = clock();
    if (now - sweptAt > IDLE_MS) {
      for (const [ip, entry] of buckets) if (now - entry.seenAt > IDLE_MS) buckets.delete(ip);
      sweptAt = now;
    }
    let entry = buckets.get(request.ip);
    if (!entry)
      buckets.set(
        request.ip,
        (entry = { bucket: new TokenBucket(limit.capacity, limit.perSecond, clock), seenAt: now }),
      );
    entry.seenAt = now;
    const allowed = entry.bucket.take();
    if (!allowed.ok) {
      return reply
        .code(429)
        .header('retry-after', Math.ceil(allowed.retryAfterMs / 1000))
        .send(errorBody('RATE_LIMITED', 'Too many requests; slow down and retry.'));
    }
  });
}
