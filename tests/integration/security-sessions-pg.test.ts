import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenIssuer } from '../../server/auth';
import { Sessions, type SessionsEnded } from '../../server/sessions';
import { PgSessionStore } from '../../server/store/postgres/sessions';
import { databaseTokenKey } from '../../server/store/postgres/tokenKey';
import { createTestDatabase, skippedWithoutPostgres, type TestDatabase } from './support/localPostgres';

/**
 * Issue 13: signing in works across server processes on one PostgreSQL database. Each "process" here is
 * what one server holds: its own pool, the key it read from the database, its own Sessions.
 */

interface Process {
  tokens: TokenIssuer;
  sessions: Sessions;
  ended: SessionsEnded[];
}

async function openProcess(database: TestDatabase): Promise<Process> {
  const pool = database.pool();
  const tokens = new TokenIssuer(await databaseTokenKey(pool));
  const sessions = new Sessions(await PgSessionStore.open(pool), tokens);
  const ended: SessionsEnded[] = [];
  sessions.onEnded((event) => ended.push(event));
  return { tokens, sessions, ended };
}

describe.skipIf(skippedWithoutPostgres('Sessions across processes on PostgreSQL'))(
  'sessions across two processes on one PostgreSQL database',
  () => {
    let database: TestDatabase;
    let a: Process;
    let b: Process;
    beforeAll(async () => {
      database = await createTestDatabase();
      // Both start at the same moment on an empty database: one creates the tables and the key.
      [a, b] = await Promise.all([openProcess(database), openProcess(database)]);
    });
    afterAll(async () => database?.drop());

    const jti = (refreshToken: string) => a.tokens.claims(refreshToken, 'refresh')?.jti;

    it('share one signing key: a token issued by A verifies on B', async () => {
      const pair = await a.sessions.start('u-1');
      expect(b.tokens.claims(pair.access.token, 'access')).toMatchObject({ sub: 'u-1', sid: pair.sessionId });
      expect(b.tokens.verify(pair.refresh.token, 'refresh')).toBe('u-1');
      // A third process starting later reads the same key, not a new one.
      const late = await openProcess(database);
      expect(late.tokens.verify(pair.access.token, 'access')).toBe('u-1');
    });

    it('sign in through A, refresh through B, and again through A', async () => {
      const signedIn = await a.sessions.start('u-1');
      const onB = await b.sessions.refresh(signedIn.refresh.token);
      expect(onB).toBeDefined();
      expect(await a.sessions.isActive(onB!.sessionId, 'u-1')).toBe(true);
      const onA = await a.sessions.refresh(onB!.refresh.token);
      expect(jti(onA!.refresh.token)).not.toBe(jti(onB!.refresh.token));
    });

    it('the same refresh token to A and B at the same instant: one rotation, both answered, the family whole', async () => {
      for (let round = 0; round < 20; round++) {
        const signedIn = await a.sessions.start(`u-race-${round}`);
        const [onA, onB] = await Promise.all([
          a.sessions.refresh(signedIn.refresh.token),
          b.sessions.refresh(signedIn.refresh.token),
        ]);
        expect(onA).toBeDefined();
        expect(onB).toBeDefined();
        // One new refresh token: the loser was answered with the winner's, as within the rotation grace.
        expect(jti(onA!.refresh.token)).toBe(jti(onB!.refresh.token));
        expect(jti(onA!.refresh.token)).not.toBe(jti(signedIn.refresh.token));
        expect(await b.sessions.isActive(signedIn.sessionId, `u-race-${round}`)).toBe(true);
        // And it goes on rotating from either side.
        expect(await b.sessions.refresh(onA!.refresh.token)).toBeDefined();
      }
      expect([...a.ended, ...b.ended]).toEqual([]);
    });

    it('sign-out on A refuses the tokens on B at once', async () => {
      const signedIn = await a.sessions.start('u-2');
      expect(await b.sessions.isActive(signedIn.sessionId, 'u-2')).toBe(true);
      await a.sessions.revoke(signedIn.refresh.token);
      expect(await b.sessions.isActive(signedIn.sessionId, 'u-2')).toBe(false);
      expect(await b.sessions.refresh(signedIn.refresh.token)).toBeUndefined();
      expect(a.ended).toContainEqual({ userId: 'u-2', sessionId: signedIn.sessionId });
    });

    it("a password change through A ends the user's sessions made on B, but the one it keeps", async () => {
      const here = await a.sessions.start('u-3');
      const elsewhere = await b.sessions.start('u-3');
      expect(await a.sessions.endOthers('u-3', here.sessionId)).toBe(1);
      expect(await b.sessions.isActive(elsewhere.sessionId, 'u-3')).toBe(false);
      expect(await b.sessions.isActive(here.sessionId, 'u-3')).toBe(true);
    });
  },
);
