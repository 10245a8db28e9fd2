import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn as consoleSignIn, tokenSource, type Session, type SessionStorage } from '../../renderer/kit/session';
import { call, PASSWORD, startRestServer, USERS, type Answer, type RestServer } from './restClient';
import { SyncClient } from './support/client';

/**
 * Issue 10, Medium 4: refresh tokens rotate on every use with a 60 s grace; a replay after the grace ends
 * the token family; sign-out revokes; a password change ends the user's other sessions; the console's
 * windows share one refresh at a time.
 */

let now = Date.now();
let rest: RestServer;
beforeAll(async () => {
  rest = await startRestServer({ clock: () => now });
});
afterAll(async () => rest?.stop());

const token = (body: Record<string, string>): Promise<Answer> => call(rest.url, 'POST', '/v3/oauth/token', body);
const signIn = (username: string, password = PASSWORD) => token({ grant_type: 'password', username, password });
const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });
const me = (accessToken: string) => call(rest.url, 'GET', '/v3/users/me', undefined, { token: accessToken });

describe('refresh-token rotation', () => {
  it('rotates on every use; the previous token works for 60 s, then its replay ends the whole family', async () => {
    const first = (await signIn(USERS.dispatcher.email)).body;
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);

    // A lost answer: the old token again, within the grace, still signs in, and the newest stays good.
    now += 30_000;
    const retried = await refresh(first.refresh_token);
    expect(retried.status).toBe(200);
    expect((await me(retried.body.access_token)).status).toBe(200);

    // After the grace, the old token is a replay: refused, and every token of the family with it.
    now += 31_000;
    const replay = await refresh(first.refresh_token);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('UNAUTHENTICATED');
    expect((await refresh(second.body.refresh_token)).status).toBe(401);
    expect((await me(second.body.access_token)).status).toBe(401);
    // Another sign-in of the same user is another family, untouched.
    expect((await me((await signIn(USERS.dispatcher.email)).body.access_token)).status).toBe(200);
  });

  it('revokes a refresh token on sign-out (POST /v3/oauth/revoke), and answers 200 whatever the token', async () => {
    const session = (await signIn(USERS.enterprise.email)).body;
    const socket = await SyncClient.connect(rest.url, session.access_token);
    try {
      const revoked = await call(rest.url, 'POST', '/v3/oauth/revoke', {
        token: session.refresh_token,
        token_type_hint: 'refresh_token',
      });
      expect(revoked.status).toBe(200);
      expect((await refresh(session.refresh_token)).status).toBe(401);
      expect((await me(session.access_token)).status).toBe(401);
      // Its open socket is closed at once, not left receiving the organization's changes until expiry.
      await vi.waitFor(() => expect(socket.socket.connected).toBe(false), { timeout: 2_000 });
    } finally {
      socket.close();
    }
    expect((await call(rest.url, 'POST', '/v3/oauth/revoke', { token: 'not-a-token' })).status).toBe(200);
    expect((await call(rest.url, 'POST', '/v3/oauth/revoke', {})).status).toBe(400);
  });
});

describe('changing the password', () => {
  it('needs the current password, and ends every other session of the user but keeps this one', async () => {
    const email = USERS.otherDispatcher.email;
    const here = (await signIn(email)).body;
    const elsewhere = (await signIn(email)).body;
    const socket = await SyncClient.connect(rest.url, elsewhere.access_token);
    // The session that changes the password keeps its connection.
    const kept = await SyncClient.connect(rest.url, here.access_token);
    const change = (body: unknown) =>
      call(rest.url, 'POST', '/v3/users/me/password', body, { token: here.access_token });
    try {
      const wrong = await change({ current_password: 'not-it', new_password: 'a-new-password-1' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('FORBIDDEN');
      expect((await change({ current_password: PASSWORD, new_password: 'short' })).status).toBe(400);

      const changed = await change({ current_password: PASSWORD, new_password: 'a-new-password-1' });
      expect(changed.status).toBe(200);
      expect(changed.body.ended_sessions).toBe(1);
      expect((await me(here.access_token)).status).toBe(200);
      expect((await me(elsewhere.access_token)).status).toBe(401);
      expect((await refresh(elsewhere.refresh_token)).status).toBe(401);
      await vi.waitFor(() => expect(socket.socket.connected).toBe(false), { timeout: 2_000 });
      expect(kept.socket.connected).toBe(true);
      expect((await signIn(email)).status).toBe(401);
      expect((await signIn(email, 'a-new-password-1')).status).toBe(200);
    } finally {
      socket.close();
      kept.close();
    }
  });
});

describe("the console's windows", () => {
  it('share one refresh at a time: two windows renewing together rotate once, and both stay signed in', async () => {
    let stored: Session | null = await consoleSignIn(rest.url, USERS.dispatcher.email, PASSWORD);
    const initial = stored;
    const saved: (Session | null)[] = [];
    const storage: SessionStorage = { load: () => stored, save: (next) => ((stored = next), saved.push(next)) };
    const windowA = tokenSource(initial, storage);
    const windowB = tokenSource(initial, storage);
    // The server says both windows' token is no longer good (e.g. it expired while the laptop slept).
    const [a, b] = await Promise.all([windowA({ refresh: true }), windowB({ refresh: true })]);
    expect(saved.map((session) => session?.user.id)).toEqual([USERS.dispatcher.id]);
    expect(a).toBe(b);
    expect((await me(a)).status).toBe(200);
    expect((await refresh(stored!.refreshToken)).status).toBe(200);
  });
});
