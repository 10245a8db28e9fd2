import { describe, expect, test } from 'vitest';
import { wallClock, zoneDayBounds } from '../../../../domain';
import { officeZone, setOfficeZone, subscribeOfficeZone, wallAt } from '../../../../renderer/kit/officeClock';

describe('the office clock', () => {
  test('its cached wall clock reads what Intl reads, every few minutes through both DST changes', () => {
    const cases: [string, string][] = [
      ['America/Chicago', '2031-03-09'],
      ['America/Chicago', '2031-11-02'],
      ['Pacific/Auckland', '2031-04-06'],
      ['Asia/Kolkata', '2031-04-06'],
      // Lord Howe moves its clocks by half an hour.
      ['Australia/Lord_Howe', '2031-04-06'],
    ];
    for (const [zone, day] of cases) {
      const { start, end } = zoneDayBounds(day, zone);
      for (let at = start - 3_600_000; at < end + 3_600_000; at += 7 * 60_000 + 13_000) {
        expect(wallAt(at, zone), `${zone} at ${new Date(at).toISOString()}`).toEqual(wallClock(at, zone));
      }
    }
  });

  test('a new zone holds at once; subscribers hear of it after the current task, once per change', async () => {
    const before = officeZone();
    let heard = 0;
    const stop = subscribeOfficeZone(() => heard++);
    try {
      setOfficeZone('Asia/Kolkata');
      expect(officeZone()).toBe('Asia/Kolkata');
      expect(heard).toBe(0);
      await Promise.resolve();
      expect(heard).toBe(1);
      setOfficeZone('Asia/Kolkata');
      await Promise.resolve();
      expect(heard).toBe(1);
    } finally {
      stop();
      setOfficeZone(before);
    }
  });
});
