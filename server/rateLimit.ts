/** A token bucket: `capacity` at once, refilled at `perSecond`. One per connection or caller. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = clock();
  }

  /** Takes `cost` tokens if available; otherwise returns how many ms until they will be. */
  take(cost = 1): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((cost - this.tokens) / this.perSecond) * 1000) };
  }
}
