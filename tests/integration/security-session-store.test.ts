import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TokenIssuer } from '../../server/auth';
import { ROTATION_GRACE_MS, Sessions, type SessionsEnded } from '../../server/sessions';
import type { SessionStore } from '../../server/store/sessionStore';
import { PgSessionStore } from '../../server/store/postgres/sessions';
import { SqliteSessionStore } from '../../server/store/sqliteSessions';
import { freshDatabase, testPool, withoutPostgres } from './support/postgres';

/**
 * The refresh-token family rules (server/sessions.ts) on the real session store, with the clock in the
 * test's hands. Requests for one session that arrive together interleave at every await, as they do
 * across server processes sharing one database.
 */

interface OpenStore {
  store: SessionStore;
  dispose(): Promise<void>;
}

async function sqliteStore(): Promise<OpenStore> {
  const dir = await mkdtemp(join(tmpdir(), 'dispatch-sessions-'));
  const store = new SqliteSessionStore(join(dir, 'sessions.sqlite'));
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Every process on one database has its own pool: the rules must hold across pools, not only within one. */
async function postgresStore(): Promise<OpenStore> {
  const database = await freshDatabase();
  const [first, second] = [1, 2].map(() => testPool(database.url));
  const [a, b] = await Promise.all([PgSessionStore.open(first), PgSessionStore.open(second)]);
  // Reads and writes alternate between the two pools, as requests alternate between two processes.
  let turn = 0;
  const next = () => (turn++ % 2 === 0 ? a : b);
  const store: SessionStore = {
    get: (...args) => next().get(...args),
    insert: (...args) => next().insert(...args),
    rotate: (...args) => next().rotate(...args),
    touch: (...args) => next().touch(...args),
    revoke: (...args) => next().revoke(...args),
    revokeAllOf: (...args) => next().revokeAllOf(...args),
    isActive: (...args) => next().isActive(...args),
    prune: (...args) => next().prune(...args),
    close: async () => undefined,
  };
  return {
    store,
    dispose: async () => {
      await Promise.all([first.end(), second.end()]);
      await database.drop();
    },
  };
}

const STORES: [string, () => Promise<OpenStore>][] = [['SQLite', sqliteStore]];
if (!withoutPostgres('the session rules on PostgreSQL')) STORES.push(['PostgreSQL', postgresStore]);

describe.each(STORES)('Sessions on %s', (_name, open) => {
  let now = Date.UTC(2026, 0, 5, 9);
  let opened: OpenStore;
  let tokens: TokenIssuer;
  let sessions: Sessions;
  let ended: SessionsEnded[];
  beforeEach(async () => {
    opened = await open();
    tokens = new TokenIssuer(randomBytes(32), () => now);
    sessions = new Sessions(opened.store, tokens, () => now);
    ended = [];
    sessions.onEnded((event) => ended.push(event));
  });
  afterEach(async () => opened.dispose());

  const jti = (refreshToken: string) => tokens.claims(refreshToken, 'refresh')?.jti;

  test('the same refresh token twice at once rotates once; both get the new token and the family stands', async () => {
    const signedIn = await sessions.start('u-1');
    const [a, b] = await Promise.all([
      sessions.refresh(signedIn.refresh.token),
      sessions.refresh(signedIn.refresh.token),
    ]);
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(jti(a!.refresh.token)).toBe(jti(b!.refresh.token));
    expect(jti(a!.refresh.token)).not.toBe(jti(signedIn.refresh.token));
    const row = await opened.store.get(signedIn.sessionId);
    expect(row).toMatchObject({ currentJti: jti(a!.refresh.token), previousJti: jti(signedIn.refresh.token) });
    expect(row!.revokedAt).toBeNull();
    expect(ended).toEqual([]);
    expect(await sessions.isActive(signedIn.sessionId, 'u-1')).toBe(true);
    // A session is only ever active for the user it was started for, and an unknown one for nobody.
    expect(await sessions.isActive(signedIn.sessionId, 'u-2')).toBe(false);
    expect(await sessions.isActive('no-such-session', 'u-1')).toBe(false);
    // The winner's token rotates on as usual.
    expect(await sessions.refresh(a!.refresh.token)).toBeDefined();
  });

  test('many requests with one token at once: one rotation, every answer the same current token', async () => {
    const signedIn = await sessions.start('u-1');
    const answers = await Promise.all(Array.from({ length: 8 }, () => sessions.refresh(signedIn.refresh.token)));
    expect(new Set(answers.map((answer) => jti(answer!.refresh.token))).size).toBe(1);
    expect(ended).toEqual([]);
  });

  test('within the grace the previous token gets the current one; after it, its replay ends the family', async () => {
    const signedIn = await sessions.start('u-1');
    const rotated = await sessions.refresh(signedIn.refresh.token);
    now += ROTATION_GRACE_MS - 1_000;
    const retried = await sessions.refresh(signedIn.refresh.token);
    expect(jti(retried!.refresh.token)).toBe(jti(rotated!.refresh.token));
    now += 2_000;
    expect(await sessions.refresh(signedIn.refresh.token)).toBeUndefined();
    expect(ended).toEqual([{ userId: 'u-1', sessionId: signedIn.sessionId }]);
    expect(await sessions.refresh(rotated!.refresh.token)).toBeUndefined();
    expect(await sessions.isActive(signedIn.sessionId, 'u-1')).toBe(false);
    // Refused again, announced only once.
    expect(ended).toHaveLength(1);
  });

  test('revoke by access token ends the session once; a token of another user changes nothing', async () => {
    const mine = await sessions.start('u-1');
    const theirs = await sessions.start('u-2');
    await sessions.revoke(mine.access.token);
    await sessions.revoke(mine.access.token);
    await sessions.revoke('not-a-token');
    expect(ended).toEqual([{ userId: 'u-1', sessionId: mine.sessionId }]);
    expect(await sessions.isActive(mine.sessionId, 'u-1')).toBe(false);
    expect(await sessions.isActive(theirs.sessionId, 'u-2')).toBe(true);
    // A session id is only good for the user it belongs to.
    expect(await sessions.isActive(theirs.sessionId, 'u-1')).toBe(false);
  });

  test("endOthers ends the user's other sessions and keeps the one asked to", async () => {
    const here = await sessions.start('u-1');
    const elsewhere = await sessions.start('u-1');
    const other = await sessions.start('u-2');
    expect(await sessions.endOthers('u-1', here.sessionId)).toBe(1);
    expect(await sessions.isActive(here.sessionId, 'u-1')).toBe(true);
    expect(await sessions.isActive(elsewhere.sessionId, 'u-1')).toBe(false);
    expect(await sessions.isActive(other.sessionId, 'u-2')).toBe(true);
    expect(await sessions.endOthers('u-1', here.sessionId)).toBe(0);
    expect(ended).toEqual([{ userId: 'u-1', keep: here.sessionId }]);
  });
});
