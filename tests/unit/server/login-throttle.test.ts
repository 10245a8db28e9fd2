import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, LoginThrottle, type Attempt } from '../../../server/loginThrottle';

/** A throttle on a clock the test moves, with this process's counts. */
function throttle() {
  let now = 1_000_000;
  return {
    logins: new LoginThrottle(() => now),
    advance: (ms: number) => (now += ms),
  };
}

async function checked(attempt: Promise<Attempt>) {
  const started = await attempt;
  if (!started.ok) throw new Error(`refused: ${started.message}`);
  return started;
}

async function fail(logins: LoginThrottle, username: string, times: number) {
  for (let n = 0; n < times; n++) await (await checked(logins.begin(username, '10.0.0.1'))).finish('failed');
}

describe('LoginThrottle', () => {
  it('an attempt the server could not check (its hasher full) leaves the failures before it as they were', async () => {
    const { logins } = throttle();
    await fail(logins, 'dana@office.test', LOGIN_LIMITS.freeFailures - 1);
    await (await checked(logins.begin('dana@office.test', '10.0.0.1'))).finish('unchecked');
    // The last free failure: the account must now wait, as if the unchecked attempt had never been made.
    await fail(logins, 'dana@office.test', 1);
    const next = await logins.begin('Dana@Office.test ', '10.0.0.2');
    expect(next).toMatchObject({ ok: false, retryAfterMs: LOGIN_LIMITS.firstBackoffMs });
    if (!next.ok) expect(next.message).toMatch(/this account/);
  });

  it('checks one attempt per account at a time, and frees it when the check ends or its process never ends it', async () => {
    const { logins, advance } = throttle();
    const first = await checked(logins.begin('dana@office.test', '10.0.0.1'));
    expect(await logins.begin('dana@office.test', '10.0.0.1')).toMatchObject({ ok: false, retryAfterMs: 1_000 });
    expect((await logins.begin('sam@office.test', '10.0.0.1')).ok).toBe(true);
    await first.finish('failed');
    await (await checked(logins.begin('dana@office.test', '10.0.0.1'))).finish('failed');
    // A check never finished (its server stopped mid-hash, on PostgreSQL the mark outlives it) ends by itself.
    await checked(logins.begin('dana@office.test', '10.0.0.1'));
    expect((await logins.begin('dana@office.test', '10.0.0.1')).ok).toBe(false);
    advance(LOGIN_LIMITS.checkTimeoutMs + 1);
    expect((await logins.begin('dana@office.test', '10.0.0.1')).ok).toBe(true);
  });

  it("a success clears the account's failures", async () => {
    const { logins } = throttle();
    await fail(logins, 'dana@office.test', LOGIN_LIMITS.freeFailures - 1);
    await (await checked(logins.begin('dana@office.test', '10.0.0.1'))).finish('succeeded');
    await fail(logins, 'dana@office.test', LOGIN_LIMITS.freeFailures - 1);
    expect((await logins.begin('dana@office.test', '10.0.0.1')).ok).toBe(true);
  });
});
