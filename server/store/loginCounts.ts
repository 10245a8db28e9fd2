/**
 * Where the sign-in throttle (server/loginThrottle.ts) keeps its counts: in the server process
 * (`MemoryLoginCounts`, one process on SQLite) or in PostgreSQL (`PgLoginCounts`), which every process of one
 * office shares.
 */

/** An account's recent failures, as every process sees them. Times are epoch milliseconds. */
export interface AccountCount {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
  /** A check of this account is under way until then (0: none). */
  checkingUntil: number;
}

/** One address's failures in its current window. */
export interface AddressCount {
  failures: number;
  windowStart: number;
}

/** Where the counts are kept. */
export interface LoginCounts {
  /**
   * Runs `change` on the account's count with no other change to it in between, from any process, and keeps
   * the count it returns (undefined forgets the account).
   */
  updateAccount<T>(
    key: string,
    change: (count: AccountCount | undefined) => { count: AccountCount | undefined; result: T },
  ): Promise<T>;
  address(address: string): Promise<AddressCount | undefined>;
  /** Counts one failure from `address`, in a new window when its window (`windowMs` long) is over at `now`. */
  addressFailed(address: string, now: number, windowMs: number): Promise<void>;
}

/** The counts of one server process: least recently used forgotten first beyond `maxEntries` of each kind. */
export class MemoryLoginCounts implements LoginCounts {
  private readonly accounts = new Map<string, AccountCount>();
  private readonly addresses = new Map<string, AddressCount>();

  constructor(private readonly maxEntries: number) {}

  updateAccount<T>(
    key: string,
    change: (count: AccountCount | undefined) => { count: AccountCount | undefined; result: T },
  ): Promise<T> {
    // Synchronous from read to write: no other change can come in between.
    const { count, result } = change(this.accounts.get(key));
    if (count) this.remember(this.accounts, key, count);
    else this.accounts.delete(key);
    return Promise.resolve(result);
  }

  address(address: string): Promise<AddressCount | undefined> {
    return Promise.resolve(this.addresses.get(address));
  }

  addressFailed(address: string, now: number, windowMs: number): Promise<void> {
    const count = this.addresses.get(address);
    this.remember(
      this.addresses,
      address,
      count && now - count.windowStart < windowMs
        ? { ...count, failures: count.failures + 1 }
        : { failures: 1, windowStart: now },
    );
    return Promise.resolve();
  }

  /** Re-inserts so the map's order is least-recently-used first, and forgets the oldest beyond the cap. */
  private remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > this.maxEntries) map.delete(map.keys().next().value!);
  }
}
