// The schedule dialog's first guess is read on the office clock (Chicago), not the machine's (Kolkata here).
process.env.TZ = 'Asia/Kolkata';

import { describe, expect, test } from 'vitest';
import { instantAt } from '../../../../domain';
import type { QueueJob } from '../../../../renderer/board/QueuePanel';
import { suggestedStart } from '../../../../renderer/board/ScheduleModal';

const OFFICE = 'America/Chicago';
const HOURS = { startHour: 7, endHour: 19 };
/** Wall-clock time in the office, March 2031 (the 9th springs forward). */
const at = (day: number, hours: number, minutes = 0) =>
  instantAt({ year: 2031, month: 3, day }, OFFICE, hours, minutes);
const job = { summary: { job: { timeWindows: [] } } } as unknown as QueueJob;

describe("the schedule dialog's suggested start, on the office clock", () => {
  test('the next quarter hour today within working hours', () => {
    expect(suggestedStart(job, '2031-03-04', HOURS, at(4, 10, 7), OFFICE)).toBe(at(4, 10, 15));
  });

  test("after hours: tomorrow's opening in the office, even when the machine's day has already turned", () => {
    // 8 PM in Chicago is already the next morning in Kolkata; the office's tomorrow is still the 5th.
    expect(suggestedStart(job, '2031-03-04', HOURS, at(4, 20), OFFICE)).toBe(at(5, 7));
  });

  test("another day on the board: that day's opening, also on the spring-forward Sunday", () => {
    expect(suggestedStart(job, '2031-03-09', HOURS, at(4, 10), OFFICE)).toBe(at(9, 7));
    expect(at(9, 7) - at(9, 0)).toBe(6 * 3_600_000);
  });
});
