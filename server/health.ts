import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { errorBody } from './rest/errors';

/** How long the database may take to answer the health check's `SELECT 1`. */
const DATABASE_CHECK_MS = 2_000;

/**
 * `GET /health`, for load balancers and orchestrators: 200 `{"status":"ok"}` while this process can do
 * work, 503 `DATABASE_UNAVAILABLE` while it cannot reach PostgreSQL, so the balancer sends consoles to
 * another process meanwhile. SQLite is a file of this process: nothing to check. (A process shutting
 * down stops listening at once, which fails the check too.)
 */
export function registerHealth(http: FastifyInstance, options: { serverId: string; pool?: Pool }): void {
  const { serverId, pool } = options;
  http.get('/health', async (_request, reply) => {
    if (pool) {
      const reason = await databaseProblem(pool);
      if (reason)
        return reply.code(503).send({
          status: 'unavailable',
          serverId,
          ...errorBody('DATABASE_UNAVAILABLE', `The database does not answer: ${reason}`),
        });
    }
    return { status: 'ok', serverId };
  });
}

/** Why the database did not answer `SELECT 1` in time, or undefined when it did. */
async function databaseProblem(pool: Pool): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${DATABASE_CHECK_MS} ms`), DATABASE_CHECK_MS);
  });
  const check = pool.query('SELECT 1').then(
    () => undefined,
    (error: Error) => error.message || 'connection failed',
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
