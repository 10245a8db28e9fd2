import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantAt,
  minuteOfZoneDay,
  startOfZoneDay,
  wallClock,
  weekdayOf,
  zoneDay,
  zoneDayBounds,
  zoneName,
  zoneOffset,
} from '../../../domain/zone';

const HOUR = 3_600_000;
const CHICAGO = 'America/Chicago';
const KOLKATA = 'Asia/Kolkata';
const AUCKLAND = 'Pacific/Auckland';

describe('wall clocks in a named zone, whatever the machine says', () => {
  it('reads the office clock at an instant', () => {
    const at = Date.UTC(2026, 6, 15, 15, 0); // 15:00 UTC in July
    expect(wallClock(at, CHICAGO)).toMatchObject({ year: 2026, month: 7, day: 15, hour: 10, minute: 0, weekday: 3 });
    expect(wallClock(at, KOLKATA)).toMatchObject({ hour: 20, minute: 30 });
    expect(wallClock(at, AUCKLAND)).toMatchObject({ day: 16, hour: 3 });
    expect(zoneOffset(at, CHICAGO)).toBe(-5 * HOUR);
    expect(zoneOffset(at, KOLKATA)).toBe(5.5 * HOUR);
  });

  it('finds the instant of a wall time and round-trips it', () => {
    const at = instantAt({ year: 2026, month: 1, day: 20 }, CHICAGO, 9, 30);
    expect(at).toBe(Date.UTC(2026, 0, 20, 15, 30));
    expect(minuteOfZoneDay(at, CHICAGO)).toBe(9 * 60 + 30);
    expect(zoneDay(at, KOLKATA)).toBe('2026-01-20');
    expect(zoneDay(at, AUCKLAND)).toBe('2026-01-21');
  });

  it('carries a time skipped by spring-forward past the gap, and takes the first of a repeated hour', () => {
    expect(instantAt({ year: 2026, month: 3, day: 8 }, CHICAGO, 2, 30)).toBe(Date.UTC(2026, 2, 8, 8, 30)); // 3:30 CDT
    expect(wallClock(instantAt({ year: 2026, month: 3, day: 8 }, CHICAGO, 2, 30), CHICAGO).hour).toBe(3);
    expect(instantAt({ year: 2026, month: 11, day: 1 }, CHICAGO, 1, 30)).toBe(Date.UTC(2026, 10, 1, 6, 30)); // CDT
  });

  it('gives a daylight-saving day 23 or 25 hours and an ordinary day 24', () => {
    const length = (day: string, zone: string) => {
      const { start, end } = zoneDayBounds(day, zone);
      return (end - start) / HOUR;
    };
    expect(length('2026-03-08', CHICAGO)).toBe(23);
    expect(length('2026-11-01', CHICAGO)).toBe(25);
    expect(length('2026-07-15', CHICAGO)).toBe(24);
    expect(length('2026-09-27', AUCKLAND)).toBe(23);
    expect(length('2026-04-05', AUCKLAND)).toBe(25);
    expect(length('2026-03-08', KOLKATA)).toBe(24);
    expect(startOfZoneDay('2026-03-08', CHICAGO)).toBe(Date.UTC(2026, 2, 8, 6));
  });

  it('names days by the calendar alone', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(weekdayOf('2026-12-05')).toBe(6);
  });

  it('names a zone as people say it', () => {
    expect(zoneName(CHICAGO)).toBe('Central Time');
    expect(zoneName(KOLKATA)).toBe('India Standard Time');
  });
});
