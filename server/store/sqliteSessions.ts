import Database from 'better-sqlite3';
import { makePrivateFile } from './privateFiles';

/** One sign-in's refresh-token family: which token is current, which one just before it, and whether it ended. */
export interface SessionRow {
  id: string;
  userId: string;
  currentJti: string;
  previousJti: string | null;
  /** Epoch ms until which the previous token is still accepted (the rotation grace). */
  previousUntil: number;
  revokedAt: number | null;
  createdAt: number;
  usedAt: number;
}

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
 */
export class SqliteSessionStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;

  constructor(file: string) {
    makePrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.select = this.db.prepare('SELECT * FROM sessions WHERE id = ?');
    this.upsert = this.db.prepare(
      `INSERT OR REPLACE INTO sessions (id, user_id, current_jti, previous_jti, previous_until, revoked_at, created_at, used_at)
       VALUES (@id, @userId, @currentJti, @previousJti, @previousUntil, @revokedAt, @createdAt, @usedAt)`,
    );
  }

  get(id: string): SessionRow | undefined {
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

  put(row: SessionRow): void {
    this.upsert.run(row);
  }

  /** Ends every live session of the user except `keep`; returns how many ended. */
  revokeAllOf(userId: string, at: number, keep?: string): number {
    return this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?')
      .run(at, userId, keep ?? null).changes;
  }

  /** Forgets sessions unused since `before` (their refresh tokens have expired anyway). */
  prune(before: number): void {
    this.db.prepare('DELETE FROM sessions WHERE used_at < ?').run(before);
  }

  close(): void {
    this.db.close();
  }
}
