import Database from 'better-sqlite3';
import { makePrivateFile } from './privateFiles';
import type { SessionRow, SessionStore } from './sessionStore';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  current_jti TEXT NOT NULL,
  previous_jti TEXT,
  previous_until INTEGER NOT NULL DEFAULT 0,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL,
  used_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
CREATE INDEX IF NOT EXISTS sessions_used ON sessions (used_at);
`;

/**
 * Sessions in their own small SQLite file beside the database (`sessions.sqlite`, 0600): they are checked
 * on every request, outside the command pipeline's transactions, and losing them only signs people out.
 * One process owns the file, and each method is one synchronous statement, so none interleaves with another.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement;
  private readonly active: Database.Statement;

  constructor(file: string) {
    makePrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.select = this.db.prepare('SELECT * FROM sessions WHERE id = ?');
    // Asked on every socket request: one indexed lookup that returns a single value, not the row made into an object.
    this.active = this.db.prepare('SELECT 1 FROM sessions WHERE id = ? AND user_id = ? AND revoked_at IS NULL').pluck();
  }

  async get(id: string): Promise<SessionRow | undefined> {
    const row = this.select.get(id) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return {
      id: row.id as string,
      userId: row.user_id as string,
      currentJti: row.current_jti as string,
      previousJti: (row.previous_jti as string | null) ?? null,
      previousUntil: row.previous_until as number,
      revokedAt: (row.revoked_at as number | null) ?? null,
      createdAt: row.created_at as number,
      usedAt: row.used_at as number,
    };
  }

  async insert(row: SessionRow): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sessions (id, user_id, current_jti, previous_jti, previous_until, revoked_at, created_at, used_at)
         VALUES (@id, @userId, @currentJti, @previousJti, @previousUntil, @revokedAt, @createdAt, @usedAt)`,
      )
      .run(row);
  }

  async rotate(id: string, from: string, to: string, previousUntil: number, at: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE sessions SET current_jti = ?, previous_jti = current_jti, previous_until = ?, used_at = ?
           WHERE id = ? AND current_jti = ? AND revoked_at IS NULL`,
        )
        .run(to, previousUntil, at, id, from).changes === 1
    );
  }

  async touch(id: string, at: number): Promise<void> {
    this.db.prepare('UPDATE sessions SET used_at = ? WHERE id = ?').run(at, id);
  }

  async revoke(id: string, at: number, ifCurrent?: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE sessions SET revoked_at = ?
           WHERE id = ? AND revoked_at IS NULL AND (? IS NULL OR current_jti = ?)`,
        )
        .run(at, id, ifCurrent ?? null, ifCurrent ?? null).changes === 1
    );
  }

  async revokeAllOf(userId: string, at: number, keep?: string): Promise<number> {
    return this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?')
      .run(at, userId, keep ?? null).changes;
  }

  async isActive(id: string, userId: string): Promise<boolean> {
    return this.active.get(id, userId) !== undefined;
  }

  async prune(before: number): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE used_at < ?').run(before);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
