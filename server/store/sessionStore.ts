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

/**
 * Where sign-in sessions live: a SQLite file beside the embedded database, or a table in PostgreSQL that
 * every server process shares. Each write is one statement whose condition is checked by the database,
 * so two processes acting on one session at the same instant cannot both win (server/sessions.ts).
 */
export interface SessionStore {
  get(id: string): Promise<SessionRow | undefined>;
  insert(row: SessionRow): Promise<void>;
  /**
   * Makes `to` the current token and `from` the previous one (usable until `previousUntil`), only if the
   * session is live and `from` is still its current token; false when another request rotated it first.
   */
  rotate(id: string, from: string, to: string, previousUntil: number, at: number): Promise<boolean>;
  /** Records a use (a refresh answered within the grace). */
  touch(id: string, at: number): Promise<void>;
  /**
   * Ends a live session, only while its current token is still `ifCurrent` when given; true when this call
   * ended it (false when it had ended already or moved on meanwhile).
   */
  revoke(id: string, at: number, ifCurrent?: string): Promise<boolean>;
  /** Ends every live session of the user except `keep`; returns how many ended. */
  revokeAllOf(userId: string, at: number, keep?: string): Promise<number>;
  /** Whether the session is live and the user's: checked on every request, one lookup by primary key. */
  isActive(id: string, userId: string): Promise<boolean>;
  /** Forgets sessions unused since `before` (their refresh tokens have expired anyway). */
  prune(before: number): Promise<void>;
  close(): Promise<void>;
}
