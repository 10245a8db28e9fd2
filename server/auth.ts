import { createHmac, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

const COST = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** scrypt with a random salt; the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
  return timingSafeEqual(actual, expected);
}

/** Spent on unknown emails too, so response time does not reveal which emails exist. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export type TokenKind = 'access' | 'refresh';

export const ACCESS_TOKEN_SECONDS = 3 * 60 * 60;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;

interface TokenClaims {
  sub: string;
  typ: TokenKind;
  iat: number;
  exp: number;
}

/**
 * Stateless bearer tokens: base64url(claims).HMAC-SHA256. The key lives in the data folder so tokens
 * survive a restart (a client mid-outage must not be logged out by the server coming back).
 */
export class TokenIssuer {
  constructor(private readonly key: Buffer, private readonly clock: () => number = Date.now) {}

  static fromKeyFile(file: string): TokenIssuer {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    }
    return new TokenIssuer(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'));
  }

  issue(userId: string, kind: TokenKind): { token: string; createdAt: number; expiresIn: number } {
    const now = Math.floor(this.clock() / 1000);
    const expiresIn = kind === 'access' ? ACCESS_TOKEN_SECONDS : REFRESH_TOKEN_SECONDS;
    const claims: TokenClaims = { sub: userId, typ: kind, iat: now, exp: now + expiresIn };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, createdAt: now, expiresIn };
  }

  /** The user id of a valid, unexpired token of the given kind; undefined otherwise. */
  verify(token: unknown, kind: TokenKind): string | undefined {
    if (typeof token !== 'string' || token.length > 2048) return undefined;
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(body));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      if (claims.typ !== kind || typeof claims.sub !== 'string' || claims.exp * 1000 <= this.clock()) return undefined;
      return claims.sub;
    } catch {
      return undefined;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
