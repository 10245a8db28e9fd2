/** A technician's working hours and time off, read on the office clock (Chicago) whatever the machine's zone. */
import { describe, expect, it } from 'vitest';
import {
  AvailabilitySchema,
  formatClock,
  hoursLabel,
  instantAt,
  isAvailable,
  parseClock,
  unavailableSpans,
  wholeDaysOff,
  workingSpans,
  type Availability,
  type User,
  type WeeklyHours,
} from '../../../domain';

const CHICAGO = 'America/Chicago';
const KOLKATA = 'Asia/Kolkata';
const HOUR = 3_600_000;

/** Chicago wall time on a 2026 day as an instant; `hour` may be 24 for the next midnight. */
const ct = (month: number, day: number, hour: number, minute = 0) =>
  hour === 24
    ? instantAt({ year: 2026, month, day: day + 1 }, CHICAGO, 0, minute)
    : instantAt({ year: 2026, month, day }, CHICAGO, hour, minute);

const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]): WeeklyHours[] =>
  days.map((weekday) => ({ weekday, start, end }));

const jake = (availability?: Availability): Pick<User, 'firstName' | 'availability'> => ({
  firstName: 'Jake',
  availability,
});

const NINE_TO_FIVE = jake({ weekly: weekdays('08:00', '17:00'), timeOff: [] });
// 2026-07-15 is a Wednesday, 2026-07-17 a Friday; 2026-03-08 and 2026-11-01 are the Sundays clocks change.

describe('clock texts', () => {
  it.each([
    ['08:00', 480, '8:00 AM'],
    ['00:00', 0, '12:00 AM'],
    ['12:30', 750, '12:30 PM'],
    ['17:05', 1025, '5:05 PM'],
    ['24:00', 1440, '12:00 AM'],
  ])('%s is minute %i and reads %s', (text, minutes, label) => {
    expect(parseClock(text)).toBe(minutes);
    expect(formatClock(text)).toBe(label);
  });

  it.each(['24:30', '7:00', '08:60', 'noon', ''])('%s is not a clock time', (text) => {
    expect(parseClock(text)).toBeUndefined();
  });
});

describe('a technician without availability', () => {
  it('is available at any time, shades nothing and shows no hours (data from before availability)', () => {
    expect(unavailableSpans(jake(), '2026-07-15', CHICAGO)).toEqual([]);
    expect(isAvailable(jake(), ct(7, 15, 2), ct(7, 15, 23), CHICAGO)).toEqual({ available: true });
    expect(hoursLabel(jake(), '2026-07-15', CHICAGO)).toBeUndefined();
  });

  it('with time off only, is available outside it and off on a day it covers', () => {
    const tech = jake({ weekly: [], timeOff: [wholeDaysOff('2026-07-15', '2026-07-15', CHICAGO, 'Vacation')] });
    expect(hoursLabel(tech, '2026-07-14', CHICAGO)).toBeUndefined();
    expect(hoursLabel(tech, '2026-07-15', CHICAGO)).toBe('off today');
    expect(isAvailable(tech, ct(7, 14, 22), ct(7, 14, 23), CHICAGO)).toEqual({ available: true });
    expect(isAvailable(tech, ct(7, 14, 23), ct(7, 15, 1), CHICAGO)).toMatchObject({
      available: false,
      kind: 'time_off',
    });
  });
});

