/**
 * Slows password guessing without slowing anyone else. Per account (the username as typed, known or
 * not, so the answers reveal nothing about which accounts exist): one check at a time, a few free
 * failures, then an exponential back-off. Per caller address: a generous budget of failures, because an
 * office signs in from one address. Successful sign-ins never count, and one clears the account's failures.
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
  /** At most this many accounts and addresses are remembered; the oldest are forgotten first. */
  maxEntries: 100_000,
};

export type LoginLimits = typeof LOGIN_LIMITS;

interface AccountEntry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
  checking: boolean;
}

interface AddressEntry {
  failures: number;
  windowStart: number;
}

export type Attempt =
  { ok: true; finish(succeeded: boolean): void } | { ok: false; retryAfterMs: number; message: string };

export class LoginThrottle {
  private readonly accounts = new Map<string, AccountEntry>();
  private readonly addresses = new Map<string, AddressEntry>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {}

  /** Called before the password is hashed; on `ok`, call `finish` once the answer is known. */
  begin(username: string, address: string): Attempt {
    const now = this.clock();
    const key = username.trim().toLowerCase();
    const byAddress = this.addresses.get(address);
    if (
      byAddress &&
      now - byAddress.windowStart < this.limits.addressWindowMs &&
      byAddress.failures >= this.limits.addressFailures
    ) {
      const retryAfterMs = byAddress.windowStart + this.limits.addressWindowMs - now;
      return {
        ok: false,
        retryAfterMs,
        message: `Too many failed sign-ins from this address; try again in ${describe(retryAfterMs)}.`,
      };
    }
    const account = this.accounts.get(key) ?? { failures: 0, lastFailureAt: 0, blockedUntil: 0, checking: false };
    if (account.blockedUntil > now) {
      const retryAfterMs = account.blockedUntil - now;
      return {
        ok: false,
        retryAfterMs,
        message: `Too many failed sign-ins for this account; try again in ${describe(retryAfterMs)}.`,
      };
    }
    // Guesses sent in parallel would all be checked before the first failure counted.
    if (account.checking)
      return {
        ok: false,
        retryAfterMs: 1_000,
        message: 'A sign-in for this account is already being checked; try again in a second.',
      };
    account.checking = true;
    this.remember(this.accounts, key, account);
    let finished = false;
    return {
      ok: true,
      finish: (succeeded) => {
        if (finished) return;
        finished = true;
        account.checking = false;
        if (succeeded) {
          this.accounts.delete(key);
          return;
        }
        this.recordFailure(key, account, address);
      },
    };
  }

  private recordFailure(key: string, account: AccountEntry, address: string): void {
    const now = this.clock();
    // A long-quiet account starts afresh: yesterday's typos do not lock today's sign-in.
    if (now - account.lastFailureAt > this.limits.maxBackoffMs * 2) account.failures = 0;
    account.failures++;
    account.lastFailureAt = now;
    const over = account.failures - this.limits.freeFailures;
    if (over >= 0)
      account.blockedUntil =
        now + Math.min(this.limits.maxBackoffMs, this.limits.firstBackoffMs * 2 ** Math.min(over, 30));
    this.remember(this.accounts, key, account);
    let byAddress = this.addresses.get(address);
    if (!byAddress || now - byAddress.windowStart >= this.limits.addressWindowMs)
      byAddress = { failures: 0, windowStart: now };
    byAddress.failures++;
    this.remember(this.addresses, address, byAddress);
  }

  /** Re-inserts so the map's order is least-recently-used first, and forgets the oldest beyond the cap. */
  private remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > this.limits.maxEntries) map.delete(map.keys().next().value!);
  }
}

function describe(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
