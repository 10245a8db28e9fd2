import type { Pool } from 'pg';
import type { SessionRow, SessionStore } from '../sessionStore';
import { ensureAuthSchema } from './authSchema';

interface Row {
  id: string;
  user_id: string;
  current_jti: string;
  previous_jti: string | null;
  previous_until: string;
  revoked_at: string | null;
  created_at: string;
  used_at: string;
}

/** BIGINT arrives as text (it may exceed a double); epoch milliseconds never do. */
const ms = (value: string | number) => Number(value);

/**
 * Sessions in PostgreSQL, shared by every server process on the database. Each write is one UPDATE whose
 * WHERE holds the condition it was decided on: when two processes rotate one refresh token at the same
 * instant, the second UPDATE waits for the first's row lock, re-checks its WHERE against the committed
 * row, matches nothing, and its caller answers per the rotation grace (server/sessions.ts).
 * The pool belongs to the caller, which ends it.
 */
export class PgSessionStore implements SessionStore {
  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PgSessionStore> {
    await ensureAuthSchema(pool);
    return new PgSessionStore(pool);
  }

  async get(id: string): Promise<SessionRow | undefined> {
    const { rows } = await this.pool.query<Row>({
      name: 'sessions-get',
      text: 'SELECT * FROM sessions WHERE id = $1',
      values: [id],
    });
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      currentJti: row.current_jti,
      previousJti: row.previous_jti,
      previousUntil: ms(row.previous_until),
      revokedAt: row.revoked_at === null ? null : ms(row.revoked_at),
      createdAt: ms(row.created_at),
      usedAt: ms(row.used_at),
    };
  }

  async insert(row: SessionRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO sessions (id, user_id, current_jti, previous_jti, previous_until, revoked_at, created_at, used_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        row.userId,
        row.currentJti,
        row.previousJti,
        row.previousUntil,
        row.revokedAt,
        row.createdAt,
        row.usedAt,
      ],
    );
  }

  async rotate(id: string, from: string, to: string, previousUntil: number, at: number): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      name: 'sessions-rotate',
      text: `UPDATE sessions SET current_jti = $3, previous_jti = current_jti, previous_until = $4, used_at = $5
             WHERE id = $1 AND current_jti = $2 AND revoked_at IS NULL`,
      values: [id, from, to, previousUntil, at],
    });
    return rowCount === 1;
  }

  async touch(id: string, at: number): Promise<void> {
    await this.pool.query('UPDATE sessions SET used_at = GREATEST(used_at, $2) WHERE id = $1', [id, at]);
  }

  async revoke(id: string, at: number, ifCurrent?: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE sessions SET revoked_at = $2
       WHERE id = $1 AND revoked_at IS NULL AND ($3::text IS NULL OR current_jti = $3::text)`,
      [id, at, ifCurrent ?? null],
    );
    return rowCount === 1;
  }

  async revokeAllOf(userId: string, at: number, keep?: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE sessions SET revoked_at = $2
       WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3::text`,
      [userId, at, keep ?? null],
    );
    return rowCount ?? 0;
  }

  /** On every request and command: one primary-key lookup, prepared once per connection, no cache. */
  async isActive(id: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      name: 'sessions-active',
      text: 'SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
      values: [id, userId],
    });
    return rowCount === 1;
  }

  async prune(before: number): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE used_at < $1', [before]);
  }

  async close(): Promise<void> {}
}
