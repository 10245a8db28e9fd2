// Chicago: the console's users work in US time zones, and the second Sunday of March 2031 (the 9th)
// springs forward, which a day-by-day time axis must survive. Set before any date is made.
process.env.TZ = 'America/Chicago';

import { describe, expect, test } from 'vitest';
import {
  blockBox,
  buildScale,
  EDGE_MARK_PX,
  snapMinutes,
  snapStart,
  timeToX,
  xToTime,
} from '../../../../renderer/board/geometry';

const HOURS = { startHour: 7, endHour: 19 };
/** 100 px per hour: a 7 AM–7 PM day is 1,200 px wide. */
const PX_PER_HOUR = 100;
/** Local wall-clock time in Chicago. */
const at = (day: number, hours: number, minutes = 0) => new Date(2031, 3, day, hours, minutes).getTime();

describe('one day, 7 AM to 7 PM', () => {
  const scale = buildScale('2031-04-03', 1, HOURS, PX_PER_HOUR);

  test('the day is its working hours wide, and a time maps to x and back', () => {
    expect(scale.width).toBe(1200);
    expect(timeToX(scale, at(3, 7))).toBe(0);
    expect(timeToX(scale, at(3, 9, 30))).toBe(250);
    expect(timeToX(scale, at(3, 19))).toBe(1200);
    expect(xToTime(scale, 250)).toBe(at(3, 9, 30));
  });

  test('times outside working hours sit at the edge of the day; outside the range at the edge of the board', () => {
    expect(timeToX(scale, at(3, 5))).toBe(0);
    expect(timeToX(scale, at(3, 22))).toBe(1200);
    expect(timeToX(scale, at(2, 12))).toBe(0);
    expect(timeToX(scale, at(4, 12))).toBe(1200);
    // A pointer left of the day or past its end means the first or last moment of working hours.
    expect(xToTime(scale, -40)).toBe(at(3, 7));
    expect(xToTime(scale, 5000)).toBe(at(3, 19));
  });

  test('a drop snaps to the nearest quarter hour, inside working hours', () => {
    expect(snapStart(scale, at(3, 9, 7))).toBe(at(3, 9));
    expect(snapStart(scale, at(3, 9, 8))).toBe(at(3, 9, 15));
    expect(snapStart(scale, at(3, 6, 10))).toBe(at(3, 7));
    // The last start that still leaves a quarter hour before the day ends.
    expect(snapStart(scale, at(3, 18, 55))).toBe(at(3, 18, 45));
    // What a drag computes from the pointer: x 412 px is 11:07, so the block lands at 11:00.
    expect(snapStart(scale, xToTime(scale, 412))).toBe(at(3, 11));
  });

  test('a resize snaps to quarter hours and never below one', () => {
    expect(snapMinutes(52)).toBe(45);
    expect(snapMinutes(53)).toBe(60);
    expect(snapMinutes(5)).toBe(15);
    expect(snapMinutes(-30)).toBe(15);
  });

  test('a block is as wide as its working-hours part; one entirely after hours is a mark at the day’s end', () => {
    expect(blockBox(scale, at(3, 9), at(3, 11))).toEqual({ left: 200, width: 200, outside: false });
    // 6–8 AM: only 7–8 is on the axis.
    expect(blockBox(scale, at(3, 6), at(3, 8))).toEqual({ left: 0, width: 100, outside: false });
    expect(blockBox(scale, at(3, 20), at(3, 21))).toEqual({
      left: 1200 - EDGE_MARK_PX,
      width: EDGE_MARK_PX,
      outside: true,
    });
    expect(blockBox(scale, at(3, 5), at(3, 6))).toEqual({ left: 0, width: EDGE_MARK_PX, outside: true });
  });
});

describe('several days side by side', () => {
  const scale = buildScale('2031-04-03', 3, HOURS, PX_PER_HOUR);

  test('each day starts where the previous one ends; the night between takes no room', () => {
    expect(scale.width).toBe(3600);
    expect(scale.days.map((day) => [day.date, day.x])).toEqual([
      ['2031-04-03', 0],
      ['2031-04-04', 1200],
      ['2031-04-05', 2400],
    ]);
    expect(timeToX(scale, at(4, 9))).toBe(1400);
    expect(timeToX(scale, at(3, 21))).toBe(1200);
    expect(timeToX(scale, at(4, 6))).toBe(1200);
    expect(xToTime(scale, 1400)).toBe(at(4, 9));
    expect(xToTime(scale, 2400 + 1150)).toBe(at(5, 18, 30));
  });

  test('a drop snaps within the day it lands on', () => {
    expect(snapStart(scale, at(5, 14, 53))).toBe(at(5, 15));
    expect(snapStart(scale, at(5, 14, 52))).toBe(at(5, 14, 45));
    expect(snapStart(scale, at(4, 20))).toBe(at(4, 18, 45));
  });

  test('an overnight block (10 PM to 8 AM) shows only its morning hour on the second day', () => {
    expect(blockBox(scale, at(3, 22), at(4, 8))).toEqual({ left: 1200, width: 100, outside: false });
  });

  test('the day clocks spring forward keeps its full working day', () => {
    const spring = buildScale('2031-03-08', 3, HOURS, PX_PER_HOUR);
    const sunday = spring.days[1];
    expect(sunday.date).toBe('2031-03-09');
    expect(sunday.end - sunday.start).toBe(12 * 3_600_000);
    const nineSunday = new Date(2031, 2, 9, 9).getTime();
    expect(timeToX(spring, nineSunday)).toBe(1200 + 200);
    expect(xToTime(spring, 1400)).toBe(nineSunday);
    expect(spring.days[2].date).toBe('2031-03-10');
  });
});
