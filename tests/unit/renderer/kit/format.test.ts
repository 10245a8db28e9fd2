import { beforeAll, describe, expect, test } from 'vitest';
import { instantAt, zoneOffset } from '../../../../domain';
import { blockLabel, blockSubline } from '../../../../renderer/board/format';
import type { BlockModel } from '../../../../renderer/board/lanes';
import {
  axisDay,
  clockRange,
  clockTime,
  dayAndTime,
  formatAgo,
  formatDate,
  formatDay,
  formatDuration,
  formatFull,
  formatMoment,
  formatRange,
  hourLabel,
  isoDay,
  longDate,
  nextWholeHour,
  pickerInstant,
  pickerValue,
  shiftIsoDate,
  siteRange,
  siteTime,
  clockTimeWithSite,
  windowLabel,
} from '../../../../renderer/kit/format';
import { officeZone, setOfficeZone } from '../../../../renderer/kit/officeClock';

// The office keeps New York's clock (a zone with daylight saving, so the day arithmetic meets a 23-hour and
// a 25-hour day); the machine running the tests is set to Kolkata, so any slip into machine-local time shows.
const OFFICE = 'America/New_York';
process.env.TZ = 'Asia/Kolkata';
setOfficeZone(OFFICE);

/** Wall-clock times in the office (month 0-based, as before); April 3, 2031 is a Thursday. */
const at = (hours: number, minutes = 0, day = 3, month = 3, year = 2031) =>
  instantAt({ year, month: month + 1, day }, OFFICE, hours, minutes);
/** 2031's daylight-saving days in New York: clocks go forward on Sunday March 9, back on Sunday November 2. */
const march = (day: number, hours: number, minutes = 0) => at(hours, minutes, day, 2);
const november = (day: number, hours: number, minutes = 0) => at(hours, minutes, day, 10);

beforeAll(() => {
  // Without these the DST tests below would pass for the wrong reason.
  expect(officeZone()).toBe(OFFICE);
  expect(new Date(march(8, 12)).getTimezoneOffset()).toBe(-330);
  expect(zoneOffset(march(8, 12), OFFICE)).toBe(-5 * 3_600_000);
  expect(zoneOffset(march(10, 12), OFFICE)).toBe(-4 * 3_600_000);
  expect(november(3, 0) - november(2, 0)).toBe(25 * 3_600_000);
});

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

  test('the wall clock across the spring-forward hour', () => {
    // 1:30 AM plus one real hour is 3:30 AM: 2:00–3:00 does not exist that night.
    expect(clockTime(march(9, 1, 30) + 3_600_000)).toBe('3:30 AM');
    expect(clockRange(march(9, 1), march(9, 4))).toBe('1:00–4:00 AM');
  });

  test('the board block and the drawer say the same time', () => {
    const block: BlockModel = {
      id: 'apt-1',
      jobId: 'job-1',
      title: 'No heat',
      serviceType: 'hvac',
      customerName: 'Maria Lopez',
      siteZone: OFFICE,
      start: at(9),
      end: at(11),
      durationMinutes: 120,
      technicianId: 'u-tech1',
      status: 'scheduled',
      jobStatus: 'scheduled',
      pending: false,
      noteCount: 0,
      row: 0,
      overlaps: false,
    };
    // What the block shows comes first, as it shows it (the name contains the visible text), then the rest.
    expect(blockSubline(block, true)).toBe('9:00–11:00 AM · hvac');
    expect(blockLabel(block, false)).toBe('Maria Lopez, 9:00–11:00 AM · hvac, No heat, Scheduled');
    expect(blockLabel({ ...block, noteCount: 1 }, false)).toMatch(/, Scheduled, 1 note$/);
    expect(blockLabel({ ...block, noteCount: 2, pending: true }, false)).toMatch(/, 2 notes, not yet synced$/);
    expect(blockLabel({ ...block, status: 'enroute' }, false, ['Past ETA'])).toBe(
      'Maria Lopez, 9:00–11:00 AM · hvac, No heat, Scheduled (appointment On My Way), Past ETA',
    );
    // Without a customer or a service type the title is what the block shows, and is said once.
    expect(blockLabel({ ...block, customerName: '' }, false)).toBe('No heat, 9:00–11:00 AM · hvac, Scheduled');
    expect(blockLabel({ ...block, serviceType: '' }, false)).toBe('Maria Lopez, 9:00–11:00 AM · No heat, Scheduled');
    // A multi-day board names the day.
    expect(blockLabel(block, true)).toMatch(/^Maria Lopez, 9:00–11:00 AM · hvac, on \w+day, \w+ \d+, No heat/);
    // A site an hour behind the office: the block says both clocks, the site's last (a narrow block drops it).
    const away = { ...block, siteZone: 'America/Chicago' };
    expect(blockSubline(away, false)).toBe('9:00–11:00 AM · hvac');
    expect(blockSubline(away, true)).toBe('9:00–11:00 AM · hvac · 8:00–10:00 AM at site');
    expect(blockLabel(away, false)).toBe(
      'Maria Lopez, 9:00–11:00 AM · hvac · 8:00–10:00 AM at site, No heat, Scheduled',
    );
    expect(formatRange(at(9), at(11), at(8))).toBe('Today · 9:00–11:00 AM');
    expect(formatMoment(at(14, 15), at(8))).toBe('Today 2:15 PM');
  });
});

