import { expect, test } from 'vitest';
import { PullPageSize } from '../../../../renderer/sync/pullPageSize';

/** A page that never came caps the next ones at half its size; a catch-up that reaches the head lifts the cap. */
test('pages shrink by half after each page that never came, down to 1,000, and grow back once caught up', () => {
  const size = new PullPageSize();
  expect(size.limit(50_000)).toBe(50_000);
  size.failed();
  expect(size.limit(50_000)).toBe(25_000);
  size.failed();
  expect(size.limit(50_000)).toBe(12_500);
  // A smaller page than the cap is asked for as it is (no longer far behind: a normal page).
  expect(size.limit(5_000)).toBe(5_000);
  for (let failures = 0; failures < 10; failures++) {
    size.limit(50_000);
    size.failed();
  }
  expect(size.limit(50_000)).toBe(1_000);
  size.reachedHead();
  expect(size.limit(50_000)).toBe(50_000);
});
