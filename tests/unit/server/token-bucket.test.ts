import { describe, expect, test } from 'vitest';
import { TokenBucket } from '../../../server/rateLimit';

/** A clock the test moves by hand: the bucket's arithmetic without waiting for real time to pass. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  test('starts full: `capacity` takes succeed at once, the next one is refused', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(5, 1, clock.now);
    for (let index = 0; index < 5; index++) expect(bucket.take()).toEqual({ ok: true });
    expect(bucket.take().ok).toBe(false);
  });

  test('a refusal says when one token will be back', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 4, clock.now);
    bucket.take();
    bucket.take();
    expect(bucket.take()).toEqual({ ok: false, retryAfterMs: 250 });
    clock.advance(100);
    // 0.4 of a token refilled: 0.6 missing at 4 per second.
    expect(bucket.take()).toEqual({ ok: false, retryAfterMs: 150 });
    clock.advance(150);
    expect(bucket.take()).toEqual({ ok: true });
  });

  test('refills at `perSecond`, in fractions of a token', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 100, clock.now);
    for (let index = 0; index < 10; index++) bucket.take();
    clock.advance(55);
    const granted = Array.from({ length: 10 }, () => bucket.take().ok).filter(Boolean).length;
    expect(granted).toBe(5);
  });

  test('never holds more than `capacity`, however long it was idle', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(3, 10, clock.now);
    clock.advance(60 * 60_000);
    const granted = Array.from({ length: 10 }, () => bucket.take().ok).filter(Boolean).length;
    expect(granted).toBe(3);
  });

  test('a take of several tokens is all or nothing', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(5, 1, clock.now);
    expect(bucket.take(3).ok).toBe(true);
    expect(bucket.take(3)).toEqual({ ok: false, retryAfterMs: 1_000 });
    // The refused take cost nothing: the two tokens left are still there.
    expect(bucket.take(2).ok).toBe(true);
  });

  test('a clock that stands still grants nothing back', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(1, 1_000, clock.now);
    bucket.take();
    for (let index = 0; index < 100; index++) expect(bucket.take().ok).toBe(false);
  });
});
