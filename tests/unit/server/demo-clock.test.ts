import { describe, expect, it } from 'vitest';
import { demoClock } from '../../../server/demoClock';

describe('DISPATCH_DEMO_NOW', () => {
  it('is no clock of its own when unset or empty', () => {
    expect(demoClock(undefined)).toBeUndefined();
    expect(demoClock('')).toBeUndefined();
  });

  it('starts the clock at the instant given and runs on from there', () => {
    let real = 1_000_000;
    const clock = demoClock('2026-12-03T21:00:00-06:00', () => real)!;
    expect(new Date(clock()).toISOString()).toBe('2026-12-04T03:00:00.000Z');
    real += 90_000;
    expect(new Date(clock()).toISOString()).toBe('2026-12-04T03:01:30.000Z');
  });

  it('refuses what is not an instant with its offset, saying what it wants', () => {
    for (const text of ['tomorrow', '2026-12-03', '2026-12-03T21:00', '2026-13-03T21:00:00Z'])
      expect(() => demoClock(text), text).toThrow(/DISPATCH_DEMO_NOW must be an ISO 8601 instant with its offset/);
  });
});
