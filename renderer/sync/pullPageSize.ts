/** The smallest page a shrunk pull asks for: below it, round trips cost more than a page's own weight. */
const FLOOR = 1_000;

/**
 * How large the next pull page may be. A page the console could not get (no answer in time, or the
 * connection lost while it was on its way: a slow link, or a machine too busy to take in ten megabytes
 * before the deadline or the heartbeat) caps the pages after it at half its size, down to FLOOR. Asking
 * for the same page again would fail the same way every time, and a console far behind on a slow link
 * would never catch up. A catch-up that reaches the head lifts the cap for the next one.
 */
export class PullPageSize {
  private cap = Infinity;
  /** The limit of the page last asked for. */
  private asked = Infinity;

  /** The limit to ask for, of the `wanted` one. */
  limit(wanted: number): number {
    this.asked = Math.min(wanted, this.cap);
    return this.asked;
  }

  /** The page last asked for never came. */
  failed(): void {
    this.cap = Math.max(FLOOR, Math.floor(this.asked / 2));
  }

  reachedHead(): void {
    this.cap = Infinity;
  }
}
