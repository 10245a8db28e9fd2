import { MemoryLoginCounts, type AccountCount, type LoginCounts } from './store/loginCounts';

/**
 * Slows password guessing without slowing anyone else. Per account (the username as typed, known or
 * not, so the answers reveal nothing about which accounts exist): one check at a time, a few free
 * failures, then an exponential back-off. Per caller address: a generous budget of failures, because an
 * office signs in from one address. Successful sign-ins never count, and one clears the account's failures.
 *
 * The counts live where every server process of one office sees them (`LoginCounts`): in this process for a
 * server on SQLite (one process), in the database on PostgreSQL, where several processes serve one office and
 * each would otherwise grant its own free failures, its own back-off and its own address budget.
 */
export const LOGIN_LIMITS = {
  /** Failures an account may have before it must wait. */
  freeFailures: 5,
  /** The first wait after the free failures; it doubles with each further failure. */
  firstBackoffMs: 1_000,
  maxBackoffMs: 15 * 60_000,
  /** Failed sign-ins one address may make per window, over all accounts. */
  addressFailures: 100,
  addressWindowMs: 10 * 60_000,
  /** At most this many accounts and addresses are remembered in memory; the oldest are forgotten first. */
  maxEntries: 100_000,
  /**
   * A check not finished within this no longer holds its account: the process checking it stopped (on
   * PostgreSQL the mark outlives it). A check takes one password hash, well under a second.
   */
  checkTimeoutMs: 60_000,
};

export type LoginLimits = typeof LOGIN_LIMITS;

/**
 * How a checked attempt ended: `failed` (a wrong password or an unknown account) counts; `succeeded` clears the
 * account's failures; `unchecked` (the server could not check it, e.g. the hasher was full) ends the check and
 * changes nothing else, so a busy server never wipes a guesser's failures.
 */
export type Outcome = 'succeeded' | 'failed' | 'unchecked';

export type Attempt =
  { ok: true; finish(outcome: Outcome): Promise<void> } | { ok: false; retryAfterMs: number; message: string };

type Refusal = Extract<Attempt, { ok: false }>;

const FRESH: AccountCount = { failures: 0, lastFailureAt: 0, blockedUntil: 0, checkingUntil: 0 };

export class LoginThrottle {
  constructor(
    private readonly clock: () => number = Date.now,
    private readonly limits: LoginLimits = LOGIN_LIMITS,
    private readonly counts: LoginCounts = new MemoryLoginCounts(limits.maxEntries),
  ) {}

  /** Called before the password is hashed; on `ok`, call `finish` once the answer is known. */
  async begin(username: string, address: string): Promise<Attempt> {
    const now = this.clock();
    const key = username.trim().toLowerCase();
    const byAddress = await this.counts.address(address);
    if (
      byAddress &&
      now - byAddress.windowStart < this.limits.addressWindowMs &&
      byAddress.failures >= this.limits.addressFailures
    ) {
      const retryAfterMs = byAddress.windowStart + this.limits.addressWindowMs - now;
      return refusal(
        retryAfterMs,
        `Too many failed sign-ins from this address; try again in ${describe(retryAfterMs)}.`,
      );
    }
    const refused = await this.counts.updateAccount<Refusal | undefined>(key, (count) => {
      if (count && count.blockedUntil > now) {
        const retryAfterMs = count.blockedUntil - now;
        return {
          count,
          result: refusal(
            retryAfterMs,
            `Too many failed sign-ins for this account; try again in ${describe(retryAfterMs)}.`,
          ),
        };
      }
      // Guesses sent in parallel would all be checked before the first failure counted.
      if (count && count.checkingUntil > now)
        return {
          count,
          result: refusal(1_000, 'A sign-in for this account is already being checked; try again in a second.'),
        };
      return { count: { ...(count ?? FRESH), checkingUntil: now + this.limits.checkTimeoutMs }, result: undefined };
    });
    if (refused) return refused;
    let finished = false;
    return {
      ok: true,
      finish: async (outcome) => {
        if (finished) return;
        finished = true;
        const at = this.clock();
        await this.counts.updateAccount(key, (count) => {
          const checked = { ...(count ?? FRESH), checkingUntil: 0 };
          if (outcome === 'succeeded') return { count: undefined, result: undefined };
          if (outcome === 'unchecked') return { count: checked.failures ? checked : undefined, result: undefined };
          return { count: this.afterFailure(checked, at), result: undefined };
        });
        if (outcome === 'failed') await this.counts.addressFailed(address, at, this.limits.addressWindowMs);
      },
    };
  }

  private afterFailure(count: AccountCount, now: number): AccountCount {
    // A long-quiet account starts afresh: yesterday's typos do not lock today's sign-in.
    const failures = (now - count.lastFailureAt > this.limits.maxBackoffMs * 2 ? 0 : count.failures) + 1;
    const over = failures - this.limits.freeFailures;
    const blockedUntil =
      over >= 0
        ? now + Math.min(this.limits.maxBackoffMs, this.limits.firstBackoffMs * 2 ** Math.min(over, 30))
        : count.blockedUntil;
    return { ...count, failures, lastFailureAt: now, blockedUntil };
  }
}

function refusal(retryAfterMs: number, message: string): Refusal {
  return { ok: false, retryAfterMs, message };
}

function describe(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
