// The office keeps Chicago's clock (the second Sunday of March 2031, the 9th, springs forward; the first
// Sunday of November, the 2nd, falls back), which a day-by-day time axis must survive. The machine running
// the tests is set to Auckland, half a day and a season away: the board must never read the machine's zone.
process.env.TZ = 'Pacific/Auckland';

import { describe, expect, test } from 'vitest';
import { instantAt } from '../../../../domain';
import {
  blockBox,
  buildScale as buildScaleIn,
  EDGE_MARK_PX,
  hourMarks,
  HOUR_MS,
  MINUTE_MS,
  snapMinutes,
  snapStart,
  timeToX,
  xToTime,
  type WorkingHours,
} from '../../../../renderer/board/geometry';
import { clockHour } from '../../../../renderer/kit/format';
import { setOfficeZone } from '../../../../renderer/kit/officeClock';

const OFFICE = 'America/Chicago';
setOfficeZone(OFFICE);
const buildScale = (date: string, range: number, hours: WorkingHours, pxPerHour: number) =>
  buildScaleIn(date, range, hours, pxPerHour, OFFICE);

const HOURS = { startHour: 7, endHour: 19 };
/** 100 px per hour: a 7 AM–7 PM day is 1,200 px wide. */
const PX_PER_HOUR = 100;
/** Wall-clock time in the office, April 2031 unless told (month 1–12). */
const at = (day: number, hours: number, minutes = 0, month = 4) =>
  instantAt({ year: 2031, month, day }, OFFICE, hours, minutes);

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
    const nineSunday = at(9, 9, 0, 3);
    expect(timeToX(spring, nineSunday)).toBe(1200 + 200);
    expect(xToTime(spring, 1400)).toBe(nineSunday);
    expect(spring.days[2].date).toBe('2031-03-10');
  });
});

describe('daylight-saving days in the office, whatever the machine says', () => {
  const WHOLE_DAY = { startHour: 0, endHour: 24 };

  test('the spring-forward day is 23 hours long; its axis skips 2 AM', () => {
    const scale = buildScale('2031-03-09', 1, WHOLE_DAY, PX_PER_HOUR);
    const [sunday] = scale.days;
    expect(sunday.end - sunday.start).toBe(23 * HOUR_MS);
    expect(scale.width).toBe(2300);
    const labels = hourMarks(sunday, 1).map(clockHour);
    expect(labels).toHaveLength(23);
    expect(labels.slice(0, 4)).toEqual(['12 AM', '1 AM', '3 AM', '4 AM']);
    // 3 AM is two hours of the axis from midnight, not three.
    expect(timeToX(scale, at(9, 3, 0, 3))).toBe(200);
  });

  test('the fall-back day is 25 hours long; its axis shows 1 AM twice', () => {
    const scale = buildScale('2031-11-02', 1, WHOLE_DAY, PX_PER_HOUR);
    const [sunday] = scale.days;
    expect(sunday.end - sunday.start).toBe(25 * HOUR_MS);
    expect(scale.width).toBe(2500);
    const labels = hourMarks(sunday, 1).map(clockHour);
    expect(labels).toHaveLength(25);
    expect(labels.slice(0, 4)).toEqual(['12 AM', '1 AM', '1 AM', '2 AM']);
    expect(labels.at(-1)).toBe('11 PM');
    // With every 3rd hour labelled: 12, 2 (the second 1 AM plus three hours), 5, …
    expect(hourMarks(sunday, 3).map(clockHour).slice(0, 3)).toEqual(['12 AM', '2 AM', '5 AM']);
  });

  test('a 2-hour visit across the change is still 2 hours: as wide as two hours, and its end two hours on', () => {
    const scale = buildScale('2031-11-02', 1, WHOLE_DAY, PX_PER_HOUR);
    // 12:30 AM CDT to 1:30 AM CST: the wall clock moves one hour, the visit lasts two.
    const start = at(2, 0, 30, 11);
    const end = start + 120 * MINUTE_MS;
    expect(blockBox(scale, start, end)).toEqual({ left: 50, width: 200, outside: false });
    expect(clockHour(end)).toBe('1 AM');
    // A drop snaps on the quarter hours of the office's day, and the second 1:15 AM is its own place.
    const secondOneFifteen = at(2, 1, 15, 11) + HOUR_MS;
    expect(snapStart(scale, secondOneFifteen + 5 * MINUTE_MS)).toBe(secondOneFifteen);
    expect(xToTime(scale, timeToX(scale, secondOneFifteen))).toBe(secondOneFifteen);
  });

  test('three days across the spring change: each day as wide as its working hours really are', () => {
    const scale = buildScale('2031-03-08', 3, WHOLE_DAY, PX_PER_HOUR);
    expect(scale.days.map((day) => [day.date, day.x, day.width])).toEqual([
      ['2031-03-08', 0, 2400],
      ['2031-03-09', 2400, 2300],
      ['2031-03-10', 4700, 2400],
    ]);
    expect(xToTime(scale, 4700 + 900)).toBe(at(10, 9, 0, 3));
    expect(snapStart(scale, at(10, 9, 7, 3))).toBe(at(10, 9, 0, 3));
    // A visit from 11 PM Saturday to 3 AM Sunday (clock time) lasts 3 hours and is drawn 300 px wide.
    expect(blockBox(scale, at(8, 23, 0, 3), at(9, 3, 0, 3))).toEqual({ left: 2300, width: 300, outside: false });
  });

  test('the board is cut in the office zone: an office in Kolkata starts its day at its own midnight', () => {
    const scale = buildScaleIn('2031-04-03', 1, HOURS, PX_PER_HOUR, 'Asia/Kolkata');
    expect(scale.days[0].start).toBe(Date.UTC(2031, 3, 3, 1, 30));
    expect(scale.days[0].midnight).toBe(Date.UTC(2031, 3, 2, 18, 30));
  });
});