describe('weekly hours on the office clock', () => {
  it('shades the day outside the hours, in office time', () => {
    expect(unavailableSpans(NINE_TO_FIVE, '2026-07-15', CHICAGO)).toEqual([
      { kind: 'outside_hours', start: ct(7, 15, 0), end: ct(7, 15, 8) },
      { kind: 'outside_hours', start: ct(7, 15, 17), end: ct(7, 15, 24) },
    ]);
    // 8:00 in Chicago in July is 13:00 UTC, wherever the test runs.
    expect(ct(7, 15, 8)).toBe(Date.UTC(2026, 6, 15, 13));
  });

  it.each([
    ['a visit inside the hours', ct(7, 15, 9), ct(7, 15, 11), true],
    ['a visit ending as the day ends', ct(7, 15, 15), ct(7, 15, 17), true],
    ['a visit starting as the day starts', ct(7, 15, 8), ct(7, 15, 10), true],
    ['a visit starting before the hours', ct(7, 15, 7), ct(7, 15, 9), false],
    ['a visit running past the hours', ct(7, 15, 16), ct(7, 15, 18), false],
    ['a visit starting at closing time', ct(7, 15, 17), ct(7, 15, 18), false],
    ['a visit on a Sunday', ct(7, 19, 10), ct(7, 19, 11), false],
  ])('%s: available %s', (_name, start, end, available) => {
    expect(isAvailable(NINE_TO_FIVE, start, end, CHICAGO).available).toBe(available);
  });

  it('says why in words', () => {
    expect(isAvailable(NINE_TO_FIVE, ct(7, 15, 7), ct(7, 15, 9), CHICAGO)).toEqual({
      available: false,
      kind: 'outside_hours',
      message: "That is outside Jake's hours (8:00 AM–5:00 PM).",
    });
    expect(isAvailable(NINE_TO_FIVE, ct(7, 19, 10), ct(7, 19, 11), CHICAGO)).toMatchObject({
      message: 'Jake does not work on Sundays.',
    });
  });

  it('labels the lane with the hours, "off today" on a day without them', () => {
    expect(hoursLabel(NINE_TO_FIVE, '2026-07-15', CHICAGO)).toBe('8:00 AM–5:00 PM');
    expect(hoursLabel(NINE_TO_FIVE, '2026-07-19', CHICAGO)).toBe('off today');
    expect(unavailableSpans(NINE_TO_FIVE, '2026-07-19', CHICAGO)).toEqual([
      { kind: 'outside_hours', start: ct(7, 19, 0), end: ct(7, 19, 24) },
    ]);
  });

  it('joins a split shift and refuses the lunch break', () => {
    const tech = jake({ weekly: [...weekdays('13:00', '17:00'), ...weekdays('08:00', '12:00')], timeOff: [] });
    expect(hoursLabel(tech, '2026-07-15', CHICAGO)).toBe('8:00 AM–12:00 PM, 1:00 PM–5:00 PM');
    expect(isAvailable(tech, ct(7, 15, 11), ct(7, 15, 14), CHICAGO).available).toBe(false);
    expect(unavailableSpans(tech, '2026-07-15', CHICAGO).map((span) => [span.start, span.end])).toEqual([
      [ct(7, 15, 0), ct(7, 15, 8)],
      [ct(7, 15, 12), ct(7, 15, 13)],
      [ct(7, 15, 17), ct(7, 15, 24)],
    ]);
  });

  it('joins touching spans into one working stretch', () => {
    const tech = jake({ weekly: [...weekdays('08:00', '12:00'), ...weekdays('12:00', '17:00')], timeOff: [] });
    expect(isAvailable(tech, ct(7, 15, 11), ct(7, 15, 14), CHICAGO)).toEqual({ available: true });
  });

  it('reads hours in the office zone it is given (Kolkata, +5:30)', () => {
    const day = instantAt({ year: 2026, month: 7, day: 15 }, KOLKATA, 9);
    expect(day).toBe(Date.UTC(2026, 6, 15, 3, 30));
    expect(workingSpans(NINE_TO_FIVE, day - 2 * HOUR, day + 2 * HOUR, KOLKATA)).toEqual([
      { start: day - HOUR, end: day + 2 * HOUR },
    ]);
  });

  it('a whole day 00:00–24:00 shades nothing', () => {
    const tech = jake({ weekly: weekdays('00:00', '24:00', [3]), timeOff: [] });
    expect(unavailableSpans(tech, '2026-07-15', CHICAGO)).toEqual([]);
    expect(hoursLabel(tech, '2026-07-15', CHICAGO)).toBe('12:00 AM–12:00 AM');
  });
});

