import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type TokenKind = 'access' | 'refresh';

export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;

export interface TokenClaims {
  sub: string;
  typ: TokenKind;
  iat: number;
  exp: number;
  /** The session (refresh-token family) the token belongs to; absent in tokens issued before sessions. */
  sid?: string;
  /** A refresh token's own id, so the session knows which one is current. */
  jti?: string;
}

/** The fewest random bytes a signing key may have: HMAC-SHA256's own output size. */
const MIN_KEY_BYTES = 32;

/**
 * An operator's signing key (`DISPATCH_TOKEN_KEY`): at least 32 random bytes in base64 or base64url, e.g.
 * `openssl rand -base64 32`. Undefined when the text is not one, so the caller can say which variable is wrong.
 */
export function parseTokenKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64url');
  return key.length >= MIN_KEY_BYTES ? key : undefined;
}

/**
 * Stateless bearer tokens: base64url(claims).HMAC-SHA256. The key lives in the data folder so tokens
 * survive a restart (a client mid-outage must not be logged out by the server coming back).
 */
export class TokenIssuer {
  constructor(
    private readonly key: Buffer,
    private readonly clock: () => number = Date.now,
    /** The operator's `--access-token-ttl`. */
    readonly accessTokenSeconds = 3 * 60 * 60,
  ) {}

  static fromKeyFile(file: string, clock: () => number = Date.now, accessTokenSeconds?: number): TokenIssuer {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    }
    return new TokenIssuer(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'), clock, accessTokenSeconds);
  }

  issue(
    userId: string,
    kind: TokenKind,
    session: { sid?: string; jti?: string } = {},
  ): { token: string; createdAt: number; expiresIn: number } {
    const now = Math.floor(this.clock() / 1000);
    const expiresIn = kind === 'access' ? this.accessTokenSeconds : REFRESH_TOKEN_SECONDS;
    const claims: TokenClaims = { sub: userId, typ: kind, iat: now, exp: now + expiresIn, ...session };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, createdAt: now, expiresIn };
  }

  /** The user id of a valid, unexpired token of the given kind; undefined otherwise. */
  verify(token: unknown, kind: TokenKind): string | undefined {
    return this.claims(token, kind)?.sub;
  }

  /** The claims of a valid, unexpired token of the given kind; undefined otherwise. */
  claims(token: unknown, kind: TokenKind): TokenClaims | undefined {
    if (typeof token !== 'string' || token.length > 2048) return undefined;
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(body));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      if (claims.typ !== kind || typeof claims.sub !== 'string' || claims.exp * 1000 <= this.clock()) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
