import type { Pool } from 'pg';
import { AUTH_SCHEMA_LOCK } from './locks';

/**
 * The tables that sign people in, shared by every server process on the database: sessions (refresh-token
 * families, server/sessions.ts), the key tokens are signed with, and the sign-in throttle's counts
 * (server/loginThrottle.ts: failures per account as typed and per caller address). Times are epoch milliseconds, as in
 * the SQLite sessions file. Live sessions are looked up by user only to end them all (a password change).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  current_jti TEXT NOT NULL,
  previous_jti TEXT,
  previous_until BIGINT NOT NULL DEFAULT 0,
  revoked_at BIGINT,
  created_at BIGINT NOT NULL,
  used_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_live_user ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX IF NOT EXISTS sessions_used ON sessions (used_at);
CREATE TABLE IF NOT EXISTS server_keys (
  name TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS login_accounts (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at BIGINT NOT NULL,
  blocked_until BIGINT NOT NULL,
  checking_until BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS login_addresses (
  address TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start BIGINT NOT NULL
);
`;

const ready = new WeakMap<Pool, Promise<void>>();

/**
 * Creates the tables if missing, once per pool. Under a transaction-scoped advisory lock: two processes
 * starting at once would otherwise race in CREATE TABLE IF NOT EXISTS, and the loser fails on the catalog's
 * unique index instead of finding the table there.
 */
export function ensureAuthSchema(pool: Pool): Promise<void> {
  let done = ready.get(pool);
  if (!done) {
    done = (async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Waiting for another process starting at the same moment is expected, however long it takes.
        await client.query('SET LOCAL lock_timeout = 0');
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', AUTH_SCHEMA_LOCK);
        await client.query(SCHEMA);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })();
    ready.set(pool, done);
    done.catch(() => ready.delete(pool));
  }
  return done;
}