describe('daylight-saving days', () => {
  it('spring forward: 00:00–24:00 is 23 hours, 01:00–04:00 only two', () => {
    const allDay = jake({ weekly: weekdays('00:00', '24:00', [0]), timeOff: [] });
    const [span] = workingSpans(allDay, ct(3, 7, 0), ct(3, 10, 0), CHICAGO);
    expect(span).toEqual({ start: ct(3, 8, 0), end: ct(3, 9, 0) });
    expect((span!.end - span!.start) / HOUR).toBe(23);

    const early = jake({ weekly: weekdays('01:00', '04:00', [0]), timeOff: [] });
    expect(unavailableSpans(early, '2026-03-08', CHICAGO)).toEqual([
      { kind: 'outside_hours', start: Date.UTC(2026, 2, 8, 6), end: Date.UTC(2026, 2, 8, 7) },
      { kind: 'outside_hours', start: Date.UTC(2026, 2, 8, 9), end: Date.UTC(2026, 2, 9, 5) },
    ]);
    expect(isAvailable(early, Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 2, 8, 9), CHICAGO).available).toBe(true);
  });

  it('spring forward: a span inside the skipped hour is carried past it, as clocks are', () => {
    const gap = jake({ weekly: weekdays('02:15', '02:45', [0]), timeOff: [] });
    expect(workingSpans(gap, ct(3, 8, 0), ct(3, 8, 24), CHICAGO)).toEqual([
      { start: Date.UTC(2026, 2, 8, 8, 15), end: Date.UTC(2026, 2, 8, 8, 45) }, // 3:15–3:45 CDT
    ]);
  });

  it('fall back: 00:00–03:00 is four hours, and 8–5 is still 8:00 to 17:00 CST', () => {
    const early = jake({ weekly: weekdays('00:00', '03:00', [0]), timeOff: [] });
    const [span] = workingSpans(early, ct(11, 1, 0), ct(11, 1, 24), CHICAGO);
    expect(span).toEqual({ start: Date.UTC(2026, 10, 1, 5), end: Date.UTC(2026, 10, 1, 9) });
    const sunday = jake({ weekly: weekdays('08:00', '17:00', [0]), timeOff: [] });
    expect(workingSpans(sunday, ct(11, 1, 0), ct(11, 1, 24), CHICAGO)).toEqual([
      { start: Date.UTC(2026, 10, 1, 14), end: Date.UTC(2026, 10, 1, 23) },
    ]);
    expect(unavailableSpans(sunday, '2026-11-01', CHICAGO).at(-1)?.end).toBe(Date.UTC(2026, 10, 2, 6));
  });
});

describe('night shifts run past midnight', () => {
  const night = jake({ weekly: [{ weekday: 5, start: '22:00', end: '06:00' }], timeOff: [] });

  it('belong to the day they start on and reach into the next', () => {
    expect(unavailableSpans(night, '2026-07-17', CHICAGO).map((span) => [span.start, span.end])).toEqual([
      [ct(7, 17, 0), ct(7, 17, 22)],
    ]);
    expect(unavailableSpans(night, '2026-07-18', CHICAGO).map((span) => [span.start, span.end])).toEqual([
      [ct(7, 18, 6), ct(7, 18, 24)],
    ]);
    expect(hoursLabel(night, '2026-07-17', CHICAGO)).toBe('10:00 PM–6:00 AM');
    expect(hoursLabel(night, '2026-07-18', CHICAGO)).toBe('until 6:00 AM');
    expect(hoursLabel(night, '2026-07-19', CHICAGO)).toBe('off today');
  });

  it.each([
    ['across midnight', ct(7, 17, 23), ct(7, 18, 2), true],
    ['after the shift ends', ct(7, 18, 5), ct(7, 18, 7), false],
    ['before it starts', ct(7, 17, 21), ct(7, 17, 23), false],
  ])('a visit %s: available %s', (_name, start, end, available) => {
    expect(isAvailable(night, start, end, CHICAGO).available).toBe(available);
  });
});

