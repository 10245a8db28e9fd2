import { randomUUID } from 'node:crypto';
import { REFRESH_TOKEN_SECONDS, type TokenIssuer } from './auth';
import type { SessionRow, SessionStore } from './store/sessionStore';

/** How long the refresh token just rotated away stays usable: a lost answer or a second window. */
export const ROTATION_GRACE_MS = 60_000;

/** Reads of one refresh that found the session moved on by another request before it could write. */
const REFRESH_ATTEMPTS = 4;

/** Sessions just ended: one (`sessionId`), or all of a user's but `keep`. */
export interface SessionsEnded {
  userId: string;
  sessionId?: string;
  keep?: string;
}

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
 *
 * Several server processes may share the store (PostgreSQL). Every decision is written back with a
 * condition on what it was made from (the current token), so when two processes receive the same refresh
 * token at the same instant exactly one rotates it; the other finds it rotated, reads again, and answers
 * as the grace says: the current pair, not a new branch, and the family stays whole.
 */
export class Sessions {
  private readonly endedListeners = new Set<(ended: SessionsEnded) => void>();

  constructor(
    private readonly store: SessionStore,
    private readonly tokens: TokenIssuer,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A new session for a successful sign-in. */
  async start(userId: string): Promise<TokenPair> {
    const now = this.clock();
    await this.store.prune(now - REFRESH_TOKEN_SECONDS * 1000);
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
    await this.store.insert(row);
    return this.pair(row, row.currentJti);
  }

  /** New tokens for a refresh token, or undefined when it must be refused (the caller answers 401). */
  async refresh(token: string): Promise<TokenPair | undefined> {
    const claims = this.tokens.claims(token, 'refresh');
    if (!claims) return undefined;
    // Tokens from before sessions existed start one, once: their holders stay signed in.
    if (!claims.sid || !claims.jti) return this.start(claims.sub);
    // A write that finds the row changed since it was read (another process rotated or ended it) reads
    // again and decides anew; each retry means someone else moved the session on, so a few are plenty.
    for (let attempt = 0; attempt < REFRESH_ATTEMPTS; attempt++) {
      const row = await this.store.get(claims.sid);
      if (!row || row.revokedAt !== null || row.userId !== claims.sub) return undefined;
      const now = this.clock();
      if (claims.jti === row.currentJti) {
        const next = randomUUID();
        if (await this.store.rotate(row.id, row.currentJti, next, now + ROTATION_GRACE_MS, now))
          return this.pair(row, next);
        continue;
      }
      if (claims.jti === row.previousJti && now < row.previousUntil) {
        await this.store.touch(row.id, now);
        return this.pair(row, row.currentJti);
      }
      if (await this.store.revoke(row.id, now, row.currentJti)) {
        this.announce({ userId: row.userId, sessionId: row.id });
        return undefined;
      }
    }
    return undefined;
  }

  /** Ends the session a token (refresh or access) belongs to; unknown or invalid tokens change nothing. */
  async revoke(token: string): Promise<void> {
    const claims = this.tokens.claims(token, 'refresh') ?? this.tokens.claims(token, 'access');
    const row = claims?.sid ? await this.store.get(claims.sid) : undefined;
    if (row && row.userId === claims?.sub && (await this.store.revoke(row.id, this.clock())))
      this.announce({ userId: row.userId, sessionId: row.id });
  }

  /** Ends all of a user's sessions but `keep` (after a password change). */
  async endOthers(userId: string, keep?: string): Promise<number> {
    const ended = await this.store.revokeAllOf(userId, this.clock(), keep);
    if (ended > 0) this.announce({ userId, keep });
    return ended;
  }

  /**
   * Calls `listener` whenever sessions end in this process, so connections made with them can be closed at
   * once (an idle socket would otherwise keep receiving the organization's changes until its access token
   * expired). The listener closes them by room, which the socket.io adapter carries to every process.
   */
  onEnded(listener: (ended: SessionsEnded) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private announce(ended: SessionsEnded): void {
    for (const listener of this.endedListeners) listener(ended);
  }

  /**
   * Whether an access token's session still stands (tokens without one predate sessions and simply expire).
   * Asked of the store on every request and command, never cached: a session ended on another process is
   * refused here from the next request on.
   */
  async isActive(sessionId: string | undefined, userId: string): Promise<boolean> {
    if (!sessionId) return true;
    return this.store.isActive(sessionId, userId);
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
