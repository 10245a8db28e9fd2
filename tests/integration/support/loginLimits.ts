import { LOGIN_LIMITS } from '../../../server/loginThrottle';

/** How many back-off windows (1 s, 2 s, 4 s … after the free failures) can end one after another within `ms`. */
export function backoffsExpiredWithin(ms: number): number {
  let expired = 0;
  let window = LOGIN_LIMITS.firstBackoffMs;
  for (let endsAt = window; endsAt <= ms; endsAt += window) {
    expired++;
    window *= 2;
  }
  return expired;
}
