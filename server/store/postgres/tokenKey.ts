import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { ensureAuthSchema } from './authSchema';

/**
 * The key every server process on this database signs and verifies tokens with. The first process to
 * start creates it (INSERT … ON CONFLICT DO NOTHING: of two starting at once, one key wins), and every
 * process then reads the one that won. A per-machine file would give each process its own key, and a
 * token issued by one would be refused by the next. Deleting the row signs everyone out at the next start.
 */
export async function databaseTokenKey(pool: Pool, clock: () => number = Date.now): Promise<Buffer> {
  await ensureAuthSchema(pool);
  await pool.query(
    `INSERT INTO server_keys (name, key, created_at) VALUES ('token', $1, $2) ON CONFLICT (name) DO NOTHING`,
    [randomBytes(32).toString('base64url'), clock()],
  );
  const { rows } = await pool.query<{ key: string }>(`SELECT key FROM server_keys WHERE name = 'token'`);
  return Buffer.from(rows[0].key, 'base64url');
}
