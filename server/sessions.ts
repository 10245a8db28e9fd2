import { randomUUID } from 'node:crypto';
import { REFRESH_TOKEN_SECONDS, type TokenIssuer } from './auth';
import type { SessionRow, SqliteSessionStore } from './store/sqliteSessions';

/** How long the refresh token just rotated away stays usable: a lost answer or a second window. */
export const ROTATION_GRACE_MS = 60_000;

export interface TokenPair {
  access: { token: string; createdAt: number; expiresIn: number };
  refresh: { token: string };
  sessionId: string;
}

/**
 * Sign-in sessions as refresh-token families. Each refresh rotates the token; the one before stays usable
 * for ROTATION_GRACE_MS (answered with the current one, not a new branch). Presenting any older token of
 * the family — a stolen copy being replayed — ends the whole family. Access tokens carry the session id,
 * so ending a session (sign-out, a password change, a replay) refuses its access tokens at once too.
 */
/** Sessions just ended: one (`sessionId`), or all of a user's but `keep`. */
export interface SessionsEnded {
  userId: string;
  sessionId?: string;
  keep?: string;
}

export class Sessions {
  private readonly endedListeners = new Set<(ended: SessionsEnded) => void>();

  constructor(
    private readonly store: SqliteSessionStore,
    private readonly tokens: TokenIssuer,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A new session for a successful sign-in. */
  start(userId: string): TokenPair {
    const now = this.clock();
    this.store.prune(now - REFRESH_TOKEN_SECONDS * 1000);
    const row: SessionRow = {
      id: randomUUID(),
      userId,
      currentJti: randomUUID(),
      previousJti: null,
      previousUntil: 0,
      revokedAt: null,
      createdAt: now,
      usedAt: now,
    };
    this.store.put(row);
    return this.pair(row, row.currentJti);
  }

  /** New tokens for a refresh token, or undefined when it must be refused (the caller answers 401). */
  refresh(token: string): TokenPair | undefined {
    const claims = this.tokens.claims(token, 'refresh');
    if (!claims) return undefined;
    // Tokens from before sessions existed start one, once: their holders stay signed in.
    if (!claims.sid || !claims.jti) return this.start(claims.sub);
    const row = this.store.get(claims.sid);
    if (!row || row.revokedAt !== null || row.userId !== claims.sub) return undefined;
    const now = this.clock();
    if (claims.jti === row.currentJti) {
      const rotated = {
        ...row,
        currentJti: randomUUID(),
        previousJti: row.currentJti,
        previousUntil: now + ROTATION_GRACE_MS,
        usedAt: now,
      };
      this.store.put(rotated);
      return this.pair(rotated, rotated.currentJti);
    }
    if (claims.jti === row.previousJti && now < row.previousUntil) {
      this.store.put({ ...row, usedAt: now });
      return this.pair(row, row.currentJti);
    }
    this.store.put({ ...row, revokedAt: now });
    this.announce({ userId: row.userId, sessionId: row.id });
    return undefined;
  }

  /** Ends the session a token (refresh or access) belongs to; unknown or invalid tokens change nothing. */
  revoke(token: string): void {
    const claims = this.tokens.claims(token, 'refresh') ?? this.tokens.claims(token, 'access');
    const row = claims?.sid ? this.store.get(claims.sid) : undefined;
    if (row && row.userId === claims?.sub && row.revokedAt === null) {
      this.store.put({ ...row, revokedAt: this.clock() });
      this.announce({ userId: row.userId, sessionId: row.id });
    }
  }

  /** Ends all of a user's sessions but `keep` (after a password change). */
  endOthers(userId: string, keep?: string): number {
    const ended = this.store.revokeAllOf(userId, this.clock(), keep);
    if (ended > 0) this.announce({ userId, keep });
    return ended;
  }

  /**
   * Calls `listener` whenever sessions end, so connections made with them can be closed at once (an idle
   * socket would otherwise keep receiving the organization's changes until its access token expired).
   */
  onEnded(listener: (ended: SessionsEnded) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private announce(ended: SessionsEnded): void {
    for (const listener of this.endedListeners) listener(ended);
  }

  /** Whether an access token's session still stands (tokens without one predate sessions and simply expire). */
  isActive(sessionId: string | undefined, userId: string): boolean {
    if (!sessionId) return true;
    const row = this.store.get(sessionId);
    return !!row && row.revokedAt === null && row.userId === userId;
  }

  private pair(row: SessionRow, jti: string): TokenPair {
    return {
      // Its own id too, so two access tokens issued in the same second are never the same string.
      access: this.tokens.issue(row.userId, 'access', { sid: row.id, jti: randomUUID() }),
      refresh: { token: this.tokens.issue(row.userId, 'refresh', { sid: row.id, jti }).token },
      sessionId: row.id,
    };
  }
}
