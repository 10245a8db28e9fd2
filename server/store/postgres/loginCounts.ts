import type { Pool } from 'pg';
import type { AccountCount, AddressCount, LoginCounts } from '../loginCounts';
import { ensureAuthSchema } from './authSchema';

interface AccountRow {
  failures: number;
  last_failure_at: string | number;
  blocked_until: string | number;
  checking_until: string | number;
}

/** Rows this long quiet say nothing any more (an account's failures reset after twice the longest back-off). */
const FORGET_AFTER_MS = 60 * 60_000;
/** One update in this many also forgets the quiet rows: guesses at made-up usernames each leave one. */
const FORGET_EVERY = 200;
/**
 * Times an update makes its row again when another process deleted it meanwhile; after that it writes without
 * having held it (an upsert), which at worst lets one more attempt be checked.
 */
const MAX_TRIES = 5;

/**
 * The sign-in throttle's counts in PostgreSQL, shared by every server process on the database, so guesses
 * spread over several processes count as guesses at one. An account's update runs in one transaction holding
 * its row (made first if missing), so two processes never both start checking it; an address's failure is one
 * upsert. The pool belongs to the caller, which ends it.
 */
export class PgLoginCounts implements LoginCounts {
  private updates = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly clock: () => number,
  ) {}

  static async open(pool: Pool, clock: () => number = Date.now): Promise<PgLoginCounts> {
    await ensureAuthSchema(pool);
    return new PgLoginCounts(pool, clock);
  }

  async updateAccount<T>(
    key: string,
    change: (count: AccountCount | undefined) => { count: AccountCount | undefined; result: T },
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      for (let tries = 1; ; tries++) {
        await client.query('BEGIN');
        // Made if missing, as zeros (what a fresh account counts): a process making it at the same instant waits
        // for this one's COMMIT, then finds it. The SELECT, a statement of its own, sees it and holds it.
        await client.query({
          name: 'login-accounts-make',
          text: `INSERT INTO login_accounts (key, failures, last_failure_at, blocked_until, checking_until)
                 VALUES ($1, 0, 0, 0, 0) ON CONFLICT (key) DO NOTHING`,
          values: [key],
        });
        const { rows } = await client.query<AccountRow>({
          name: 'login-accounts-hold',
          text: `SELECT failures, last_failure_at, blocked_until, checking_until FROM login_accounts
                 WHERE key = $1 FOR UPDATE`,
          values: [key],
        });
        if (!rows[0] && tries < MAX_TRIES) {
          // Deleted between the two statements by another process (a success, or the clean-up): make it again.
          await client.query('ROLLBACK');
          continue;
        }
        const { count, result } = change(rows[0] && countOf(rows[0]));
        if (count)
          await client.query({
            name: 'login-accounts-put',
            text: `INSERT INTO login_accounts (key, failures, last_failure_at, blocked_until, checking_until)
                   VALUES ($1, $2, $3, $4, $5)
                   ON CONFLICT (key) DO UPDATE SET failures = $2, last_failure_at = $3, blocked_until = $4,
                     checking_until = $5`,
            values: [key, count.failures, count.lastFailureAt, count.blockedUntil, count.checkingUntil],
          });
        else
          await client.query({
            name: 'login-accounts-forget',
            text: 'DELETE FROM login_accounts WHERE key = $1',
            values: [key],
          });
        await client.query('COMMIT');
        if (++this.updates % FORGET_EVERY === 0) await this.forgetQuiet();
        return result;
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async address(address: string): Promise<AddressCount | undefined> {
    const { rows } = await this.pool.query<{ failures: number; window_start: string | number }>({
      name: 'login-addresses-get',
      text: 'SELECT failures, window_start FROM login_addresses WHERE address = $1',
      values: [address],
    });
    return rows[0] && { failures: rows[0].failures, windowStart: Number(rows[0].window_start) };
  }

  async addressFailed(address: string, now: number, windowMs: number): Promise<void> {
    // One statement: failures from several processes at the same instant all count.
    await this.pool.query({
      name: 'login-addresses-failed',
      text: `INSERT INTO login_addresses (address, failures, window_start) VALUES ($1, 1, $2)
             ON CONFLICT (address) DO UPDATE SET
               failures = CASE WHEN $2 - login_addresses.window_start < $3 THEN login_addresses.failures + 1 ELSE 1 END,
               window_start = CASE WHEN $2 - login_addresses.window_start < $3 THEN login_addresses.window_start ELSE $2 END`,
      values: [address, now, windowMs],
    });
  }

  /** Outside any account's transaction, and past rows another update holds: it never waits on a sign-in. */
  private async forgetQuiet(): Promise<void> {
    const before = this.clock() - FORGET_AFTER_MS;
    await this.pool.query(
      `DELETE FROM login_accounts WHERE key IN (
         SELECT key FROM login_accounts
         WHERE last_failure_at < $1 AND blocked_until < $1 AND checking_until < $1
         FOR UPDATE SKIP LOCKED)`,
      [before],
    );
    await this.pool.query(
      `DELETE FROM login_addresses WHERE address IN (
         SELECT address FROM login_addresses WHERE window_start < $1 FOR UPDATE SKIP LOCKED)`,
      [before],
    );
  }
}

function countOf(row: AccountRow): AccountCount {
  return {
    failures: row.failures,
    lastFailureAt: Number(row.last_failure_at),
    blockedUntil: Number(row.blocked_until),
    checkingUntil: Number(row.checking_until),
  };
}