describe('time off', () => {
  const vacation = wholeDaysOff('2026-07-15', '2026-07-16', CHICAGO, 'Vacation');
  const dentist = { start: ct(7, 14, 12), end: ct(7, 14, 13, 30), reason: 'Dentist' };
  const tech = jake({ weekly: weekdays('08:00', '17:00'), timeOff: [vacation, dentist] });

  it('whole days run from the first midnight to the one after the last day', () => {
    expect(vacation).toEqual({ start: ct(7, 15, 0), end: ct(7, 17, 0), reason: 'Vacation' });
    expect(wholeDaysOff('2026-03-08', '2026-03-08', CHICAGO)).toEqual({ start: ct(3, 8, 0), end: ct(3, 9, 0) });
  });

  it('a whole day off shows "off today" and shades the day as time off with its reason', () => {
    expect(hoursLabel(tech, '2026-07-15', CHICAGO)).toBe('off today');
    expect(unavailableSpans(tech, '2026-07-15', CHICAGO)).toEqual([
      { kind: 'time_off', start: ct(7, 15, 0), end: ct(7, 15, 24), reason: 'Vacation', timeOff: vacation },
    ]);
  });

  it('a span off is shaded between the hours, which the header still shows', () => {
    expect(hoursLabel(tech, '2026-07-14', CHICAGO)).toBe('8:00 AM–5:00 PM');
    expect(unavailableSpans(tech, '2026-07-14', CHICAGO).map((span) => [span.kind, span.start, span.end])).toEqual([
      ['outside_hours', ct(7, 14, 0), ct(7, 14, 8)],
      ['time_off', ct(7, 14, 12), ct(7, 14, 13, 30)],
      ['outside_hours', ct(7, 14, 17), ct(7, 14, 24)],
    ]);
  });

  it.each([
    ['over the dentist', ct(7, 14, 13), ct(7, 14, 14), 'Jake is off then (Dentist).'],
    ['on vacation', ct(7, 15, 9), ct(7, 15, 10), 'Jake is off then (Vacation).'],
    ['touching the dentist', ct(7, 14, 13, 30), ct(7, 14, 15), undefined],
    ['ending as the dentist starts', ct(7, 14, 10), ct(7, 14, 12), undefined],
  ])('a visit %s', (_name, start, end, message) => {
    const verdict = isAvailable(tech, start, end, CHICAGO);
    if (message === undefined) expect(verdict).toEqual({ available: true });
    else expect(verdict).toMatchObject({ available: false, kind: 'time_off', message });
  });

  it('time off outranks hours: a visit before opening on a vacation day names the vacation', () => {
    expect(isAvailable(tech, ct(7, 15, 6), ct(7, 15, 9), CHICAGO)).toMatchObject({ kind: 'time_off' });
  });

  it('without a reason, says only that the technician is off', () => {
    const quiet = jake({ weekly: [], timeOff: [{ start: ct(7, 14, 9), end: ct(7, 14, 10) }] });
    expect(isAvailable(quiet, ct(7, 14, 9), ct(7, 14, 10), CHICAGO)).toMatchObject({ message: 'Jake is off then.' });
  });
});

describe('what availability the schema accepts', () => {
  const valid = { weekly: [{ weekday: 1, start: '08:00', end: '17:00' }], timeOff: [] };

  it('accepts hours, night shifts, 24:00 and time off with a reason', () => {
    const availability = {
      weekly: [
        { weekday: 0, start: '00:00', end: '24:00' },
        { weekday: 5, start: '22:00', end: '06:00' },
      ],
      timeOff: [{ start: ct(7, 15, 0), end: ct(7, 16, 0), reason: 'Vacation' }],
    };
    expect(AvailabilitySchema.parse(availability)).toEqual(availability);
  });

  it.each([
    [
      'a weekday past Saturday',
      { ...valid, weekly: [{ weekday: 7, start: '08:00', end: '17:00' }] },
      'weekly.0.weekday',
    ],
    ['an hour past 23', { ...valid, weekly: [{ weekday: 1, start: '25:00', end: '26:00' }] }, 'weekly.0.start'],
    ['a start at 24:00', { ...valid, weekly: [{ weekday: 1, start: '24:00', end: '08:00' }] }, 'weekly.0.start'],
    [
      'a span ending when it starts',
      { ...valid, weekly: [{ weekday: 1, start: '08:00', end: '08:00' }] },
      'weekly.0.end',
    ],
    [
      'time off ending before it starts',
      { ...valid, timeOff: [{ start: ct(7, 16, 0), end: ct(7, 15, 0) }] },
      'timeOff.0.end',
    ],
    ['an unknown field', { ...valid, holidays: [] }, ''],
  ])('refuses %s, naming the field', (_name, input, path) => {
    const result = AvailabilitySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });
});