describe('relative days', () => {
  test('today, tomorrow, yesterday, else the date (with the year only when it is not this one)', () => {
    expect(formatDay(at(23), at(0, 5))).toBe('Today');
    expect(formatDay(at(0, 5, 4), at(23, 55))).toBe('Tomorrow');
    expect(formatDay(at(23, 55, 2), at(0, 5))).toBe('Yesterday');
    expect(formatDay(at(9, 0, 5), at(9))).toBe('Sat, Apr 5');
    expect(formatDay(at(9, 0, 5, 3, 2032), at(9))).toBe('Mon, Apr 5, 2032');
  });

  test('"Tomorrow" is the next date, not 24 hours on, across the spring-forward night (a 23-hour day)', () => {
    // Saturday 11:30 PM + 24 h is Monday 12:30 AM; Sunday is still tomorrow.
    expect(formatDay(march(9, 10), march(8, 23, 30))).toBe('Tomorrow');
    expect(formatDay(march(10, 10), march(8, 23, 30))).toBe('Mon, Mar 10');
    // Monday 12:30 AM − 24 h is Saturday 11:30 PM; Sunday is still yesterday.
    expect(formatDay(march(9, 10), march(10, 0, 30))).toBe('Yesterday');
    expect(formatDay(march(8, 10), march(10, 0, 30))).toBe('Sat, Mar 8');
  });

  test('"Tomorrow" across the fall-back day (a 25-hour day)', () => {
    // Sunday 12:30 AM + 24 h is still Sunday, 11:30 PM; Monday is tomorrow all the same.
    expect(formatDay(november(3, 10), november(2, 0, 30))).toBe('Tomorrow');
    expect(formatDay(november(2, 23, 59), november(2, 0, 30))).toBe('Today');
    expect(formatMoment(november(3, 9), november(2, 0, 30))).toBe('Tomorrow 9:00 AM');
  });

  test("a moment and a range, with the day in a dispatcher's words", () => {
    expect(formatMoment(at(9, 0, 8), at(9))).toBe('Tue, Apr 8, 9:00 AM');
    expect(formatRange(at(9, 0, 4), at(11, 0, 4), at(9))).toBe('Tomorrow · 9:00–11:00 AM');
    expect(formatRange(at(22), at(2, 0, 4), at(9))).toBe('Today 10:00 PM – Tomorrow 2:00 AM');
  });

  test('how long ago, for the last sync', () => {
    expect(formatAgo(null)).toBe('never');
    expect(formatAgo(at(9), at(9, 0) + 20_000)).toBe('just now');
    expect(formatAgo(at(9), at(9, 12))).toBe('12 min ago');
    expect(formatAgo(at(9), at(11))).toBe('9:00 AM');
  });
});

