import { describe, expect, test } from 'vitest';
import { clockRange, clockTime, hourLabel } from '../../../../renderer/board/clock';
import { blockLabel, dayAndTime, windowLabel } from '../../../../renderer/board/format';
import type { BlockModel } from '../../../../renderer/board/lanes';
import { formatRange, formatTime } from '../../../../renderer/drawer/format';
import { formatWhen } from '../../../../renderer/jobs/format';

/** Local wall-clock times on a Thursday, so the tests read the same in any time zone. */
const at = (hours: number, minutes = 0, day = 3) => new Date(2031, 3, day, hours, minutes).getTime();

describe('the console clock: 12-hour, as a US dispatcher reads it', () => {
  test('times of day', () => {
    expect(clockTime(at(9))).toBe('9:00 AM');
    expect(clockTime(at(12, 5))).toBe('12:05 PM');
    expect(clockTime(at(0, 30))).toBe('12:30 AM');
    expect(clockTime(at(23, 45))).toBe('11:45 PM');
  });

  test('a range names AM/PM once when both ends share it, twice across noon or midnight', () => {
    expect(clockRange(at(9), at(11))).toBe('9:00–11:00 AM');
    expect(clockRange(at(13, 30), at(15))).toBe('1:30–3:00 PM');
    expect(clockRange(at(11, 30), at(13))).toBe('11:30 AM–1:00 PM');
    expect(clockRange(at(22), at(0, 0, 4))).toBe('10:00 PM–12:00 AM');
    // Same half of the day but a day apart is not a compact range.
    expect(clockRange(at(9), at(9, 0, 4))).toBe('9:00 AM–9:00 AM');
  });

  test('hour marks on the axis', () => {
    expect([0, 7, 12, 13, 24].map(hourLabel)).toEqual(['12 AM', '7 AM', '12 PM', '1 PM', '12 AM']);
  });

  test('the board block and the drawer say the same time', () => {
    const block: BlockModel = {
      id: 'apt-1',
      jobId: 'job-1',
      title: 'No heat',
      serviceType: 'hvac',
      customerName: 'Maria Lopez',
      start: at(9),
      end: at(11),
      durationMinutes: 120,
      technicianId: 'u-tech1',
      status: 'scheduled',
      jobStatus: 'scheduled',
      pending: false,
      row: 0,
      overlaps: false,
    };
    expect(blockLabel(block, false)).toBe('Appointment: No heat, Maria Lopez, 9:00–11:00 AM, Scheduled');
    expect(formatRange(at(9), at(11), at(8))).toBe('Today · 9:00–11:00 AM');
    expect(formatTime(at(14, 15))).toBe(clockTime(at(14, 15)));
    expect(formatWhen(at(14, 15), at(8))).toBe('Today 2:15 PM');
  });

  test('with the day, where the day is not obvious', () => {
    expect(dayAndTime(at(9), at(11))).toBe('Thu, Apr 3, 9:00–11:00 AM');
    expect(windowLabel({ start: at(8), end: at(12) })).toBe('Thu, Apr 3, 8:00 AM–12:00 PM');
    expect(windowLabel({ start: at(16), end: at(10, 0, 4) })).toBe('Thu, Apr 3, 4:00 PM – Fri, Apr 4, 10:00 AM');
  });
});