describe('days written out', () => {
  test('with the day, where the day is not obvious', () => {
    expect(dayAndTime(at(9), at(11))).toBe('Thu, Apr 3, 9:00–11:00 AM');
    expect(windowLabel({ start: at(8), end: at(12) })).toBe('Thu, Apr 3, 8:00 AM–12:00 PM');
    expect(windowLabel({ start: at(16), end: at(10, 0, 4) })).toBe('Thu, Apr 3, 4:00 PM – Fri, Apr 4, 10:00 AM');
  });

  test('dates, long dates and the axis', () => {
    expect(formatDate(at(9), at(9, 0, 20))).toBe('Apr 3');
    expect(formatDate(at(9, 0, 3, 3, 2030), at(9))).toBe('Apr 3, 2030');
    expect(longDate('2031-03-09')).toBe('Sunday, March 9, 2031');
    expect(formatFull(march(9, 15, 30))).toBe('Sunday, March 9, 2031, 3:30 PM');
    expect(axisDay(at(0), true)).toBe('Thu 3');
    expect(axisDay(at(0), false)).toBe('Thursday, April 3');
  });

  test("the board's day, and moving it by whole days across both DST changes and a year end", () => {
    expect(isoDay(march(9, 0, 30))).toBe('2031-03-09');
    expect(isoDay(november(2, 23, 30))).toBe('2031-11-02');
    // 11:30 PM in the office is already the next morning on the machine (Kolkata): the office's day wins.
    expect(new Date(november(2, 23, 30)).getDate()).toBe(3);
    expect(isoDay('2031-03-09')).toBe('2031-03-09');
    expect(shiftIsoDate('2031-03-08', 1)).toBe('2031-03-09');
    expect(shiftIsoDate('2031-03-09', 1)).toBe('2031-03-10');
    expect(shiftIsoDate('2031-11-01', 2)).toBe('2031-11-03');
    expect(shiftIsoDate('2031-11-03', -1)).toBe('2031-11-02');
    expect(shiftIsoDate('2031-12-29', 7)).toBe('2032-01-05');
    expect(shiftIsoDate('2031-03-01', -1)).toBe('2031-02-28');
  });
});

describe('date-and-time pickers', () => {
  test("a moment and a picker's local text go both ways, across the spring-forward night too", () => {
    expect(pickerValue(at(9, 30))).toBe('2031-04-03 09:30:00');
    expect(pickerInstant('2031-04-03 09:30:00')).toBe(at(9, 30));
    expect(pickerInstant(pickerValue(march(9, 3, 15)))).toBe(march(9, 3, 15));
  });

  test('the next whole hour on the wall clock', () => {
    expect(nextWholeHour(at(8, 20))).toBe(at(9));
    expect(nextWholeHour(at(8))).toBe(at(9));
    // 1:30 AM on the spring-forward night: the next hour on the clock is 3:00 AM.
    expect(clockTime(nextWholeHour(march(9, 1, 30)))).toBe('3:00 AM');
  });
});

describe("the site's own clock, next to the office's", () => {
  test('a site in another zone shows its local time too; a site on the office clock adds nothing', () => {
    // 10:00 AM in New York is 9:00 AM in Chicago and 7:00 AM in Los Angeles.
    expect(siteTime(at(10), 'America/Chicago')).toBe('9:00 AM at site');
    expect(clockTimeWithSite(at(10), 'America/Los_Angeles')).toBe('10:00 AM · 7:00 AM at site');
    expect(siteRange(at(10), at(12), 'America/Chicago')).toBe('9:00–11:00 AM at site');
    expect(siteTime(at(10), OFFICE)).toBeUndefined();
    // Another name for the same clock, no zone, or a zone this runtime does not know: nothing to add.
    expect(siteTime(at(10), 'America/Detroit')).toBeUndefined();
    expect(clockTimeWithSite(at(10), undefined)).toBe('10:00 AM');
    expect(siteTime(at(10), 'Mars/Olympus_Mons')).toBeUndefined();
  });
});

describe('the office clock is the one every formatter reads', () => {
  test('changing the office zone moves every time shown', () => {
    const nine = at(9);
    try {
      setOfficeZone('Pacific/Auckland');
      // 9:00 AM in New York on April 3 is 2:00 AM on April 4 in Auckland (NZST, +12).
      expect(clockTime(nine)).toBe('2:00 AM');
      expect(isoDay(nine)).toBe('2031-04-04');
    } finally {
      setOfficeZone(OFFICE);
    }
    expect(clockTime(nine)).toBe('9:00 AM');
  });
});

describe('durations', () => {
  test('minutes and hours', () => {
    expect([45, 60, 90, 120, 24 * 60].map(formatDuration)).toEqual(['45 min', '1 h', '1 h 30 min', '2 h', '24 h']);
  });
});
